package dev.gojack.timers;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Bounded polling for effects that land asynchronously (a fired Go timer): never a blind sleep. */
final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} every millisecond until it holds; fails after {@code atMost}. */
    static void await(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + atMost + ": " + what);
            }
            pause();
        }
    }

    /** Checks, for {@code period}, that {@code value} keeps returning {@code expected} (nothing fires early). */
    static void staysAt(String what, Duration period, long expected, LongSupplier value) {
        long end = System.nanoTime() + period.toNanos();
        do {
            assertThat(value.getAsLong()).as(what).isEqualTo(expected);
            pause();
        } while (System.nanoTime() < end);
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
