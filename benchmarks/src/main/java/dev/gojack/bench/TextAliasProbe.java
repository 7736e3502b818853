package dev.gojack.bench;

import dev.gojack.GoLibrary;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.LibraryMappings;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 15 §2, a measurement only (not used by GoJack): replaces libcalls' text mapping by a memfd holding the same
 * bytes, mapped read+execute at the same address (one {@code mmap(MAP_FIXED)}) and read+write elsewhere, then
 * compares a store through the alias plus {@code membarrier(SYNC_CORE)} with today's floor (mprotect rwx, store,
 * membarrier, mprotect r-x) on the same entry, and prints what {@code /proc/self/maps} shows. The store writes back
 * the bytes already there, so the code never changes. Run as a child JVM: {@code -Dgojack.fixtures.dir=...}.
 */
public final class TextAliasProbe {
    private static final int ROUNDS = 7;
    private static final int N = 20_000;
    private static final long SYS_MMAP = 9;
    private static final int PROT_RX = Native.PROT_READ | Native.PROT_EXEC;
    private static final int MAP_SHARED_FIXED = 0x01 | 0x10;

    /** libc's syscall, for the one mmap(MAP_FIXED) GoJack's Native does not offer. */
    public interface Sys {
        long syscall(long number, long a, long b, long c, long d, long e, long f);
    }

    /** The export of libcalls the probe calls through the replaced text. */
    public interface Calls {
        long CallAddDirect(long a, long b);
    }

    private TextAliasProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path path = BenchFixtures.library("noinline", "calls");
        GoLibrary library = GoLibrary.load(path);
        Calls calls = LibraryLoader.create(Calls.class).load(path.toString());
        Sys sys = LibraryLoader.create(Sys.class).load("c");
        LibraryMappings.Mapping text = LibraryMappings.of(library.path()).mappings().stream()
                .filter(m -> (m.protection() & Native.PROT_EXEC) != 0).findFirst().orElseThrow();
        long length = text.end() - text.start();
        long entry = library.function("main.add").address();
        long page = entry & -Native.pageSize();
        Pointer code = Native.memory(entry);
        long floorBefore = median(() -> {
            Native.protect(page, Native.pageSize(), PROT_RX | Native.PROT_WRITE);
            code.putLong(0, code.getLong(0));
            Native.serialiseAllCores();
            Native.protect(page, Native.pageSize(), PROT_RX);
        });
        long barrierOnly = median(Native::serialiseAllCores);

        // ---- the alias: copy, then replace the text mapping in one mmap call
        long started = System.nanoTime();
        int fd = Native.memoryFile("gojack-text", length);
        long alias = Native.mapFile(fd, 0, length, Native.PROT_READ | Native.PROT_WRITE);
        byte[] bytes = new byte[(int) length];
        Native.memory(text.start()).get(0, bytes, 0, bytes.length);
        Native.memory(alias).put(0, bytes, 0, bytes.length);
        long got = sys.syscall(SYS_MMAP, text.start(), length, PROT_RX, MAP_SHARED_FIXED, fd, 0);
        Native.closeFile(fd);
        long replaceNs = System.nanoTime() - started;
        if (got != text.start()) {
            throw new IllegalStateException("mmap(MAP_FIXED) returned 0x" + Long.toHexString(got));
        }
        byte[] after = new byte[bytes.length];
        Native.memory(text.start()).get(0, after, 0, after.length);
        System.out.println("# text identical after the replacement: " + Arrays.equals(bytes, after)
                + "; Go still runs: CallAddDirect(3, 4) = " + calls.CallAddDirect(3, 4));
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains("libcalls") || line.contains("gojack-text")) {
                System.out.println("# maps: " + line);
            }
        }
        Pointer through = Native.memory(alias + (entry - text.start()));
        long aliasStore = median(() -> {
            through.putLong(0, through.getLong(0));
            Native.serialiseAllCores();
        });
        long floorAfter = median(() -> {
            Native.protect(page, Native.pageSize(), PROT_RX | Native.PROT_WRITE);
            code.putLong(0, code.getLong(0));
            Native.serialiseAllCores();
            Native.protect(page, Native.pageSize(), PROT_RX);
        });
        System.out.println("# CallAddDirect(3, 4) = " + calls.CallAddDirect(3, 4));
        System.out.println("TEXT_BYTES " + length);
        System.out.println("REPLACE_NS " + replaceNs);
        System.out.println("FLOOR_FILE_NS " + floorBefore);
        System.out.println("FLOOR_MEMFD_NS " + floorAfter);
        System.out.println("ALIAS_STORE_BARRIER_NS " + aliasStore);
        System.out.println("BARRIER_NS " + barrierOnly);
        System.out.println("LOADAVG " + Files.readString(Path.of("/proc/loadavg")).trim().replace(' ', '_'));
    }

    /** Median over rounds of the mean time of one {@code op} (ns), after a warm-up round. */
    private static long median(Runnable op) {
        long[] rounds = new long[ROUNDS];
        for (int r = -1; r < ROUNDS; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < N; i++) {
                op.run();
            }
            if (r >= 0) {
                rounds[r] = (System.nanoTime() - t) / N;
            }
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }
}
