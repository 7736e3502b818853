package dev.gojack.internal.arch;

/**
 * A function entry as a spy stub takes it over (issue 20): the stack check the function starts with, which the
 * stub repeats so that a call whose stack must grow goes to the function's own morestack block (and is recorded
 * once, when it comes back through the entry), or the position-independent first instructions of a function
 * without a stack check, which the stub's resume code runs before it jumps back.
 *
 * @param entry        the function's entry in this process
 * @param resumeOffset bytes from the entry to the first instruction GoJack never overwrites and that follows
 *                     what the stub repeats or relocates
 * @param check        the kind of stack check, or {@link Check#NONE}
 * @param frameBytes   for {@link Check#BIG} and {@link Check#HUGE}: the bytes subtracted from SP before the
 *                     comparison
 * @param morestack    the address the check branches to when the stack must grow (0 without a check)
 * @param relocated    without a check: the instructions copied from the entry (empty with a check)
 */
public record SpyEntry(long entry, int resumeOffset, Check check, int frameBytes, long morestack, byte[] relocated) {
    /** The stack-check forms of Go's amd64 prologues (go-internals §5). */
    public enum Check {
        /** No stack check: a frameless leaf or NOSPLIT function. */
        NONE,
        /** {@code CMPQ SP, 16(R14); JBE morestack}. */
        SMALL,
        /** {@code LEAQ -n(SP), R12; CMPQ R12, 16(R14); JBE morestack}. */
        BIG,
        /** {@code MOVQ SP, R12; SUBQ $n, R12; JCS morestack; CMPQ R12, 16(R14); JBE morestack}. */
        HUGE
    }

    public SpyEntry {
        relocated = relocated.clone();
    }

    /** Where the function goes on once the stub is done, when that is inside the function itself. */
    public long resume() {
        return entry + resumeOffset;
    }
}
