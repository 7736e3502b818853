package dev.gojack.timers;

import dev.gojack.FakeClock;
import dev.gojack.FakeClockOption;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.PatchConflictException;
import dev.gojack.PatchRefusedException;
import dev.gojack.PatchStateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * FakeClockOption.FIRES_TIMERS against the timers fixture: every way Go waits for time fires after an advance
 * past it and not before. One subclass per build variant (one Go runtime per JVM), run against every Go release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FiresTimersContract {
    static final Instant START = Instant.parse("2026-01-30T22:00:00Z");
    static final Duration FIRE = Duration.ofSeconds(10);
    static final long MINUTE = Duration.ofMinutes(1).toNanos();
    GoLibrary library;
    TimersLibrary go;

    /** The fixture variant directory under go-fixtures/build, e.g. {@code default} or {@code go1.21/stripped}. */
    abstract String variant();

    @BeforeAll
    void load() {
        library = GoLibrary.load(Fixtures.library(variant(), "timers"));
        go = Fixtures.bind(TimersLibrary.class, library);
    }

    @AfterEach
    void realWallClockIsBack() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.NowUnixNano()).isCloseTo(System.currentTimeMillis() * 1_000_000L, within(MINUTE));
    }

    private static long unixNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void everyKindOfTimerFiresAfterAnAdvancePastItAndNotBefore() {
        long fiveMinutes = 5 * MINUTE;
        Map<String, IntConsumer> kinds = new java.util.LinkedHashMap<>();
        kinds.put("time.After", id -> go.StartAfter(id, fiveMinutes));
        kinds.put("time.NewTimer", id -> go.StartNewTimer(id, fiveMinutes));
        kinds.put("Timer.Reset", id -> go.StartReset(id, 60 * MINUTE, fiveMinutes));
        kinds.put("time.AfterFunc", id -> go.StartAfterFunc(id, fiveMinutes));
        kinds.put("time.Sleep", id -> go.StartSleep(id, fiveMinutes));
        kinds.put("context.WithTimeout", id -> go.StartContextTimeout(id, fiveMinutes));
        kinds.put("context.WithDeadline", id -> go.StartContextDeadline(id, fiveMinutes));
        kinds.put("net.TCPListener deadline", id -> assertThat(go.StartAcceptDeadline(id, fiveMinutes)).isZero());
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            int id = 0;
            for (IntConsumer start : kinds.values()) {
                start.accept(id++);
            }
            clock.advance(Duration.ofMinutes(4).plusSeconds(59));
            id = 0;
            for (String kind : kinds.keySet()) {
                int probe = id++;
                Eventually.staysAt(kind + " before its deadline", Duration.ofMillis(30), 0, () -> go.ProbeCount(probe));
            }
            Instant advancedTo = clock.instant().plusSeconds(1);
            clock.advance(Duration.ofSeconds(1));
            id = 0;
            for (String kind : kinds.keySet()) {
                int probe = id++;
                Eventually.await(kind + " fired", FIRE, () -> go.ProbeCount(probe) == 1);
                assertThat(go.ProbeNowAt(probe)).as("time.Now seen by the %s callback", kind)
                        .isGreaterThanOrEqualTo(unixNanos(advancedTo));
            }
        }
    }

    @Test
    void aFiredTimerChannelDeliversATimeAtOrAfterItsDeadline() {
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            Instant deadline = clock.instant().plusSeconds(60);
            go.StartNewTimer(20, MINUTE);
            clock.advance(Duration.ofMinutes(2));
            Eventually.await("timer fired", FIRE, () -> go.ProbeCount(20) == 1);
            // Since Go 1.23 the value is backdated by how late the timer fired: with wall and monotonic time
            // shifted together it still lies after the deadline.
            assertThat(go.ProbeReceivedAt(20)).isGreaterThanOrEqualTo(unixNanos(deadline));
        }
    }

    @Test
    void aPartialAdvanceLeavesTheRestOfTheWaitToRealTime() {
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            go.StartAfter(21, Duration.ofSeconds(10).toNanos());
            clock.advance(Duration.ofMillis(9_400));
            long advancedAt = go.MonotonicNanos();
            Eventually.await("time.After(10s) fired", FIRE, () -> go.ProbeCount(21) == 1);
            assertThat(go.ProbeRealAt(21) - advancedAt).as("real time waited after the advance")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
        }
    }

    @Test
    void tickersDropMissedTicksAndTickOncePerPeriodAdvanced() {
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            go.StartTicker(22, MINUTE);
            go.StartTick(23, MINUTE);
            try {
                clock.advance(Duration.ofHours(1));
                Eventually.await("one tick after a jump of 60 periods", FIRE,
                        () -> go.ProbeCount(22) == 1 && go.ProbeCount(23) == 1);
                for (int i = 2; i <= 11; i++) {
                    long expected = i;
                    clock.advance(Duration.ofMinutes(1));
                    Eventually.await("tick " + i, FIRE, () -> go.ProbeCount(22) == expected && go.ProbeCount(23) == expected);
                }
                Eventually.staysAt("NewTicker ticks", Duration.ofMillis(100), 11, () -> go.ProbeCount(22));
                assertThat(go.ProbeCount(23)).as("time.Tick ticks").isEqualTo(11);
            } finally {
                go.ProbeStop(22);
                go.ProbeStop(23);
            }
        }
    }

    @Test
    void sinceOfAMonotonicTimeTakenBeforeAnAdvanceIsTheAdvance() {
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            go.TakeNow();
            assertThat(go.TakenHasMonotonic()).isEqualTo(1);
            clock.advance(Duration.ofHours(3));
            assertThat(go.SinceTaken()).isBetween(Duration.ofHours(3).toNanos(),
                    Duration.ofHours(3).plusSeconds(5).toNanos());
        }
    }

    @Test
    void theClockRunsFromTheStartAndSetMovesTheWallClockOnly() {
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            assertThat(clock.firesTimers()).isTrue();
            assertThat(go.NowUnixNano()).isCloseTo(unixNanos(START), within(Duration.ofSeconds(5).toNanos()));
            long before = go.NowUnixNano();
            Eventually.await("the fake clock runs", FIRE, () -> go.NowUnixNano() > before + 2_000_000);
            Duration monotonic = library.monotonicOffset();
            go.StartAfter(24, 10 * MINUTE);
            clock.set(START.plus(Duration.ofDays(1)));
            assertThat(go.NowUnixNano()).isCloseTo(unixNanos(START.plus(Duration.ofDays(1))),
                    within(Duration.ofSeconds(5).toNanos()));
            assertThat(clock.instant()).isCloseTo(START.plus(Duration.ofDays(1)), within(5, java.time.temporal.ChronoUnit.SECONDS));
            assertThat(library.monotonicOffset()).isEqualTo(monotonic);
            clock.advance(Duration.ofHours(-1));
            assertThat(library.monotonicOffset()).isEqualTo(monotonic);
            Eventually.staysAt("a timer after set() and a negative advance", Duration.ofMillis(100), 0,
                    () -> go.ProbeCount(24));
            clock.advance(Duration.ofMinutes(10));
            Eventually.await("the timer after a forward advance", FIRE, () -> go.ProbeCount(24) == 1);
            assertThat(library.monotonicOffset()).isEqualTo(monotonic.plusMinutes(10));
        }
    }

    @Test
    void closeRestoresTimeNowButTheMonotonicOffsetStaysAndAReopenedClockContinuesFromIt() {
        Duration before = library.monotonicOffset();
        FakeClock first = library.fakeClock(START, FakeClockOption.FIRES_TIMERS);
        go.TakeNow();
        go.StartAfter(25, 90 * MINUTE);
        first.advance(Duration.ofHours(1));
        first.close();
        assertThat(first.describe()).contains("monotonic clock +").contains("stays after close");
        assertThat(library.monotonicOffset()).isEqualTo(before.plusHours(1));
        assertThat(go.NowUnixNano()).isCloseTo(System.currentTimeMillis() * 1_000_000L, within(MINUTE));
        assertThat(go.SinceTaken()).as("monotonic time did not go back on close")
                .isBetween(Duration.ofHours(1).toNanos(), Duration.ofHours(1).plusSeconds(5).toNanos());
        try (FakeClock second = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            assertThat(go.SinceTaken()).isGreaterThanOrEqualTo(Duration.ofHours(1).toNanos());
            Eventually.staysAt("a 90-minute timer after 60 minutes", Duration.ofMillis(50), 0, () -> go.ProbeCount(25));
            second.advance(Duration.ofMinutes(30));
            Eventually.await("the timer armed under the first clock", FIRE, () -> go.ProbeCount(25) == 1);
            assertThat(go.SinceTaken()).isBetween(Duration.ofMinutes(90).toNanos(),
                    Duration.ofMinutes(90).plusSeconds(5).toNanos());
        }
        assertThat(library.monotonicOffset()).isEqualTo(before.plusMinutes(90));
    }

    @Test
    void aClockRestoredByTheLibraryIsClosed() {
        FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS);
        library.restoreAll();
        assertThat(clock.isClosed()).isTrue();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(1))).isInstanceOf(PatchStateException.class);
        assertThatThrownBy(clock::close).isInstanceOf(PatchStateException.class).hasMessageContaining("restored");
    }

    @Test
    void sleepAdvancesTogetherWithFiresTimersIsRefusedWithTheReason() {
        assertThatThrownBy(() -> library.fakeClock(START, FakeClockOption.FIRES_TIMERS, FakeClockOption.SLEEP_ADVANCES))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("SLEEP_ADVANCES and FIRES_TIMERS do not combine")
                .hasMessageContaining(library.path().toString());
    }

    @Test
    void aSecondRunningClockWhileOneIsOpenIsAConflict() {
        try (FakeClock ignored = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            assertThatThrownBy(() -> library.fakeClock(START, FakeClockOption.FIRES_TIMERS))
                    .isInstanceOf(PatchConflictException.class).hasMessageContaining("Close the first one");
        }
    }

    @Test
    void offsetsBeyondAHundredYearsAreRefusedAndChangeNothing() {
        Duration monotonic = library.monotonicOffset();
        assertThatThrownBy(() -> library.fakeClock(Instant.parse("1066-10-14T09:00:00Z"), FakeClockOption.FIRES_TIMERS))
                .isInstanceOf(PatchRefusedException.class).hasMessageContaining("100 years");
        assertThat(library.openPatches()).isEmpty();
        try (FakeClock clock = library.fakeClock(START, FakeClockOption.FIRES_TIMERS)) {
            Instant before = clock.instant();
            assertThatThrownBy(() -> clock.advance(Duration.ofDays(365 * 101)))
                    .isInstanceOf(PatchRefusedException.class).hasMessageContaining("100 years");
            assertThat(clock.instant()).isCloseTo(before, within(5, java.time.temporal.ChronoUnit.SECONDS));
            assertThat(library.monotonicOffset()).isEqualTo(monotonic);
        }
    }
}
