package dev.gojack.internal.patch;

import dev.gojack.Patch;
import dev.gojack.internal.Problems;

/** The life cycle every patch shares: open once, closed once, known to its registry while open. */
public abstract class AbstractPatch implements Patch {
    protected final Patcher registry;
    private final String target;
    private final Location location = Location.here();
    private boolean closed;

    protected AbstractPatch(Patcher registry, String target) {
        this.registry = registry;
        this.target = target;
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
    }

    /** Puts back what the patch replaced; throws (and leaves the patch open) if that is not possible. */
    protected abstract void restore();

    @Override
    public String toString() {
        return describe() + (isClosed() ? " [closed]" : "");
    }
}
