package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go's time.Now under Java's control, checked through every function of the clock fixture. */
@Tag("core")
class FakeClockTest {
    static final Instant START = Instant.parse("2026-01-30T22:00:00.123456789Z");
    static GoLibrary library;
    static ClockLibrary clock;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("clock"));
        clock = Fixtures.bind(ClockLibrary.class, library);
    }

    @AfterEach
    void realClockIsBack() {
        assertNothingLeftPatched(library);
        long real = System.currentTimeMillis() * 1_000_000L;
        assertThat(Math.abs(clock.NowUnixNano() - real)).isLessThan(Duration.ofMinutes(1).toNanos());
    }

    private static long unixNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void nowReturnsTheFakeInstantToTheNanosecondAndFollowsSetAndAdvance() {
        try (FakeClock fake = library.fakeClock(START)) {
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(START));
            assertThat(clock.NowUnixSeconds()).isEqualTo(START.getEpochSecond());
            assertThat(clock.NowNanosecond()).isEqualTo(123_456_789);
            fake.advance(Duration.ofDays(30).plusNanos(1));
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(START.plus(Duration.ofDays(30)).plusNanos(1)));
            fake.set(Instant.parse("1999-12-31T23:59:59.999999999Z"));
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(Instant.parse("1999-12-31T23:59:59.999999999Z")));
            fake.advance(Duration.ofNanos(1));
            assertThat(fake.instant()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(Instant.parse("2000-01-01T00:00:00Z")));
        }
    }

    @Test
    void instantsFarFromTheUnixEpochAreExactInGo() {
        Instant ancient = Instant.parse("1066-10-14T09:00:00.000000001Z");
        Instant future = Instant.parse("9999-12-31T23:59:59.999999999Z");
        try (FakeClock fake = library.fakeClock(ancient)) {
            assertThat(GoStrings.read(clock::FormatNowUTC)).isEqualTo("1066-10-14T09:00:00.000000001Z");
            fake.set(future);
            assertThat(GoStrings.read(clock::FormatNowUTC)).isEqualTo("9999-12-31T23:59:59.999999999Z");
        }
    }

    @Test
    void sinceAndUntilComputeFromTheFakeClock() {
        try (FakeClock fake = library.fakeClock(START)) {
            long anHourAgo = unixNanos(START.minus(Duration.ofHours(1)));
            assertThat(clock.SinceNanos(anHourAgo)).isEqualTo(Duration.ofHours(1).toNanos());
            long tomorrow = unixNanos(START.plus(Duration.ofDays(1)));
            assertThat(clock.UntilNanos(tomorrow)).isEqualTo(Duration.ofDays(1).toNanos());
            fake.advance(Duration.ofMinutes(30));
            assertThat(clock.SinceNanos(anHourAgo)).isEqualTo(Duration.ofMinutes(90).toNanos());
        }
    }

    @Test
    void timesAreUtcByDefaultAndInGosLocalZoneOnRequest() {
        try (FakeClock ignored = library.fakeClock(START)) {
            assertThat(GoStrings.read(clock::FormatNow)).isEqualTo("2026-01-30T22:00:00.123456789Z");
            assertThat(GoStrings.read(clock::NowLocationName)).isEqualTo("UTC");
        }
        String localName = GoStrings.read(clock::NowLocationName);
        try (FakeClock ignored = library.fakeClock(START, FakeClockOption.LOCAL_ZONE)) {
            assertThat(GoStrings.read(clock::NowLocationName)).isEqualTo(localName).isEqualTo("Local");
            String local = GoStrings.read(clock::FormatNow);
            assertThat(OffsetDateTime.parse(local, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()).isEqualTo(START);
            assertThat(GoStrings.read(clock::FormatNowLocal)).isEqualTo(local);
            assertThat(GoStrings.read(clock::FormatNowUTC)).isEqualTo("2026-01-30T22:00:00.123456789Z");
        }
    }

    @Test
    void ttlCacheEntriesExpireWhenTheClockIsAdvancedPastTheirTtl() {
        try (FakeClock fake = library.fakeClock(START)) {
            clock.CacheClear();
            clock.CachePut(1, 100, 60_000);
            fake.advance(Duration.ofSeconds(59).plusMillis(999).plusNanos(999_999));
            assertThat(clock.CacheGet(1)).isEqualTo(100);
            fake.advance(Duration.ofNanos(1));
            assertThat(clock.CacheGet(1)).isEqualTo(-1);
        }
    }

    @Test
    void tokenIsValidUntilTheExactNanosecondOfExpiry() {
        Instant expiry = START.plus(Duration.ofDays(30));
        try (FakeClock fake = library.fakeClock(expiry.minusNanos(1))) {
            assertThat(clock.TokenIsValid(unixNanos(expiry))).isEqualTo(1);
            fake.set(expiry);
            assertThat(clock.TokenIsValid(unixNanos(expiry))).isZero();
        }
    }

    @Test
    void cryptoX509CertificateValidityFollowsTheFakeClockToTheNanosecond() {
        Instant notAfter = Instant.parse("2026-02-01T00:00:00Z");
        try (FakeClock fake = library.fakeClock(Instant.parse("2025-12-31T23:59:59.999999999Z"))) {
            assertThat(GoStrings.read(clock::CertificateVerifyNow)).startsWith("x509: certificate has expired or is not yet valid")
                    .contains("2025-12-31T23:59:59Z is before 2026-01-01T00:00:00Z");
            fake.advance(Duration.ofNanos(1));
            assertThat(GoStrings.read(clock::CertificateVerifyNow)).isEmpty();
            fake.set(notAfter);
            assertThat(GoStrings.read(clock::CertificateVerifyNow)).isEmpty();
            fake.advance(Duration.ofNanos(1));
            assertThat(GoStrings.read(clock::CertificateVerifyNow)).startsWith("x509: certificate has expired")
                    .contains("is after 2026-02-01T00:00:00Z");
        }
    }

    @Test
    void contextDeadlinesCompareWithTheFakeClock() {
        try (FakeClock fake = library.fakeClock(START)) {
            long deadline = unixNanos(START.plusSeconds(10));
            assertThat(clock.DeadlineExceeded(deadline)).isZero();
            fake.advance(Duration.ofSeconds(10));
            assertThat(clock.DeadlineExceeded(deadline)).isEqualTo(1);
        }
    }

    @Test
    void withSleepAdvancesARetryLoopWithBackoffCompletesInstantlyAndMovesTheClock() {
        try (FakeClock fake = library.fakeClock(START, FakeClockOption.SLEEP_ADVANCES)) {
            long before = clock.MonotonicNanos();
            long elapsedInGo = clock.RetryWithBackoff(6, 1000);
            long real = clock.MonotonicNanos() - before;
            // 1 + 2 + 4 + 8 + 16 seconds of back-off
            assertThat(elapsedInGo).isEqualTo(Duration.ofSeconds(31).toNanos());
            assertThat(fake.instant()).isEqualTo(START.plusSeconds(31));
            assertThat(real).isLessThan(Duration.ofSeconds(1).toNanos());
            assertThat(clock.SleepMillis(5_000)).isLessThan(Duration.ofSeconds(1).toNanos());
            assertThat(fake.instant()).isEqualTo(START.plusSeconds(36));
        }
        assertThat(clock.SleepMillis(20)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    }

    @Test
    void withoutSleepAdvancesSleepStaysReal() {
        try (FakeClock fake = library.fakeClock(START)) {
            assertThat(clock.SleepMillis(30)).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
            assertThat(fake.instant()).isEqualTo(START);
        }
    }

    @Test
    void goroutinesReadingWhileJavaAdvancesNeverSeeATornInstant() throws Exception {
        try (FakeClock fake = library.fakeClock(Instant.parse("2030-01-01T00:00:00.999999999Z"))) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    fake.advance(Duration.ofNanos(1_000_000_001)); // carries into the seconds every time
                }
            });
            writer.start();
            long previous = Long.MIN_VALUE;
            try {
                for (int i = 0; i < 200_000; i++) {
                    long now = clock.NowUnixNano();
                    // every instant written has nanos 999_999_999 + k*1 ns ... always a whole step
                    assertThat(now).isGreaterThanOrEqualTo(previous);
                    assertThat((now - unixNanos(Instant.parse("2030-01-01T00:00:00.999999999Z"))) % 1_000_000_001L)
                            .isZero();
                    previous = now;
                }
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    @Test
    void goroutinesReadingInGoWhileJavaAdvancesSeeOnlyWholeStepsInOrder() {
        Instant base = Instant.parse("2030-01-01T00:00:00.999999999Z");
        long step = 1_000_000_001L; // every advance carries into the seconds
        try (FakeClock fake = library.fakeClock(base)) {
            clock.NowReadersStart(3, unixNanos(base), step);
            try {
                long deadline = System.nanoTime() + 1_000_000_000L;
                int advances = 0;
                while (System.nanoTime() < deadline) {
                    fake.advance(Duration.ofNanos(step));
                    advances++;
                }
                assertThat(advances).isGreaterThan(1000);
            } finally {
                clock.NowReadersStop();
            }
            assertThat(clock.NowReadersCount(0)).as("reads").isGreaterThan(1000);
            assertThat(clock.NowReadersCount(1)).as("torn or backward reads").isZero();
        }
    }

    @Test
    void advancingPastTheRangeOfInstantIsRefusedAndLeavesTheClockAsItWas() {
        try (FakeClock fake = library.fakeClock(START)) {
            assertThatThrownBy(() -> fake.advance(Duration.ofSeconds(Long.MAX_VALUE)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Cannot advance the fake clock").hasMessageContaining("java.time.Instant");
            assertThat(fake.instant()).isEqualTo(START);
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(START));
        }
    }

    @Test
    void closingTwiceAndUsingAfterCloseAreErrors() {
        FakeClock fake = library.fakeClock(START);
        fake.close();
        assertThat(fake.isClosed()).isTrue();
        assertThatThrownBy(fake::close).isInstanceOf(PatchStateException.class);
        assertThatThrownBy(() -> fake.advance(Duration.ofSeconds(1))).isInstanceOf(PatchStateException.class);
    }

    @Test
    void setNullIsRefusedBeforeAnythingIsWrittenSoGoKeepsReadingTheClock() throws Exception {
        try (FakeClock fake = library.fakeClock(START)) {
            assertThatThrownBy(() -> fake.set(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("instant");
            // A reader that spins on an odd sequence word never returns: read from Go with a bounded wait.
            long goNow = CompletableFuture.supplyAsync(clock::NowUnixNano).get(10, TimeUnit.SECONDS);
            assertThat(goNow).isEqualTo(unixNanos(START));
            assertThat(fake.instant()).isEqualTo(START);
            fake.advance(Duration.ofSeconds(1));
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(START.plusSeconds(1)));
        }
    }

    @Test
    void sleepsAddedWhileJavaAdvancesAreNeverLostAndTimeNeverGoesBack() throws Exception {
        int sleeps = 100_000;
        try (FakeClock fake = library.fakeClock(START, FakeClockOption.SLEEP_ADVANCES)) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong advances = new AtomicLong();
            AtomicLong backwards = new AtomicLong();
            Thread sleeper = new Thread(() -> {
                // The sleeps must overlap the advances: on a loaded machine 100k stub calls can finish before the
                // advancer thread is first scheduled.
                while (advances.get() == 0) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < sleeps; i++) {
                    clock.SleepMillis(1);
                }
                done.set(true);
            });
            Thread advancer = new Thread(() -> {
                while (!done.get()) {
                    fake.advance(Duration.ofSeconds(1));
                    advances.incrementAndGet();
                }
            });
            Thread reader = new Thread(() -> {
                long previous = Long.MIN_VALUE;
                while (!done.get()) {
                    long now = clock.NowUnixNano();
                    if (now < previous) {
                        backwards.incrementAndGet();
                    }
                    previous = now;
                }
            });
            sleeper.start();
            advancer.start();
            reader.start();
            sleeper.join();
            advancer.join();
            reader.join();
            assertThat(advances.get()).isPositive();
            assertThat(backwards.get()).as("reads earlier than the previous one").isZero();
            Instant expected = START.plusSeconds(advances.get()).plusMillis(sleeps);
            assertThat(fake.instant()).isEqualTo(expected);
            assertThat(clock.NowUnixNano()).isEqualTo(unixNanos(expected));
        }
    }

    @Test
    void sleepsBeyondTheLargestDurationSaturateAndJavaAndGoAgree() {
        long longestMillis = Long.MAX_VALUE / 1_000_000;
        try (FakeClock fake = library.fakeClock(START, FakeClockOption.SLEEP_ADVANCES)) {
            clock.SleepMillis(longestMillis);
            Instant afterOne = START.plusMillis(longestMillis);
            assertThat(fake.instant()).isEqualTo(afterOne);
            assertThat(Instant.parse(GoStrings.read(clock::FormatNowUTC))).isEqualTo(afterOne);
            clock.SleepMillis(longestMillis);
            Instant saturated = START.plusNanos(Long.MAX_VALUE);
            assertThat(fake.instant()).isEqualTo(saturated);
            assertThat(Instant.parse(GoStrings.read(clock::FormatNowUTC))).isEqualTo(saturated);
            fake.advance(Duration.ofDays(1));
            assertThat(fake.instant()).isEqualTo(saturated.plus(Duration.ofDays(1)));
            assertThat(Instant.parse(GoStrings.read(clock::FormatNowUTC))).isEqualTo(saturated.plus(Duration.ofDays(1)));
        }
    }

    @Test
    void restoringTheLibraryClosesTheClockAndItsCloseFailsOnceWithAStateError() {
        FakeClock fake = library.fakeClock(START);
        library.restoreAll();
        assertThat(fake.isClosed()).isTrue();
        assertThatThrownBy(() -> fake.set(START)).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("fake clock").hasMessageContaining(FakeClockTest.class.getName());
        assertThatThrownBy(() -> fake.advance(Duration.ofSeconds(1))).isInstanceOf(PatchStateException.class);
        assertThatThrownBy(fake::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("restored");
        assertThat(fake.isClosed()).isTrue();
    }

    @Test
    void closingTheClocksOwnPatchClosesTheClockAndRestoresTheRest() {
        FakeClock fake = library.fakeClock(START, FakeClockOption.SLEEP_ADVANCES);
        Patch now = library.openPatches().stream().filter(p -> p.target().equals("time.Now")).findFirst().orElseThrow();
        now.close();
        assertThat(fake.isClosed()).isTrue();
        assertThat(library.openPatches()).hasSize(1);
        assertThatThrownBy(fake::close).isInstanceOf(PatchStateException.class).hasMessageContaining("time.Now");
        assertThat(library.openPatches()).isEmpty();
        assertThat(clock.SleepMillis(20)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        assertThatThrownBy(fake::close).isInstanceOf(PatchStateException.class);
    }

    @Test
    void patchingTimeNowInAStrippedLibraryNeedsNoSymbolTable() {
        // time.Now resolves through the pclntab; only LOCAL_ZONE needs .symtab (time.Local).
        GoBinary stripped = GoBinary.open(Fixtures.library(Fixtures.STRIPPED, "clock"));
        assertThat(stripped.isStripped()).isTrue();
        assertThat(stripped.function("time.Now").fileAddress()).isEqualTo(library.function("time.Now").fileAddress());
    }
}
