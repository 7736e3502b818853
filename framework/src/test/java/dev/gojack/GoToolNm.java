package dev.gojack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code go tool nm -size} on a file: the reference GoJack's symbol resolution is checked against. */
final class GoToolNm {
    /** One text symbol: address and size as nm prints them. */
    record Entry(long address, long size) {
    }

    private GoToolNm() {
    }

    /** Text symbols by name (the first one of each name). */
    static Map<String, Entry> textSymbols(Path library) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("go", "tool", "nm", "-size", library.toString())
                .redirectErrorStream(true).start();
        Map<String, Entry> result = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+", 4);
                if (f.length == 4 && (f[2].equals("T") || f[2].equals("t"))) {
                    result.putIfAbsent(f[3], new Entry(Long.parseUnsignedLong(f[0], 16), Long.parseLong(f[1])));
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("go tool nm failed on " + library);
        }
        return result;
    }
}
