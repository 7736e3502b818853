package dev.gojack.examples;

import dev.gojack.FakeClock;
import dev.gojack.junit.FakeGoClock;
import dev.gojack.junit.GoJackTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test time-dependent Go code without waiting: {@code @FakeGoClock} fixes Go's {@code time.Now}, and the injected
 * {@link FakeClock} moves it.
 *
 * <p>In libclock.so, {@code TokenIsValid(expiresUnixNano)} returns 1 while {@code time.Now()} is before the
 * expiry; {@code CachePut}/{@code CacheGet} is a small TTL cache that forgets entries by {@code time.Now()}.
 */
@GoJackTest(library = "clock")
@FakeGoClock("2026-01-30T17:00:00-05:00")
class TokenExpiryExampleTest {

    /** Exports of libclock.so. */
    public interface Clock {
        int TokenIsValid(long expiresUnixNano);

        void CachePut(long key, long value, long ttlMillis);

        long CacheGet(long key);

        void CacheClear();
    }

    @Test
    void aTokenExpiresAfterItsLifetime(Clock go, FakeClock clock) {
        long expiry = unixNanos(clock.instant().plus(Duration.ofHours(1)));

        assertThat(go.TokenIsValid(expiry)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(59));
        assertThat(go.TokenIsValid(expiry)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(go.TokenIsValid(expiry)).isZero();
    }

    @Test
    void aCacheEntryIsForgottenWhenItsTtlRunsOut(Clock go, FakeClock clock) {
        go.CacheClear();
        go.CachePut(1, 42, Duration.ofSeconds(30).toMillis());

        clock.advance(Duration.ofSeconds(29));
        assertThat(go.CacheGet(1)).isEqualTo(42);

        clock.advance(Duration.ofSeconds(1));
        assertThat(go.CacheGet(1)).isEqualTo(-1);
    }

    private static long unixNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
