package dev.gojack.internal.patch;

/**
 * The call counter of a GoJack stub: a word the stub increments on every call. When its patch closes the count is
 * frozen, because the counter's memory may be handed to another stub afterwards; reads then return the frozen
 * count.
 */
final class CallCounter {
    private final long address;
    private long frozen = -1;

    CallCounter(long address) {
        this.address = address;
    }

    /** The calls so far, or the count when the patch was closed. */
    long count() {
        synchronized (Patcher.LOCK) {
            return frozen >= 0 ? frozen : MemoryWriter.readWord(address);
        }
    }

    /** Called under the lock when the patch closes, before the counter's memory can be handed out again. */
    void freeze() {
        frozen = MemoryWriter.readWord(address);
    }
}
