package dev.gojack.examples;

import dev.gojack.FakeClock;
import dev.gojack.junit.FakeGoClock;
import dev.gojack.junit.GoJackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go code that waits on timers, driven by the test: with {@code firesTimers = true} the fake clock runs, and
 * {@link FakeClock#advance} fires every Go timer due by the new time — here a cron-like scheduler's
 * {@code time.NewTimer} and a TTL cache's cleanup {@code time.NewTicker}. A fired timer's effect lands
 * asynchronously (typically within a millisecond), so the test polls for it with a bound instead of sleeping.
 *
 * <p>In libtimers.so, {@code SchedulerStart} runs jobs the way robfig/cron does (one timer for the next entry,
 * rescheduled from the time the timer delivers); {@code TTLCache*} is a cache whose cleanup goroutine evicts
 * expired entries on every tick, like hashicorp/golang-lru's expirable cache.
 */
@GoJackTest(library = "timers")
@FakeGoClock(value = "2026-01-30T09:00:00Z", firesTimers = true)
class FiringTimersExampleTest {

    /** Exports of libtimers.so. */
    public interface Timers {
        void SchedulerStart(long[] everyMillis, int n);

        long SchedulerRuns(int job);

        void SchedulerStop();

        void TTLCacheStart(long ttlMillis, long cleanupMillis);

        void TTLCachePut(long key);

        int TTLCacheLen();

        long TTLCacheEvicted();

        void TTLCacheStop();
    }

    private Timers go;

    @AfterEach
    void stop() {
        if (go != null) {
            go.SchedulerStop();
            go.TTLCacheStop();
        }
    }

    @Test
    void aJobScheduledEveryMinuteRunsOncePerMinuteOfFakeTime(Timers go, FakeClock clock) {
        this.go = go;
        go.SchedulerStart(new long[] {Duration.ofMinutes(1).toMillis()}, 1);

        for (int minute = 1; minute <= 5; minute++) {
            clock.advance(Duration.ofMinutes(1));
            long expected = minute;
            eventually(() -> go.SchedulerRuns(0) == expected);
        }
        assertThat(go.SchedulerRuns(0)).isEqualTo(5);
    }

    @Test
    void theCleanupTickerEvictsExpiredEntriesWhenTheClockPassesTheirTtl(Timers go, FakeClock clock) {
        this.go = go;
        go.TTLCacheStart(Duration.ofSeconds(30).toMillis(), Duration.ofSeconds(10).toMillis());
        go.TTLCachePut(1);
        go.TTLCachePut(2);

        clock.advance(Duration.ofSeconds(20)); // cleanup ticks; nothing has expired yet
        assertThat(go.TTLCacheEvicted()).isZero();

        clock.advance(Duration.ofSeconds(10)); // the tick at 30 s finds both expired
        eventually(() -> go.TTLCacheLen() == 0);
        assertThat(go.TTLCacheEvicted()).isEqualTo(2);
    }

    /**
     * Waits up to 5 s for {@code condition}, polling every millisecond (Awaitility's
     * {@code await().atMost(5, SECONDS).until(condition)} does the same).
     */
    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
