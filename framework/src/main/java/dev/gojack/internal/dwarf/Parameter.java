package dev.gojack.internal.dwarf;

/** One parameter or result of a function, as DWARF (or a declared signature) gives it. */
public record Parameter(String name, TypeInfo type, boolean result) {
}
