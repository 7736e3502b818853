package dev.gojack.junit;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/** Reads a string a fixture export writes into a caller's buffer (snprintf style). */
final class GoStrings {
    private GoStrings() {
    }

    static String read(BiFunction<byte[], Integer, Integer> export) {
        byte[] buf = new byte[256];
        int length = export.apply(buf, buf.length);
        return new String(buf, 0, Math.min(length, buf.length - 1), StandardCharsets.UTF_8);
    }
}
