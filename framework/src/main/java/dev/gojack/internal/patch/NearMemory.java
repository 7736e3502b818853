package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;

import java.util.HashMap;
import java.util.Map;

/**
 * Memory for stubs and their data, placed within branch reach of the library's code.
 * <p>
 * Code lives in a shared memory file mapped twice: read+execute near the library, read+write elsewhere.
 * GoJack writes stubs through the second view, so no page is ever writable and executable at once and no
 * page a running thread executes ever changes protection. Data (jump slots, counters, clock state) lives
 * in an ordinary read-write, non-executable mapping, also near the library so stubs can address it
 * RIP-relative. Nothing is freed while the JVM runs: a thread may still be passing through an old stub,
 * and identical stubs are shared, so the memory stays small.
 */
public final class NearMemory {
    private static final long CHUNK = 1 << 20;
    private static final long STEP = 16L << 20;

    private final long anchor;
    private final long reach;
    private final Map<String, Long> stubCache = new HashMap<>();
    private long codeExec;
    private long codeWrite;
    private long codeUsed = CHUNK;
    private long data;
    private long dataUsed = CHUNK;

    /** @param anchor an address in the library's code; @param reach how far stubs may be from it */
    public NearMemory(long anchor, long reach) {
        this.anchor = anchor;
        this.reach = reach;
    }

    /** Copies {@code code} into executable memory near the library; identical code is shared. */
    public synchronized long code(byte[] code) {
        String key = java.util.HexFormat.of().formatHex(code);
        Long cached = stubCache.get(key);
        if (cached != null) {
            return cached;
        }
        int size = (code.length + 15) & ~15;
        if (codeUsed + size > CHUNK) {
            newCodeChunk();
        }
        long offset = codeUsed;
        Native.memory(codeWrite + offset).put(0, code, 0, code.length);
        codeUsed += size;
        stubCache.put(key, codeExec + offset);
        return codeExec + offset;
    }

    /** Places position-dependent code: {@code encoder} receives the address the code will run at. */
    public synchronized long code(int size, java.util.function.LongFunction<byte[]> encoder) {
        int rounded = (size + 15) & ~15;
        if (codeUsed + rounded > CHUNK) {
            newCodeChunk();
        }
        long at = codeExec + codeUsed;
        byte[] code = encoder.apply(at);
        if (code.length > size) {
            throw Problems.stubTooLarge(code.length, size);
        }
        Native.memory(codeWrite + codeUsed).put(0, code, 0, code.length);
        codeUsed += rounded;
        return at;
    }

    /** Zeroed, 16-byte aligned read-write memory near the library. */
    public synchronized long data(int bytes) {
        int size = (bytes + 15) & ~15;
        if (dataUsed + size > CHUNK) {
            data = mapNear(hint -> Native.mapAnonymousAt(hint, CHUNK));
            dataUsed = 0;
        }
        long at = data + dataUsed;
        dataUsed += size;
        return at;
    }

    private void newCodeChunk() {
        int fd = Native.memoryFile("gojack-stubs", CHUNK);
        try {
            codeExec = mapNear(hint -> Native.mapFile(fd, hint, CHUNK, Native.PROT_READ | Native.PROT_EXEC));
            codeWrite = Native.mapFile(fd, 0, CHUNK, Native.PROT_READ | Native.PROT_WRITE);
            if (codeWrite == 0) {
                throw Problems.systemCallFailed("mmap of the writable view of the stub memory", "no mapping");
            }
        } finally {
            Native.closeFile(fd);
        }
        codeUsed = 0;
    }

    private long mapNear(java.util.function.LongUnaryOperator mapAt) {
        long base = anchor & ~(STEP - 1);
        for (long distance = STEP; distance < reach - CHUNK; distance += STEP) {
            for (long candidate : new long[] {base - distance, base + distance}) {
                if (candidate <= 0 || Math.abs(candidate - anchor) > reach - CHUNK) {
                    continue;
                }
                long got = mapAt.applyAsLong(candidate);
                if (got != 0) {
                    return got;
                }
            }
        }
        throw Problems.noNearAddressRange(anchor);
    }
}
