package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.RawAtomics;
import dev.gojack.internal.patch.Location;
import dev.gojack.internal.patch.RestorePolicy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
    private boolean closed;

    FakeClock(long state, Instant start, List<Patch> patches, boolean sleepAdvances) {
        this.state = state;
        this.patches = List.copyOf(patches);
        this.sleepAdvances = sleepAdvances;
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
        while (true) {
            long sequence = RawAtomics.load(state + SEQUENCE);
            if ((sequence & 1) != 0) {
                continue;
            }
            long seconds = RawAtomics.load(state + SECONDS);
            long nanos = RawAtomics.load(state + NANOS);
            long slept = RawAtomics.load(state + SLEPT);
            if (RawAtomics.load(state + SEQUENCE) == sequence) {
                return Instant.ofEpochSecond(seconds - UNIX_TO_INTERNAL, nanos).plusNanos(slept);
            }
        }
    }

    /** Sets the clock to {@code instant}; the next {@code time.Now()} in any goroutine returns it. */
    public synchronized void set(Instant instant) {
        checkOpen();
        write(instant);
    }

    /** Moves the clock by {@code amount} (negative moves it back). */
    public synchronized void advance(Duration amount) {
        checkOpen();
        try {
            write(instant().plus(amount));
        } catch (DateTimeException | ArithmeticException e) {
            throw Problems.clockOutOfRange(amount, instant(), e);
        }
    }

    private void write(Instant instant) {
        long sequence = RawAtomics.load(state + SEQUENCE);
        RawAtomics.store(state + SEQUENCE, sequence + 1);
        RawAtomics.store(state + SECONDS, internalSeconds(instant));
        RawAtomics.store(state + NANOS, instant.getNano());
        // Sleeps that Go threads added until now are folded into the instant just written.
        RawAtomics.getAndSet(state + SLEPT, 0);
        RawAtomics.store(state + SEQUENCE, sequence + 2);
    }

    /** True when {@code time.Sleep} advances this clock instead of sleeping. */
    public boolean sleepAdvances() {
        return sleepAdvances;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    /** {@code time.Now}, the function the clock replaces (and {@code time.Sleep} with {@link #sleepAdvances()}). */
    @Override
    public String target() {
        return "time.Now";
    }

    @Override
    public String describe() {
        return "fake clock (time.Now" + (sleepAdvances ? ", time.Sleep" : "") + ")";
    }

    @Override
    public boolean isRunningSafe() {
        return patches.stream().allMatch(Patch::isRunningSafe);
    }

    private void checkOpen() {
        if (closed) {
            throw Problems.alreadyClosed("The fake clock", location);
        }
    }

    /** Puts the real {@code time.Now} (and {@code time.Sleep}) back. */
    @Override
    public synchronized void close() {
        checkOpen();
        RestorePolicy.closeNewestFirst(patches);
        closed = true;
    }

    @Override
    public String toString() {
        return "FakeClock[" + (closed ? "closed" : instant()) + "]";
    }
}
