package dev.gojack.internal.runtime;

import dev.gojack.internal.Problems;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.Patcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A fake clock that runs and fires timers: Go's wall clock is shifted by an offset that makes
 * {@code time.Now} read the start instant plus the real time elapsed plus the advances, and each advance also
 * shifts the monotonic clock (so runtime timers become due) and wakes the scheduler. Closing it puts the wall
 * clock back; the monotonic offset stays (monotonic time never goes back).
 */
public final class RunningClock extends AbstractPatch {
    private final RuntimeClock clock;
    private final Instant start;

    RunningClock(Patcher registry, RuntimeClock clock, Instant start) {
        super(registry, "time.Now");
        this.clock = clock;
        this.start = start;
    }

    /** The wall-clock offset (in ns) that makes {@code time.Now} read {@code target} now; checked against the cap. */
    static long offsetTo(Instant target, Path library) {
        Duration offset = Duration.between(Instant.now(), target);
        if (offset.abs().compareTo(RuntimeClock.MAX_OFFSET) > 0) {
            throw Problems.clockOffsetTooLarge(library, "time.Now would be " + target + ", " + human(offset)
                    + " from the real time");
        }
        return offset.toNanos();
    }

    /** The instant Go's {@code time.Now()} reads now. */
    public Instant instant() {
        return Instant.now().plusNanos(clock.pointer().offset(VdsoClockPointer.REALTIME));
    }

    /** Moves the wall clock only: monotonic time and timers never move back. */
    public void set(Instant target) {
        synchronized (Patcher.lock()) {
            checkOpen();
            clock.pointer().setOffset(VdsoClockPointer.REALTIME, offsetTo(target, clock.binary().path()));
        }
    }

    /**
     * Moves the wall clock by {@code amount}; when it is positive, the monotonic clock too, and then wakes the
     * scheduler so that every timer due by then fires.
     */
    public void advance(Duration amount) {
        synchronized (Patcher.lock()) {
            checkOpen();
            VdsoClockPointer pointer = clock.pointer();
            long realtime = pointer.offset(VdsoClockPointer.REALTIME);
            long monotonic = pointer.offset(VdsoClockPointer.MONOTONIC);
            long nanos;
            try {
                nanos = amount.toNanos();
                Math.addExact(realtime, nanos);
                if (nanos > 0) {
                    Math.addExact(monotonic, nanos);
                }
            } catch (ArithmeticException e) {
                throw Problems.clockOffsetTooLarge(clock.binary().path(), "advancing by " + amount + " overflows");
            }
            if (Math.abs(realtime + nanos) > RuntimeClock.MAX_OFFSET.toNanos()) {
                throw Problems.clockOffsetTooLarge(clock.binary().path(), "after advancing by " + amount
                        + " time.Now would be " + human(Duration.ofNanos(realtime + nanos)) + " from the real time");
            }
            if (nanos > 0 && monotonic + nanos > RuntimeClock.MAX_OFFSET.toNanos()) {
                throw Problems.clockOffsetTooLarge(clock.binary().path(), "after advancing by " + amount
                        + " the monotonic clock would be " + human(Duration.ofNanos(monotonic + nanos)) + " ahead");
            }
            clock.waker().check();
            // Wall first: code that sees a timer fire (by the monotonic clock) then reads the new wall time.
            pointer.setOffset(VdsoClockPointer.REALTIME, realtime + nanos);
            if (nanos > 0) {
                pointer.setOffset(VdsoClockPointer.MONOTONIC, monotonic + nanos);
                clock.waker().wake();
            }
        }
    }

    private void checkOpen() {
        if (isClosed()) {
            throw Problems.alreadyClosed(describe(), location());
        }
    }

    /** How far the monotonic clock is ahead of the real one (it stays after close). */
    public Duration monotonicOffset() {
        return clock.monotonicOffset();
    }

    @Override
    protected void restore() {
        clock.pointer().setOffset(VdsoClockPointer.REALTIME, 0);
        clock.pointer().uninstallIfUnshifted();
    }

    @Override
    public String describe() {
        String mono = human(clock.monotonicOffset());
        return "time.Now -> running fake clock from " + start + " (wall-clock shift through "
                + "runtime.vdsoClockgettimeSym; monotonic clock +" + mono + ", which stays after close: Go's "
                + "monotonic time never goes back)";
    }

    @Override
    public boolean isRunningSafe() {
        return true;
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
