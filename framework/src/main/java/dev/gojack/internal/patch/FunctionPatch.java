package dev.gojack.internal.patch;

import dev.gojack.StubPatch;
import dev.gojack.internal.nat.Native;

/**
 * A function entry sent somewhere else: to a replacement function, or to a stub GoJack generated. Several
 * may stack on one function; the newest open one decides where calls go.
 */
public final class FunctionPatch extends AbstractPatch implements StubPatch {
    final FunctionHook hook;
    final long destination;
    private final String what;
    private final long counter;
    private boolean runningSafe;
    private long finalCount = -1;

    FunctionPatch(PatchRegistry registry, FunctionHook hook, long destination, String what, long counter) {
        super(registry, hook.name);
        this.hook = hook;
        this.destination = destination;
        this.what = what;
        this.counter = counter;
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

    /** After close, the count when the patch was closed: the counter's memory may hold another stub's by then. */
    @Override
    public long callCount() {
        synchronized (PatchRegistry.LOCK) {
            return finalCount >= 0 ? finalCount : callCount(counter, this);
        }
    }

    /** Reads a stub's call counter at {@code counter}; patches that are not GoJack stubs have none (0). */
    public static long callCount(long counter, dev.gojack.Patch patch) {
        if (counter == 0) {
            throw new UnsupportedOperationException(patch.describe() + " does not count calls: it is not a GoJack stub");
        }
        return Native.memory(counter).getLong(0);
    }

    @Override
    public String describe() {
        return target() + " -> " + what + (hook.plan == null ? "" : " (" + hook.plan.kind().name().toLowerCase()
                .replace('_', ' ') + " at 0x" + Long.toHexString(hook.entry) + ")");
    }

    @Override
    protected void restore() {
        registry.unhook(this);
        if (counter != 0) {
            finalCount = Native.memory(counter).getLong(0);
        }
        registry.memory().release(destination);
    }
}
