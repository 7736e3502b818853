package dev.gojack;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * Reads a string an exported fixture function writes into a caller's buffer ({@code snprintf} style:
 * NUL-terminated, the full length returned).
 */
public final class GoStrings {
    /** Longer than any string a fixture returns; a longer one fails the test rather than being cut short. */
    private static final int BUFFER = 512;

    private GoStrings() {
    }

    /** Calls {@code export(buffer, buffer length)} and decodes what it wrote. */
    public static String read(BiFunction<byte[], Integer, Integer> export) {
        byte[] buf = new byte[BUFFER];
        int length = export.apply(buf, buf.length);
        if (length >= buf.length) {
            throw new IllegalStateException("string of " + length + " bytes does not fit the test buffer");
        }
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
}
