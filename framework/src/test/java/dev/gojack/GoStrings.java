package dev.gojack;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/** Reads a string an exported Go function writes into a caller's buffer (NUL-terminated, length returned). */
final class GoStrings {
    private GoStrings() {
    }

    static String read(BiFunction<byte[], Integer, Integer> call) {
        byte[] buf = new byte[512];
        int length = call.apply(buf, buf.length);
        if (length >= buf.length) {
            throw new IllegalStateException("string of " + length + " bytes does not fit the test buffer");
        }
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
}
