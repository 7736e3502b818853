package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.RawAtomics;
import dev.gojack.internal.patch.Location;
import dev.gojack.internal.patch.RestorePolicy;
import dev.gojack.internal.runtime.RunningClock;

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
 * <p>Such a frozen clock does not fire runtime timers ({@code time.After}, {@code time.NewTimer}, tickers,
 * {@code context} deadline timers, network deadlines): they run on real time. With
 * {@link FakeClockOption#SLEEP_ADVANCES}, {@code time.Sleep} returns at once and advances the clock (the sleeps
 * add up, saturating at {@code Long.MAX_VALUE} nanoseconds).
 *
 * <p>With {@link FakeClockOption#FIRES_TIMERS} the clock runs instead, and {@link #advance} fires every runtime
 * timer due by the new time; {@link #set} and negative advances move the wall clock only. Closing it restores
 * {@code time.Now} but not Go's monotonic clock, which stays ahead by the sum of the advances
 * ({@link GoLibrary#monotonicOffset()}). Effects of fired timers land asynchronously: wait for them with a
 * bounded poll (e.g. Awaitility's {@code await().atMost(...).until(...)}), not a sleep.
 *
 * <p>A clock whose patches were restored by someone else ({@link GoLibrary#close()}, {@link GoLibrary#restoreAll()})
 * is closed: {@link #set} and {@link #advance} then throw {@link PatchStateException}.
 */
public final class FakeClock implements Patch {
    /** Seconds from 0001-01-01T00:00:00Z (Go's internal epoch) to the Unix epoch. */
    static final long UNIX_TO_INTERNAL = 62_135_596_800L;
    private static final int SEQUENCE = 0;
    private static final int SECONDS = 8;
    private static final int NANOS = 16;
    private static final int SLEPT = 24;

    private final long state;
    private final List<Patch> patches;
    private final boolean sleepAdvances;
    private final Location location = Location.here();
    /** The running clock of {@link FakeClockOption#FIRES_TIMERS}, or null for a frozen one. */
    private final RunningClock running;
    private boolean closed;

    FakeClock(long state, Instant start, List<Patch> patches, boolean sleepAdvances) {
        this.state = state;
        this.patches = List.copyOf(patches);
        this.sleepAdvances = sleepAdvances;
        this.running = null;
        write(start);
    }

    FakeClock(RunningClock running) {
        this.state = 0;
        this.patches = List.of(running);
        this.sleepAdvances = false;
        this.running = running;
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
        if (running != null) {
            return running.instant();
        }
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

    /**
     * Sets the clock to {@code instant}; the next {@code time.Now()} in any goroutine returns it (with
     * {@link FakeClockOption#FIRES_TIMERS}: the clock runs on from it, and only the wall clock moves — timers
     * do not fire and monotonic time does not go back).
     */
    public synchronized void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        checkOpen();
        if (running != null) {
            running.set(instant);
            return;
        }
        // Sleeps stay in their own offset (Go adds to it while this runs); the written part absorbs the difference.
        Instant base;
        try {
            base = instant.minusNanos(RawAtomics.load(state + SLEPT));
        } catch (DateTimeException | ArithmeticException e) {
            throw Problems.clockSetOutOfRange(instant, RawAtomics.load(state + SLEPT), e);
        }
        write(base);
    }

    /**
     * Moves the clock by {@code amount} (negative moves it back). With {@link FakeClockOption#FIRES_TIMERS} a
     * positive amount also moves Go's monotonic clock and fires the timers due by then; a negative one moves the
     * wall clock only.
     */
    public synchronized void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        checkOpen();
        if (running != null) {
            running.advance(amount);
            return;
        }
        Instant base = read();
        try {
            Instant target = base.plus(amount);
            target.plusNanos(RawAtomics.load(state + SLEPT)); // the sum Go and instant() will compute must exist
            write(target);
        } catch (DateTimeException | ArithmeticException e) {
            throw Problems.clockOutOfRange(amount, instant(), e);
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

    /** True when this clock runs and fires Go's runtime timers ({@link FakeClockOption#FIRES_TIMERS}). */
    public boolean firesTimers() {
        return running != null;
    }

    /**
     * What the clock patches, for people. For a clock that fires timers it also says how far Go's monotonic
     * clock was moved: that offset stays after {@link #close()}.
     */
    @Override
    public String describe() {
        if (running != null) {
            return running.describe();
        }
        return "fake clock (time.Now" + (sleepAdvances ? ", time.Sleep" : "") + ") frozen, created at " + location;
    }

    /** {@code time.Now}, the function the clock replaces (and {@code time.Sleep} with {@link #sleepAdvances()}). */
    @Override
    public String target() {
        return "time.Now";
    }

    @Override
    public boolean isRunningSafe() {
        return patches.stream().allMatch(Patch::isRunningSafe);
    }

    /** True when {@code time.Sleep} advances this clock instead of sleeping. */
    public boolean sleepAdvances() {
        return sleepAdvances;
    }

    /**
     * True once the clock is closed: by {@link #close()}, or because its patches were restored by someone else
     * ({@link GoLibrary#close()}, {@link GoLibrary#restoreAll()}, or closing one of them directly).
     */
    @Override
    public synchronized boolean isClosed() {
        return closed || patches.stream().anyMatch(Patch::isClosed);
    }

    private void checkOpen() {
        if (closed) {
            throw Problems.alreadyClosed("The fake clock", location);
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
        return "The fake clock created at " + location;
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
            throw Problems.alreadyClosed("The fake clock", location);
        }
        List<String> restored = restoredPatches();
        closed = true;
        RestorePolicy.closeNewestFirst(patches.stream().filter(p -> !p.isClosed()).toList());
        if (!restored.isEmpty()) {
            throw Problems.clockRestoredElsewhere(describeClock(), restored);
        }
    }

    @Override
    public String toString() {
        return "FakeClock[" + (isClosed() ? "closed" : instant()) + "]";
    }
}
