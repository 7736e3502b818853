package dev.gojack.internal.arch;

/**
 * One machine word to leave in a result register: integer register {@code index} (in ABI order) or, when
 * {@code floating}, floating-point register {@code index}; {@code bits} is the raw value (for a float32, the
 * low 32 bits).
 */
public record RegisterValue(boolean floating, int index, long bits, boolean single) {
}
