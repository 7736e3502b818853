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

    @Override
    protected void restore() {
        registry.unhook(this);
    }

    /** A function sent to a GoJack stub that counts its calls. */
    static final class Stub extends FunctionPatch implements StubPatch {
        private final long counter;

        Stub(Patcher registry, FunctionHook hook, long destination, String what, long counter) {
            super(registry, hook, destination, what);
            this.counter = counter;
        }

        @Override
        public long callCount() {
            return MemoryWriter.readWord(counter);
        }
    }
}
