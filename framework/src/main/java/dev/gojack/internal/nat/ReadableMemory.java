package dev.gojack.internal.nat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads of this process's memory that cannot crash the JVM, for words that came from Go memory and only look
 * like pointers (a struct read as an interface value, a non-string read as a string header).
 *
 * <p>Two checks, because each covers what the other cannot. A snapshot of the readable mappings of
 * {@code /proc/self/maps} answers "is this whole range readable?" before GoJack allocates a Java array for it
 * (a wild string header can claim a length of a gibibyte); it is re-read when it says no, since mappings
 * appear as Go and the JVM grow. The copy itself goes through {@code process_vm_readv}, which the kernel checks
 * page by page: a range unmapped between the check and the copy makes the call fail instead of raising
 * SIGSEGV. Where the kernel refuses {@code process_vm_readv} (seccomp, ENOSYS), the maps check alone guards a
 * plain copy; Go does not unmap its heap, so that window only matters for memory being unmapped right then.
 */
public final class ReadableMemory {
    /** Ranges at or below this size skip the maps check when the checked copy is available. */
    private static final long SMALL = 64 << 10;
    private static final boolean CHECKED_COPY = probeCheckedCopy();
    private static volatile long[] readable = readMaps();

    private ReadableMemory() {
    }

    /** The {@code length} bytes at {@code address}, or empty when any of them cannot be read. */
    public static Optional<byte[]> read(long address, int length) {
        if (length < 0) {
            return Optional.empty();
        }
        if (length == 0) {
            return Optional.of(new byte[0]);
        }
        if ((!CHECKED_COPY || length > SMALL) && !isReadable(address, length)) {
            return Optional.empty();
        }
        byte[] out = new byte[length];
        if (CHECKED_COPY) {
            jnr.ffi.Pointer buffer = Native.allocate(length);
            if (Native.readChecked(address, buffer.address(), length) != length) {
                return Optional.empty();
            }
            buffer.get(0, out, 0, length);
        } else {
            Native.memory(address).get(0, out, 0, length);
        }
        return Optional.of(out);
    }

    /** The little-endian 8-byte word at {@code address}, or empty when it cannot be read. */
    public static OptionalLong readLong(long address) {
        return read(address, 8).map(b -> OptionalLong.of(java.nio.ByteBuffer.wrap(b)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())).orElse(OptionalLong.empty());
    }

    /** True when every byte of {@code [address, address + length)} lies in a readable mapping now. */
    public static boolean isReadable(long address, long length) {
        if (length <= 0) {
            return length == 0;
        }
        long end = address + length;
        if (address <= 0 || end < address) {
            return false;
        }
        if (covered(readable, address, end)) {
            return true;
        }
        readable = readMaps();
        return covered(readable, address, end);
    }

    /** Whether the sorted, merged ranges {@code [start0, end0, start1, end1, …]} cover {@code [from, to)}. */
    private static boolean covered(long[] ranges, long from, long to) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long start = ranges[2 * mid];
            long end = ranges[2 * mid + 1];
            if (Long.compareUnsigned(from, start) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(from, end) >= 0) {
                lo = mid + 1;
            } else {
                return Long.compareUnsigned(to, end) <= 0;
            }
        }
        return false;
    }

    /** Readable ranges of /proc/self/maps, adjacent ones merged, as {@code [start, end]} pairs in address order. */
    private static long[] readMaps() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            return new long[0];
        }
        List<long[]> ranges = new ArrayList<>();
        for (String line : lines) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash < 0 || space < dash || line.length() < space + 2 || line.charAt(space + 1) != 'r') {
                continue;
            }
            long start = Long.parseUnsignedLong(line, 0, dash, 16);
            long end = Long.parseUnsignedLong(line, dash + 1, space, 16);
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == start) {
                ranges.get(ranges.size() - 1)[1] = end;
            } else {
                ranges.add(new long[] {start, end});
            }
        }
        long[] flat = new long[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            flat[2 * i] = ranges.get(i)[0];
            flat[2 * i + 1] = ranges.get(i)[1];
        }
        return flat;
    }

    /** Whether process_vm_readv works here: it copies a known buffer and refuses a known-bad address. */
    private static boolean probeCheckedCopy() {
        jnr.ffi.Pointer source = Native.allocate(8);
        jnr.ffi.Pointer target = Native.allocate(8);
        source.putLong(0, 0x5a5a_1234_5678_a5a5L);
        try {
            return Native.readChecked(source.address(), target.address(), 8) == 8
                    && target.getLong(0) == 0x5a5a_1234_5678_a5a5L
                    && Native.readChecked(8, target.address(), 8) < 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** True when reads go through the kernel-checked copy (process_vm_readv). */
    public static boolean usesCheckedCopy() {
        return CHECKED_COPY;
    }
}
