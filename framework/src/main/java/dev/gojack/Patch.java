package dev.gojack;

/**
 * A change GoJack made to a loaded Go library, in force until {@link #close()}. Closing restores exactly the
 * bytes that were replaced (after checking they are still the ones GoJack wrote); closing twice is an error.
 * Use it with try-with-resources, or let {@link GoLibrary#restoreAll()} (or the JUnit extension) close it.
 */
public interface Patch extends AutoCloseable {
    /** The patched symbol, as Go names it (for a generic function: its base name). */
    String target();

    /** What the patch does, for people: {@code "main.add -> main.addReplacement (8-byte store at 0x…)"}. */
    String describe();

    /** True once closed. */
    boolean isClosed();

    /**
     * True when the patch was applied, and will be restored, with stores that are safe while other threads run
     * the patched code. False means it is only safe while no goroutine runs the function (GoJack warned once).
     */
    boolean isRunningSafe();

    /**
     * Restores what the patch replaced.
     *
     * @throws PatchStateException    if it was already closed
     * @throws PatchConflictException if the bytes are no longer those GoJack wrote (memory is left alone)
     */
    @Override
    void close();
}
