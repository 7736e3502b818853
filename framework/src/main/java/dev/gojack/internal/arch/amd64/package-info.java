/** x86-64: the instruction-length decoder, the stub encoder and the entry-jump plans. */
package dev.gojack.internal.arch.amd64;
