package dev.gojack.internal.patch;

/**
 * Where a function lies among its neighbours, as file virtual addresses: its entry, the next function's entry,
 * and the end of the previous function's code. The gaps between are padding.
 */
public record FunctionLayout(long entry, long nextEntry, long previousEnd) {
}
