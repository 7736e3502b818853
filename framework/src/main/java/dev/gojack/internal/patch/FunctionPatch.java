package dev.gojack.internal.patch;

import dev.gojack.StubPatch;
import dev.gojack.internal.Problems;

/**
 * A function entry sent somewhere else: to a replacement function, or to a stub GoJack generated. Several
 * may stack on one function; the newest open one decides where calls go.
 */
public class FunctionPatch extends AbstractPatch {
    final FunctionHook hook;
    final long destination;
    private final String what;
    private boolean runningSafe;

    FunctionPatch(Patcher registry, FunctionHook hook, long destination, String what) {
        super(registry, hook.name);
        this.hook = hook;
        this.destination = destination;
        this.what = what;
    }

    /** The patch of {@code hook}; a {@link StubPatch} when the destination is a stub counting calls at {@code counter}. */
    static FunctionPatch of(Patcher registry, FunctionHook hook, long destination, String what, long counter) {
        return counter == 0 ? new FunctionPatch(registry, hook, destination, what)
                : new Stub(registry, hook, destination, what, counter);
    }

    void runningSafe(boolean safe) {
        this.runningSafe = safe;
    }

    @Override
    public boolean isRunningSafe() {
        return runningSafe;
    }

    /** Where calls to the function now go. */
    public long destination() {
        return destination;
    }

    @Override
    public String describe() {
        return target() + " -> " + what + (hook.plan == null ? "" : " (" + hook.plan.kind().name().toLowerCase()
                .replace('_', ' ') + " at 0x" + Long.toHexString(hook.entry) + ")")
                + (hook.plan == null || runningSafe ? "" : "; WARNING: " + Problems.quiescentOnlyReason());
    }

    /**
     * Restores the entry (or the previous patch's destination), then lets go of the stub: once no patch uses it,
     * its memory is retired and later reused (see {@link StubGrace}).
     */
    @Override
    protected void restore() {
        registry.unhook(this);
        unhooked();
        registry.memory().release(destination);
    }

    /** Called under the lock once no call can reach this patch's destination through it any more. */
    void unhooked() {
    }

    /** A function sent to a GoJack stub that counts its calls. */
    static final class Stub extends FunctionPatch implements StubPatch {
        private final CallCounter counter;

        Stub(Patcher registry, FunctionHook hook, long destination, String what, long counter) {
            super(registry, hook, destination, what);
            this.counter = new CallCounter(counter);
        }

        @Override
        public long callCount() {
            return counter.count();
        }

        @Override
        void unhooked() {
            // Still under the lock and before the release, so the counter cannot have been handed out again yet.
            counter.freeze();
        }
    }
}
