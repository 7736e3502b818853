package dev.gojack.junit;

import dev.gojack.GoJackException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What one scope (a test, or a test class) changed, restored newest first. Restoring goes on past a failure, so
 * one broken patch does not leave the others in place; the failures are then thrown together.
 */
final class RestoreStack {
    private final String owner;
    private final Deque<Restorable> applied = new ArrayDeque<>();

    /** {@code owner} names the scope in messages, e.g. the test's display name. */
    RestoreStack(String owner) {
        this.owner = owner;
    }

    synchronized void push(Restorable restorable) {
        applied.push(restorable);
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
    synchronized void restoreAll() {
        List<String> failures = new ArrayList<>();
        List<RuntimeException> errors = new ArrayList<>();
        while (!applied.isEmpty()) {
            Restorable r = applied.pop();
            try {
                if (!r.isRestored()) {
                    r.restore();
                }
            } catch (RuntimeException e) {
                failures.add(r.describe() + ": " + e.getMessage());
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            GoJackException failure = new GoJackException(Messages.restoreFailed(owner, failures), errors.get(0));
            errors.subList(1, errors.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
