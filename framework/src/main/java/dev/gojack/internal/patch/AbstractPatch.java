package dev.gojack.internal.patch;

import dev.gojack.Patch;
import dev.gojack.internal.Problems;

/** The life cycle every patch shares: open once, closed once, known to its registry while open. */
public abstract class AbstractPatch implements Patch {
    protected final Patcher registry;
    private final String target;
    private final Location location;
    private boolean closed;

    protected AbstractPatch(Patcher registry, String target) {
        this(registry, target, Location.here());
    }

    /** A patch made at {@code location} (which its maker already took). */
    protected AbstractPatch(Patcher registry, String target, Location location) {
        this.registry = registry;
        this.target = target;
        this.location = location;
    }

    /** Where the patch was made. */
    public final Location location() {
        return location;
    }

    @Override
    public final String target() {
        return target;
    }

    @Override
    public final boolean isClosed() {
        synchronized (Patcher.LOCK) {
            return closed;
        }
    }

    @Override
    public final void close() {
        synchronized (Patcher.LOCK) {
            if (closed) {
                throw Problems.alreadyClosed(describe(), location);
            }
            restore();
            closed = true;
            registry.forget(this);
        }
        afterClose();
    }

    /**
     * Runs once the patch is closed and restored, outside the engine's lock; what it throws reaches the caller of
     * {@link #close()} (issue 19: a Java answer's body threw, and the test must fail).
     */
    protected void afterClose() {
    }

    /** Puts back what the patch replaced; throws (and leaves the patch open) if that is not possible. */
    protected abstract void restore();

    @Override
    public String toString() {
        return describe() + (isClosed() ? " [closed]" : "");
    }
}
