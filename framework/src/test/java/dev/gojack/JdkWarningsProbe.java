package dev.gojack;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@link JdkWarningsTest} runs in a fresh JVM: a redirect of {@code time.Now} and a fake clock whose sleeps
 * advance it (the fake clock is the one user of GoJack's raw atomics), on libclock.so. Prints {@code probe ok}, or
 * throws (exit status 1).
 */
public final class JdkWarningsProbe {
    private JdkWarningsProbe() {
    }

    public static void main(String[] args) {
        GoLibrary library = GoLibrary.load(Fixtures.library("clock"));
        ClockLibrary clock = Fixtures.bind(ClockLibrary.class, library);
        try (Patch frozen = library.redirect("time.Now", "main.frozenNow")) {
            check(clock.NowUnixNano() == 1_704_164_645_000_000_006L, "time.Now is not main.frozenNow");
        }
        Instant start = Instant.parse("2026-01-30T22:00:00.123456789Z");
        try (FakeClock fake = library.fakeClock(start, FakeClockOption.SLEEP_ADVANCES)) {
            check(clock.NowUnixNano() == start.getEpochSecond() * 1_000_000_000L + start.getNano(), "fake instant");
            clock.SleepMillis(5_000);
            fake.advance(Duration.ofSeconds(1));
            check(fake.instant().equals(start.plusSeconds(6)), "sleep and advance: " + fake.instant());
        }
        check(library.openPatches().isEmpty(), "patches left open: " + library.openPatches());
        System.out.println("probe ok");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
