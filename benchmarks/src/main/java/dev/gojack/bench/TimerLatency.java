package dev.gojack.bench;

import dev.gojack.FakeClock;
import dev.gojack.FakeClockOption;
import dev.gojack.GoLibrary;
import jnr.ffi.LibraryLoader;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * FakeClockOption.FIRES_TIMERS, measured in its own JVM on libtimers.so (default build): the latency from
 * {@code FakeClock.advance} to a fired {@code time.After} as Go observes it (the C monotonic clock in the Go
 * goroutine that received from the channel, minus {@code System.nanoTime()} — the same clock — taken just before
 * the advance), over {@link #ADVANCES} advances; and the cost of {@code time.Now} through the offset stub against
 * the plain vDSO, in the same process. Prints {@code KEY value} lines for {@link BenchMain}.
 */
public final class TimerLatency {
    static final int ADVANCES = 1000;
    private static final int NOW_LOOP = 1_000_000;
    private static final int NOW_ROUNDS = 15;

    /** The exports used. */
    public interface Timers {
        void StartAfter(int id, long d);

        long ProbeCount(int id);

        long ProbeRealAt(int id);

        long NowLoop(long n);
    }

    private TimerLatency() {
    }

    public static void main(String[] args) {
        GoLibrary library = GoLibrary.load(BenchFixtures.library("default", "timers"));
        Timers go = LibraryLoader.create(Timers.class).failImmediately().load(library.path().toString());
        long realNow = medianNowLoop(go);
        try (FakeClock clock = library.fakeClock(Instant.parse("2030-01-01T00:00:00Z"), FakeClockOption.FIRES_TIMERS)) {
            long[] latency = new long[ADVANCES];
            for (int i = 0; i < ADVANCES; i++) {
                int id = i % 64;
                go.StartAfter(id, Duration.ofMinutes(1).toNanos());
                long before = System.nanoTime();
                clock.advance(Duration.ofMinutes(1));
                long deadline = before + Duration.ofSeconds(10).toNanos();
                while (go.ProbeCount(id) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("time.After did not fire within 10 s of advance " + i);
                    }
                    Thread.onSpinWait();
                }
                latency[i] = go.ProbeRealAt(id) - before;
            }
            Arrays.sort(latency);
            long offsetNow = medianNowLoop(go);
            System.out.println("ADVANCE_P50_NS " + latency[ADVANCES / 2]);
            System.out.println("ADVANCE_P99_NS " + latency[(int) (ADVANCES * 0.99) - 1]);
            System.out.println("ADVANCE_MAX_NS " + latency[ADVANCES - 1]);
            System.out.println("NOW_REAL_PS " + realNow * 1000 / NOW_LOOP);
            System.out.println("NOW_OFFSET_PS " + offsetNow * 1000 / NOW_LOOP);
        }
    }

    /** Median real time of NowLoop(10^6), after two warm-up rounds. */
    private static long medianNowLoop(Timers go) {
        long[] t = new long[NOW_ROUNDS];
        go.NowLoop(NOW_LOOP);
        go.NowLoop(NOW_LOOP);
        for (int i = 0; i < NOW_ROUNDS; i++) {
            t[i] = go.NowLoop(NOW_LOOP);
        }
        Arrays.sort(t);
        return t[NOW_ROUNDS / 2];
    }
}
