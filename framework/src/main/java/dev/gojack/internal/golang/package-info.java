/** Readers of what the Go toolchain puts in a binary: build info, pclntab, moduledata, inline trees, types. */
package dev.gojack.internal.golang;
