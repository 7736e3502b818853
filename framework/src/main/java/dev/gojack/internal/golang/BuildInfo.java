package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ByteView;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.elf.MalformedInputException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code .go.buildinfo} blob: the Go version that built the file and the module/build settings
 * ({@code go version -m} prints the same). Only the Go 1.18+ inline-string form is read.
 */
public record BuildInfo(GoVersion goVersion, String modulePath, Map<String, String> settings) {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_STRING = 1 << 20;

    /** Reads the blob, or returns empty when the file has none (not built by Go). */
    public static Optional<BuildInfo> read(ElfFile elf) {
        ByteView bytes = elf.bytes();
        long start = elf.section(".go.buildinfo").map(ElfSection::offset).orElse(-1L);
        if (start < 0 || !bytes.contains(start, MAGIC.length)
                || !java.util.Arrays.equals(bytes.bytes(start, MAGIC.length), MAGIC)) {
            start = bytes.indexOf(MAGIC, 0, bytes.size(), 16);
        }
        if (start < 0) {
            return Optional.empty();
        }
        int flags = bytes.u8(start + 15);
        if ((flags & 2) == 0) {
            throw new MalformedInputException("buildinfo uses the pre-Go-1.18 pointer format");
        }
        long[] cursor = {start + 32};
        String version = varString(bytes, cursor);
        String modinfo = varString(bytes, cursor);
        return Optional.of(parse(GoVersion.parse(version), modinfo));
    }

    private static String varString(ByteView bytes, long[] cursor) {
        long length = 0;
        int shift = 0;
        while (true) {
            int b = bytes.u8(cursor[0]++);
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new MalformedInputException("buildinfo string length varint too long");
            }
        }
        if (length > MAX_STRING) {
            throw new MalformedInputException("buildinfo string of " + length + " bytes");
        }
        String s = bytes.string(cursor[0], (int) length);
        cursor[0] += length;
        return s;
    }

    static BuildInfo parse(GoVersion version, String modinfo) {
        // The module info is framed by two 16-byte sentinels that carry no text.
        if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            modinfo = modinfo.substring(16, modinfo.length() - 16);
        }
        String module = "";
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : modinfo.split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length >= 2 && parts[0].equals("path")) {
                module = parts[1];
            } else if (parts.length >= 2 && parts[0].equals("build")) {
                int eq = parts[1].indexOf('=');
                if (eq > 0) {
                    settings.put(parts[1].substring(0, eq), parts[1].substring(eq + 1));
                }
            }
        }
        return new BuildInfo(version, module, Map.copyOf(settings));
    }

    /** True when the library was built with {@code -gcflags=all=-l} (or an equivalent that covers every package). */
    public boolean inliningDisabled() {
        String gcflags = settings.getOrDefault("-gcflags", "");
        for (String flag : gcflags.split("\\s+")) {
            String f = flag.replace("\"", "").replace("'", "");
            if (f.equals("all=-l") || f.equals("all=-N -l") || (f.startsWith("all=") && f.contains("-l"))) {
                return true;
            }
        }
        return false;
    }
}
