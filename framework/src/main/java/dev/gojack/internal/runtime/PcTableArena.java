package dev.gojack.internal.runtime;

import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.MemoryWriter;

import java.util.List;

/**
 * Memory for pc-value tables GoJack adds to a module. The runtime finds a table as {@code moduledata.pctab[off:]}
 * with a u32 {@code off}, so the memory lies above the module's pctab, less than 4 GiB from it, and the pctab
 * slice's length is grown to reach it (one aligned 8-byte store each for len and cap; it only ever grows, so a
 * reader sees an old or a new length and every offset in use stays inside either). Never freed: a table stays in
 * use as long as the jump it describes, which is as long as the process.
 */
final class PcTableArena {
    private static final long CHUNK = 64 * 1024;
    private static final long STEP = 2L << 20;
    private static final long REACH = 0xffffffffL;

    private final long pctab;
    private final long lengthField;
    private final MemoryWriter writer;
    private long chunk;
    private long used = CHUNK;

    /** @param pctab the module's pctab; @param lengthField address of the pctab slice's len (cap follows it) */
    PcTableArena(long pctab, long lengthField, MemoryWriter writer) {
        this.pctab = pctab;
        this.lengthField = lengthField;
        this.writer = writer;
    }

    /** Copies {@code table} into the arena; returns its offset from pctab. */
    long place(byte[] table) {
        if (used + table.length > CHUNK) {
            newChunk();
        }
        long at = chunk + used;
        Native.memory(at).put(0, table, 0, table.length);
        used += (table.length + 3) & ~3;
        return at - pctab;
    }

    private void newChunk() {
        long start = (pctab + STEP) & ~(STEP - 1);
        for (long hint = start; hint + CHUNK - pctab < REACH; hint += STEP) {
            long got = Native.mapAnonymousAt(hint, CHUNK);
            if (got != 0) {
                growPctab(got + CHUNK - pctab);
                chunk = got;
                used = 0;
                return;
            }
        }
        throw new IllegalStateException("no free address range within 4 GiB above the module's pctab at 0x"
                + Long.toHexString(pctab));
    }

    private void growPctab(long length) {
        long len = Native.memory(lengthField).getLong(0);
        long cap = Native.memory(lengthField + 8).getLong(0);
        if (length <= len) {
            return;
        }
        writer.storeData(List.of(new MemoryWriter.DataStore(lengthField + 8, 8, cap, Math.max(cap, length)),
                new MemoryWriter.DataStore(lengthField, 8, len, length)));
    }
}
