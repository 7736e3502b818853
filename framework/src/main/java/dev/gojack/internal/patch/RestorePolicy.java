package dev.gojack.internal.patch;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * How GoJack restores several things at once, everywhere: newest first, skipping what is already restored,
 * going on past a failure (one broken patch must not leave the others in place), and then throwing the first
 * failure with the others suppressed on it.
 */
public final class RestorePolicy {
    private RestorePolicy() {
    }

    /** Closes every open patch of {@code patches} (oldest first in the list), newest first. */
    public static void closeNewestFirst(List<? extends dev.gojack.Patch> patches) {
        restoreNewestFirst(patches, dev.gojack.Patch::isClosed, dev.gojack.Patch::close);
    }

    /**
     * Restores {@code items} (oldest first in the list) newest first with {@code restore}, skipping those
     * {@code restored} says are done.
     *
     * @throws RuntimeException the first failure, with the later ones suppressed, after every item was tried
     */
    public static <T> void restoreNewestFirst(List<? extends T> items, Predicate<? super T> restored,
                                              Consumer<? super T> restore) {
        restoreNewestFirst(items, restored, restore, (item, failure) -> { });
    }

    /** As above; {@code failed} hears of each failure, in the order they happen. */
    public static <T> void restoreNewestFirst(List<? extends T> items, Predicate<? super T> restored,
                                              Consumer<? super T> restore,
                                              BiConsumer<? super T, RuntimeException> failed) {
        RuntimeException first = null;
        for (int i = items.size() - 1; i >= 0; i--) {
            T item = items.get(i);
            try {
                if (!restored.test(item)) {
                    restore.accept(item);
                }
            } catch (RuntimeException e) {
                failed.accept(item, e);
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
