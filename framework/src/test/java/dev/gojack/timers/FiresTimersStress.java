package dev.gojack.timers;

import dev.gojack.FakeClock;
import dev.gojack.FakeClockOption;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many advances while goroutines wait on timers and another collects garbage in a loop. */
final class FiresTimersStress {
    private FiresTimersStress() {
    }

    /** Runs {@code advances} advances of 1 s; returns the waits that completed. Fails on a hang. */
    static long run(FiresTimersContract test, int advances) throws Exception {
        TimersLibrary go = test.go;
        try (FakeClock clock = test.library.fakeClock(FiresTimersContract.START, FakeClockOption.FIRES_TIMERS)) {
            go.StressStart(4);
            long fired;
            try {
                for (int i = 0; i < advances; i++) {
                    long seen = go.StressFired();
                    clock.advance(Duration.ofSeconds(1)); // longer than any wait: each pending one completes
                    Eventually.await("a wait completes after advance " + i, Duration.ofSeconds(20),
                            () -> go.StressFired() > seen);
                }
            } finally {
                // A hang would block StressStop; wait for it with a bound.
                fired = CompletableFuture.supplyAsync(go::StressStop).get(60, TimeUnit.SECONDS);
            }
            assertThat(go.StressGCCycles()).isPositive();
            assertThat(fired).isGreaterThanOrEqualTo(advances);
            return fired;
        }
    }
}
