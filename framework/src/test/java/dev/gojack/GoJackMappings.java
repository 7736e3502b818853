package dev.gojack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GoJack's own memory as /proc/self/maps lists it: memory files named gojack-…, except the views of the library's
 * code pages ({@code gojack-text}), which replace pages of the library rather than adding memory.
 */
record GoJackMappings(int count, long bytes) {
    static GoJackMappings now() {
        int count = 0;
        long bytes = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("/memfd:gojack-") && !line.contains("/memfd:gojack-text")) {
                    String range = line.substring(0, line.indexOf(' '));
                    int dash = range.indexOf('-');
                    bytes += Long.parseUnsignedLong(range.substring(dash + 1), 16)
                            - Long.parseUnsignedLong(range.substring(0, dash), 16);
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GoJackMappings(count, bytes);
    }

    @Override
    public String toString() {
        return count + " mappings, " + (bytes >> 20) + " MiB";
    }
}
