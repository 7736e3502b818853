package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.RawAtomics;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Go's {@code time.Now} under Java's control. While open, every {@code time.Now()} in the library returns the
 * fake instant — wall-clock only (no monotonic reading), so {@code time.Since}, {@code time.Until} and
 * {@code Time.Sub} compute from the fake clock too. {@link #set} and {@link #advance} take effect at once
 * without re-patching: the stub reads the instant from memory that Java updates under a sequence lock, so a
 * Go thread never sees a torn seconds/nanoseconds pair.
 *
 * <p>Not covered: runtime timers ({@code time.After}, {@code time.NewTimer}, tickers, {@code context}
 * deadline timers, network deadlines) fire on real time; with {@link FakeClockOption#SLEEP_ADVANCES},
 * {@code time.Sleep} returns at once and advances the clock.
 */
public final class FakeClock implements AutoCloseable {
    /** Seconds from 0001-01-01T00:00:00Z (Go's internal epoch) to the Unix epoch. */
    static final long UNIX_TO_INTERNAL = 62_135_596_800L;
    private static final int SEQUENCE = 0;
    private static final int SECONDS = 8;
    private static final int NANOS = 16;
    private static final int SLEPT = 24;

    private final long state;
    private final List<Patch> patches;
    private final boolean sleepAdvances;
    private final String createdAt;
    private boolean closed;

    FakeClock(long state, Instant start, List<Patch> patches, boolean sleepAdvances) {
        this.state = state;
        this.patches = List.copyOf(patches);
        this.sleepAdvances = sleepAdvances;
        this.createdAt = CreationSite.describe();
        write(start);
    }

    static void initialise(long state, Instant start) {
        RawAtomics.store(state + SECONDS, internalSeconds(start));
        RawAtomics.store(state + NANOS, start.getNano());
    }

    private static long internalSeconds(Instant instant) {
        return instant.getEpochSecond() + UNIX_TO_INTERNAL;
    }

    /** The instant Go's {@code time.Now()} returns now. */
    public synchronized Instant instant() {
        return read().plusNanos(RawAtomics.load(state + SLEPT));
    }

    /**
     * The written instant without the sleeps: read under the sequence lock. The sleep offset is not part of
     * the locked state (Go adds to it at any time); it only grows, so adding it afterwards never moves time back.
     */
    private Instant read() {
        while (true) {
            long sequence = RawAtomics.load(state + SEQUENCE);
            if ((sequence & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long seconds = RawAtomics.load(state + SECONDS);
            long nanos = RawAtomics.load(state + NANOS);
            if (RawAtomics.load(state + SEQUENCE) == sequence) {
                return Instant.ofEpochSecond(seconds - UNIX_TO_INTERNAL, nanos);
            }
        }
    }

    /** Sets the clock to {@code instant}; the next {@code time.Now()} in any goroutine returns it. */
    public synchronized void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        checkOpen();
        // Sleeps stay in their own offset (Go adds to it while this runs); the written part absorbs the difference.
        Instant base;
        try {
            base = instant.minusNanos(RawAtomics.load(state + SLEPT));
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Cannot set the fake clock to " + instant + ": with the "
                    + RawAtomics.load(state + SLEPT) + " ns that time.Sleep added it is outside the range of "
                    + "java.time.Instant.", e);
        }
        write(base);
    }

    /** Moves the clock by {@code amount} (negative moves it back). */
    public synchronized void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        checkOpen();
        Instant base = read();
        try {
            Instant target = base.plus(amount);
            target.plusNanos(RawAtomics.load(state + SLEPT)); // the sum Go and instant() will compute must exist
            write(target);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Cannot advance the fake clock by " + amount + " from " + instant()
                    + ": the result is outside the range of java.time.Instant.", e);
        }
    }

    /** Writes the instant under the sequence lock; the word is even again whatever happens. */
    private void write(Instant instant) {
        long seconds = internalSeconds(instant);
        long nanos = instant.getNano();
        long sequence = RawAtomics.load(state + SEQUENCE);
        RawAtomics.store(state + SEQUENCE, sequence + 1);
        try {
            RawAtomics.store(state + SECONDS, seconds);
            RawAtomics.store(state + NANOS, nanos);
        } finally {
            RawAtomics.store(state + SEQUENCE, sequence + 2);
        }
    }

    /** True when {@code time.Sleep} advances this clock instead of sleeping. */
    public boolean sleepAdvances() {
        return sleepAdvances;
    }

    /**
     * True once the clock is closed: by {@link #close()}, or because its patches were restored by someone else
     * ({@link GoLibrary#close()}, {@link GoLibrary#restoreAll()}, or closing one of them directly).
     */
    public synchronized boolean isClosed() {
        return closed || patches.stream().anyMatch(Patch::isClosed);
    }

    private void checkOpen() {
        if (closed) {
            throw Problems.alreadyClosed(describeClock());
        }
        List<String> restored = restoredPatches();
        if (!restored.isEmpty()) {
            throw Problems.clockRestoredElsewhere(describeClock(), restored);
        }
    }

    private List<String> restoredPatches() {
        return patches.stream().filter(Patch::isClosed).map(Patch::target).toList();
    }

    private String describeClock() {
        return "The fake clock created at " + createdAt;
    }

    /**
     * Puts the real {@code time.Now} (and {@code time.Sleep}) back.
     *
     * @throws PatchStateException if the clock was already closed, or if its patches were restored by someone
     *                             else (then what was still patched is restored first, and the clock is closed)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            throw Problems.alreadyClosed(describeClock());
        }
        List<String> restored = restoredPatches();
        closed = true;
        GoLibrary.closeNewestFirst(patches.stream().filter(p -> !p.isClosed()).toList());
        if (!restored.isEmpty()) {
            throw Problems.clockRestoredElsewhere(describeClock(), restored);
        }
    }

    @Override
    public String toString() {
        return "FakeClock[" + (isClosed() ? "closed" : instant()) + "]";
    }
}
