package dev.gojack.bench;

import dev.gojack.GoLibrary;
import dev.gojack.GoSpy;
import jnr.ffi.LibraryLoader;

import java.util.Arrays;

/**
 * Issue 20: a spied against an unspied call of libspied's {@code main.work} (about 100 ns), Go calling it in a loop
 * ({@code WorkLoop(n)}). The two are measured in alternation, round after round in one JVM (the spy applied and
 * closed between them, the order swapped every round), so that the load of a shared machine drifts over both
 * alike; prints the medians per call (in picoseconds) and the median of the rounds' ratios (per mille).
 */
public final class SpyOverhead {
    static final int ROUNDS = 41;
    static final long CALLS = 200_000;

    /** The export the harness calls. */
    public interface Spied {
        long WorkLoop(long n);

        long Hammer(int goroutines, int each);
    }

    private SpyOverhead() {
    }

    public static void main(String[] args) {
        GoLibrary library = GoLibrary.load(BenchFixtures.library("noinline", "spied"));
        Spied spied = LibraryLoader.create(Spied.class).failImmediately().load(library.path().toString());
        for (int i = 0; i < 20; i++) {
            spied.WorkLoop(CALLS);
            try (GoSpy spy = library.spy("main.work")) {
                spied.WorkLoop(CALLS);
            }
        }
        long[] plain = new long[ROUNDS];
        long[] spiedTimes = new long[ROUNDS];
        long[] ratios = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            if (r % 2 == 0) {
                plain[r] = time(spied);
            }
            try (GoSpy spy = library.spy("main.work")) {
                spiedTimes[r] = time(spied);
                if (spy.callCount() != CALLS) {
                    throw new IllegalStateException("the spy counted " + spy.callCount() + " calls of " + CALLS);
                }
            }
            if (r % 2 == 1) {
                plain[r] = time(spied);
            }
            ratios[r] = spiedTimes[r] * 1000 / plain[r];
        }
        System.out.println("UNSPIED_PS_PER_CALL " + median(plain) * 1000 / CALLS);
        System.out.println("SPIED_PS_PER_CALL " + median(spiedTimes) * 1000 / CALLS);
        System.out.println("RATIO_PERMILLE " + median(ratios));
        // The stub's own cost, on a function that costs almost nothing: main.tick (IMULQ, LEAQ, RET), 10^6 calls.
        long[] tickPlain = new long[ROUNDS];
        long[] tickSpied = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            tickPlain[r] = timeTick(spied);
            try (GoSpy spy = library.spy("main.tick", 1024, 0)) {
                tickSpied[r] = timeTick(spied);
            }
        }
        System.out.println("TICK_UNSPIED_PS_PER_CALL " + median(tickPlain) * 1000 / TICKS);
        System.out.println("TICK_SPIED_PS_PER_CALL " + median(tickSpied) * 1000 / TICKS);
    }

    static final int TICKS = 1_000_000;

    private static long timeTick(Spied spied) {
        long t = System.nanoTime();
        spied.Hammer(1, TICKS);
        return System.nanoTime() - t;
    }

    private static long time(Spied spied) {
        long t = System.nanoTime();
        spied.WorkLoop(CALLS);
        return System.nanoTime() - t;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
