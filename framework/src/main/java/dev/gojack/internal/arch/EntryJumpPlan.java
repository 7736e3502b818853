package dev.gojack.internal.arch;

import java.util.List;

/**
 * How a jump is put at a function entry: the writes that install it, in order (a padding jump before the
 * entry store that reaches it), and the one write at the entry that a restore undoes. Padding writes stay
 * in place after a restore, since a thread may still be passing through them.
 */
public record EntryJumpPlan(Kind kind, List<CodeWrite> preparation, CodeWrite entryWrite, long paddingSlot) {
    public EntryJumpPlan {
        preparation = List.copyOf(preparation);
    }

    /** The write strategies, safest first. */
    public enum Kind {
        /** The first instruction is at least as long as the jump: one aligned 8-byte store. */
        ALIGNED_STORE(true),
        /** A short jump at the entry (one 2-byte store) to a long jump placed in inter-function padding. */
        PADDING_HOTPATCH(true),
        /** Neither fits: only safe while no thread runs the function. */
        QUIESCENT_ONLY(false);

        private final boolean runningSafe;

        Kind(boolean runningSafe) {
            this.runningSafe = runningSafe;
        }

        public boolean runningSafe() {
            return runningSafe;
        }
    }
}
