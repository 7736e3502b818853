package dev.gojack.internal.runtime;

import dev.gojack.GoBinary;
import dev.gojack.internal.Problems;
import dev.gojack.internal.patch.Patcher;

import java.time.Duration;
import java.time.Instant;

/**
 * The Go runtime's clocks of one library, shifted through {@link VdsoClockPointer} and woken through
 * {@link NetpollWaker}: what {@code FakeClockOption.FIRES_TIMERS} runs on. One per library; it keeps the
 * monotonic offset for the life of the process, so a later running clock continues from it.
 */
public final class RuntimeClock {
    /** The largest offset either clock may carry: 100 years (36,525 days). */
    public static final Duration MAX_OFFSET = Duration.ofDays(36_525);

    private final GoBinary binary;
    private final long loadBase;
    private final Patcher registry;
    private VdsoClockPointer pointer;
    private NetpollWaker waker;
    private RunningClock open;

    public RuntimeClock(GoBinary binary, long loadBase, Patcher registry) {
        this.binary = binary;
        this.loadBase = loadBase;
        this.registry = registry;
    }

    /**
     * Starts a running clock at {@code start}: checks everything, then shifts the wall clock so that
     * {@code time.Now} reads {@code start} now and runs on from there.
     *
     * @throws dev.gojack.PatchRefusedException  if a check fails (nothing was changed)
     * @throws dev.gojack.PatchConflictException if another running clock is open
     */
    public RunningClock start(Instant start) {
        synchronized (Patcher.lock()) {
            if (open != null && !open.isClosed()) {
                throw Problems.runningClockOpen(binary.path(), open.describe());
            }
            if (pointer == null) {
                NetpollWaker w = NetpollWaker.locate(binary, loadBase);
                w.check();
                pointer = VdsoClockPointer.prepare(binary, loadBase, registry.memory());
                waker = w;
            }
            long realtime = RunningClock.offsetTo(start, binary.path());
            pointer.install();
            pointer.setOffset(VdsoClockPointer.REALTIME, realtime);
            open = new RunningClock(registry, this, start);
            registry.register(open);
            return open;
        }
    }

    /** How far Go's monotonic clock was moved ahead of the real one; it never goes back. */
    public Duration monotonicOffset() {
        synchronized (Patcher.lock()) {
            return pointer == null ? Duration.ZERO : Duration.ofNanos(pointer.offset(VdsoClockPointer.MONOTONIC));
        }
    }

    VdsoClockPointer pointer() {
        return pointer;
    }

    NetpollWaker waker() {
        return waker;
    }

    GoBinary binary() {
        return binary;
    }
}
