package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's mappings as the kernel reports them in {@code /proc/self/maps}, read once at load: the
 * protection every page had before GoJack touched it, which is what every write puts back.
 */
public final class LibraryMappings {
    private final List<Mapping> mappings;

    private LibraryMappings(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** The mappings of the file {@code library} in this process. */
    public static LibraryMappings of(Path library) {
        return new LibraryMappings(read().stream().filter(m -> m.path().equals(library.toString())).toList());
    }

    /** Every mapping of this process, now. */
    public static List<Mapping> read() {
        try {
            List<Mapping> result = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                String[] f = line.trim().split("\\s+", 6);
                String[] range = f[0].split("-");
                int prot = (f[1].charAt(0) == 'r' ? Native.PROT_READ : 0)
                        | (f[1].charAt(1) == 'w' ? Native.PROT_WRITE : 0)
                        | (f[1].charAt(2) == 'x' ? Native.PROT_EXEC : 0);
                result.add(new Mapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), prot,
                        f.length > 5 ? f[5] : ""));
            }
            return result;
        } catch (IOException e) {
            throw Problems.systemCallFailed("reading /proc/self/maps", e.toString());
        }
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /** The original protection of the page at {@code address}. */
    public int protectionOf(long address) {
        for (Mapping m : mappings) {
            if (address >= m.start() && address < m.end()) {
                return m.protection();
            }
        }
        throw Problems.notInLibraryMappings(address);
    }

    /** One line of {@code /proc/self/maps}. */
    public record Mapping(long start, long end, int protection, String path) {
        public boolean writableAndExecutable() {
            return (protection & Native.PROT_WRITE) != 0 && (protection & Native.PROT_EXEC) != 0;
        }
    }
}
