package dev.gojack.junit;

import dev.gojack.GoAnswerException;
import dev.gojack.GoJackException;
import dev.gojack.Patch;
import dev.gojack.internal.patch.RestorePolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scope (a test, or a test class) changed, restored newest first by GoJack's one
 * {@link RestorePolicy}: restoring goes on past a failure, so one broken patch does not leave the others in
 * place; the failures are then thrown together.
 */
final class RestoreStack {
    private final java.util.function.Supplier<String> owner;
    private final List<Patch> applied = new ArrayList<>();

    /** {@code owner} names the scope in messages, e.g. the test's display name (asked only when one is built). */
    RestoreStack(java.util.function.Supplier<String> owner) {
        this.owner = owner;
    }

    synchronized void push(Patch patch) {
        applied.add(patch);
    }

    synchronized int size() {
        return applied.size();
    }

    /**
     * Restores everything still applied, newest first, and empties the stack; a second call does nothing.
     *
     * @throws GoJackException if anything could not be restored (the first failure is its cause, the others
     *                         are suppressed)
     */
    void restoreAll() {
        List<Patch> all;
        synchronized (this) { // not held while closing: the engine's lock may be taken first (a batch)
            all = List.copyOf(applied);
            applied.clear();
        }
        List<String> failures = new ArrayList<>();
        try {
            RestorePolicy.restoreNewestFirst(all, Patch::isClosed, Patch::close,
                    (patch, e) -> failures.add(patch.describe() + ": " + e.getMessage()));
        } catch (RuntimeException first) {
            if (first instanceof GoAnswerException && first.getSuppressed().length == 0) {
                // Restored, but a Java answer's body threw during the test: that exception fails the test as is.
                throw first;
            }
            GoJackException failure = new GoJackException(Messages.restoreFailed(owner.get(), failures), first);
            for (Throwable later : first.getSuppressed()) {
                failure.addSuppressed(later);
            }
            throw failure;
        }
    }
}
