package dev.gojack.internal.runtime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes pc-value tables in the runtime's encoding (the inverse of {@code runtime.step} and of
 * {@link dev.gojack.internal.golang.PcValueTable}): for each run, the zig-zag varint of the value's change
 * (starting from -1), then the varint of the run's length in pc quanta; a 0 byte ends the table. A change of 0
 * would read as the end, so runs of equal value are merged.
 */
public final class PcTableEncoder {
    private PcTableEncoder() {
    }

    /** pcs [start, end) have {@code value}. */
    public record Run(long start, long end, int value) {
    }

    /** {@code runs} (contiguous, in order) with consecutive runs of the same value merged. */
    public static List<Run> merged(List<Run> runs) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs) {
            if (!out.isEmpty() && out.get(out.size() - 1).value() == r.value()) {
                Run last = out.remove(out.size() - 1);
                out.add(new Run(last.start(), r.end(), r.value()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The encoded table for {@code runs}, which must be contiguous and start at the function's entry. */
    public static byte[] encode(List<Run> runs, int pcQuantum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        long pc = runs.isEmpty() ? 0 : runs.get(0).start();
        boolean first = true;
        for (Run r : merged(runs)) {
            if (r.start() != pc || r.end() <= r.start() || (r.end() - r.start()) % pcQuantum != 0) {
                throw new IllegalArgumentException("runs are not contiguous whole quanta at 0x" + Long.toHexString(pc));
            }
            int delta = r.value() - previous;
            if (delta == 0 && !first) {
                throw new IllegalStateException("merged runs cannot repeat a value");
            }
            uvarint(out, (delta << 1) ^ (delta >> 31));
            uvarint(out, (r.end() - r.start()) / pcQuantum);
            previous = r.value();
            pc = r.end();
            first = false;
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void uvarint(ByteArrayOutputStream out, long value) {
        long v = value & 0xffffffffL;
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
