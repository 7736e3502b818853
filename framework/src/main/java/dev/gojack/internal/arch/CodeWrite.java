package dev.gojack.internal.arch;

import java.util.HexFormat;

/**
 * One change to code bytes: at {@code address}, {@code expected} becomes {@code replacement}. When
 * {@code atomic} is set the change is one aligned store of exactly {@code replacement.length} bytes (2 or 8),
 * so no thread can ever see a half-written instruction.
 */
public record CodeWrite(long address, byte[] expected, byte[] replacement, boolean atomic) {
    public CodeWrite {
        if (expected.length != replacement.length) {
            throw new IllegalArgumentException("expected and replacement differ in length");
        }
        if (atomic && (replacement.length != 2 && replacement.length != 8 || address % replacement.length != 0)) {
            throw new IllegalArgumentException("an atomic store must be 2 or 8 naturally aligned bytes");
        }
        expected = expected.clone();
        replacement = replacement.clone();
    }

    /** The write that undoes this one. */
    public CodeWrite inverse() {
        return new CodeWrite(address, replacement, expected, atomic);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + ": " + hex(expected) + " -> " + hex(replacement);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
