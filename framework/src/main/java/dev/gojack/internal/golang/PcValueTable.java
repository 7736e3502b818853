package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ByteView;
import dev.gojack.internal.elf.MalformedInputException;

/**
 * Decoder of one pc-value table of the pclntab (the runtime's {@code step}): a run of
 * (zig-zag value delta, pc delta) varint pairs, ended by a zero byte. Bounded by {@link #MAX_STEPS} so a
 * crafted table cannot loop for ever.
 */
public final class PcValueTable {
    private static final int MAX_STEPS = 1 << 20;

    private final ByteView bytes;
    private final int pcQuantum;
    private long cursor;
    private boolean first = true;
    private long pc;
    private int value = -1;

    public PcValueTable(ByteView bytes, long offset, long entry, int pcQuantum) {
        this.bytes = bytes;
        this.cursor = offset;
        this.pc = entry;
        this.pcQuantum = pcQuantum;
    }

    /** Advances to the next (pc end, value) run; false at the end of the table. */
    public boolean next() {
        int valueDelta = bytes.u8(cursor);
        if (valueDelta == 0 && !first) {
            return false;
        }
        first = false;
        long[] v = varint(cursor);
        cursor = v[1];
        long uv = v[0];
        value += (int) (-(uv & 1) ^ (uv >>> 1));
        long[] p = varint(cursor);
        cursor = p[1];
        pc += p[0] * pcQuantum;
        return true;
    }

    /** End (exclusive) of the pc range of the current run. */
    public long pc() {
        return pc;
    }

    /** Value of the current run. */
    public int value() {
        return value;
    }

    private long[] varint(long at) {
        long result = 0;
        int shift = 0;
        long p = at;
        while (true) {
            int b = bytes.u8(p++);
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return new long[] {result & 0xffffffffL, p};
            }
            shift += 7;
            if (shift > 35) {
                throw new MalformedInputException("pc-value varint too long at 0x" + Long.toHexString(at));
            }
        }
    }

    /** Runs the whole table, calling {@code visitor} for each run; returns the final pc. */
    public long forEach(RunVisitor visitor) {
        int steps = 0;
        long start = pc;
        while (next()) {
            if (++steps > MAX_STEPS) {
                throw new MalformedInputException("pc-value table longer than " + MAX_STEPS + " runs");
            }
            visitor.run(start, pc, value);
            start = pc;
        }
        return pc;
    }

    /** One run of a pc-value table: pcs [start, end) have {@code value}. */
    @FunctionalInterface
    public interface RunVisitor {
        void run(long start, long end, int value);
    }
}
