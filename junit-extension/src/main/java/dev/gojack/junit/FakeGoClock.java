package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts Go's {@code time.Now} in the {@link GoJackTest} library under the test's control for each test, starting
 * at {@link #value()}; see {@link dev.gojack.FakeClock} for what is covered. Declare a
 * {@link dev.gojack.FakeClock} parameter to move the clock during the test.
 *
 * <p>The clock is set before the {@code @BeforeEach} methods run and the real {@code time.Now} is back after the
 * {@code @AfterEach} methods ran, whatever the outcome. On a class it applies to every test of the class, its
 * subclasses and its {@code @Nested} classes; when the method and its classes declare several, the nearest one
 * (method, then innermost class) is used. A value that is not an ISO-8601 instant fails the test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names it.
 *
 * <pre>{@code
 * @Test
 * @FakeGoClock("2026-01-30T17:00:00-05:00")
 * void tokenExpiresAfterOneHour(FakeClock clock, Tokens tokens) {
 *     long expiry = clock.instant().plusSeconds(3600).toEpochMilli() * 1_000_000;
 *     assertThat(tokens.TokenIsValid(expiry)).isEqualTo(1);
 *     clock.advance(Duration.ofHours(1));
 *     assertThat(tokens.TokenIsValid(expiry)).isEqualTo(0);
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GoJackExtension.class)
public @interface FakeGoClock {
    /**
     * The instant {@code time.Now()} returns when the test starts: an ISO-8601 instant
     * ({@code "2026-01-30T22:00:00Z"}) or date-time with an offset ({@code "2026-01-30T17:00:00-05:00"}),
     * optionally followed by a zone id in brackets. The offset only fixes the instant; {@link #zone()} picks the
     * location of the Go times.
     */
    String value();

    /** The location of the {@code time.Time} values {@code time.Now()} returns. */
    Zone zone() default Zone.UTC;

    /** When true, {@code time.Sleep(d)} returns at once and advances the clock by {@code d}. */
    boolean sleepAdvances() default false;

    /**
     * When true, the clock runs and {@link dev.gojack.FakeClock#advance} fires Go's runtime timers
     * ({@code time.After}, tickers, {@code AfterFunc}, sleeps, context and network deadlines): see
     * {@link dev.gojack.FakeClockOption#FIRES_TIMERS}. Go's monotonic clock stays ahead by the advances after
     * the test. Not with {@link #sleepAdvances()}.
     */
    boolean firesTimers() default false;

    /** Where the times {@code time.Now()} returns are located. */
    enum Zone {
        /** {@code time.UTC}. */
        UTC,
        /** Go's {@code time.Local} (needs an unstripped library). */
        LOCAL
    }
}
