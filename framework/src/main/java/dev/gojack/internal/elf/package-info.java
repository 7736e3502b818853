/** A bounds-checked reader of ELF files (sections, segments, symbols, relocations); no native code. */
package dev.gojack.internal.elf;
