package dev.gojack.internal.patch;

/**
 * Decides whether a long jump may be parked in a run of padding, and makes it safe before it is written. A PC
 * in padding belongs, for the Go runtime, to the function before it ({@code findfunc}); a goroutine stopped
 * there by async preemption, or a profiling signal landing there, makes the runtime read that function's pc
 * tables at that PC — and throw if they do not cover it (go-internals §9 item 7). The patch layer parks a jump
 * only in a slot its guard can cover, and calls {@link #cover} before the jump is written.
 */
public interface PaddingSlotGuard {
    /** A guard that covers nothing: no padding slot is ever used (every such plan falls back to quiescent-only). */
    PaddingSlotGuard NONE = new PaddingSlotGuard() {
        @Override
        public boolean canCover(long slot, int length) {
            return false;
        }

        @Override
        public void cover(long slot, int length) {
            throw new IllegalStateException("no pc-table coverage is available for this library");
        }
    };

    /** Whether {@link #cover} can make {@code length} bytes of code at {@code slot} safe for the runtime. */
    boolean canCover(long slot, int length);

    /**
     * Makes {@code length} bytes at {@code slot} safe: the runtime then finds the function that covers them
     * and pc tables describing them. Lasts as long as the process (a parked jump is never removed).
     *
     * @throws IllegalStateException when that cannot be done after all; nothing was changed then
     */
    void cover(long slot, int length);
}
