package dev.gojack.junit;

import dev.gojack.ClockLibrary;
import dev.gojack.FakeClock;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoStrings;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.time.Duration;
import java.time.Instant;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @FakeGoClock} sets Go's time.Now from before the {@code @BeforeEach} methods until after the test, the
 * injected FakeClock moves it, and the real clock is back afterwards. Library: libclock.so (noinline).
 */
@Tag("core")
class FakeGoClockTest {
    private static GoLibrary library;
    private static ClockLibrary clock;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("clock"));
        clock = LibraryLoader.create(ClockLibrary.class).load(library.path().toString());
    }

    @AfterEach
    void theRealClockIsBack() {
        assertNothingLeftPatched(library);
        Instant goNow = goNow(clock);
        assertThat(Duration.between(goNow, Instant.now()).abs()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void clockStartsAtTheDeclaredInstantBeforeBeforeEachAndCanBeMoved() {
        EngineExecutionResults results = TestKit.run(MethodClockCase.class);

        TestKit.assertTests(results, s -> s.started(4).succeeded(4));
        assertThat(Journal.entries()).containsExactly(
                "beforeEach 2026-01-30T22:00:00Z",
                "test 2026-01-30T22:00:00Z fake=2026-01-30T22:00:00Z advanced=2026-01-30T23:30:00Z",
                "beforeEach 2026-01-30T22:00:00Z",
                "token valid=1 then=0",
                "beforeEach 2026-01-30T22:00:00Z",
                "location UTC then Local",
                "beforeEach 2026-01-30T22:00:00Z",
                "slept fast=true now=2026-01-30T22:01:00Z");
    }

    @Test
    void classLevelClockAppliesToEveryTestAndTheNearestDeclarationWins() {
        EngineExecutionResults results = TestKit.run(ClassClockCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly("class 2000-01-01T00:00:00Z", "method 2010-06-15T12:00:00Z");
    }

    @Test
    void voidStubTurnsSleepIntoANoOp() {
        EngineExecutionResults results = TestKit.run(VoidStubCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("slept fast=true");
    }

    @Test
    void firesTimersMakesAnAdvanceEndAGoSleepAndTheRealWallClockIsBackAfterwards() {
        EngineExecutionResults results = TestKit.run(FiresTimersCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("fires=true running=true slept=true");
        assertThat(library.monotonicOffset()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fakeClockCannotBeInjectedOutsideATest() {
        EngineExecutionResults results = TestKit.run(ClockInBeforeAllCase.class);

        assertThat(TestKit.containerFailureOf(results, ClockInBeforeAllCase.class))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("Cannot inject a FakeClock into method " + ClockInBeforeAllCase.class.getName()
                        + ".beforeAll(FakeClock): the clock of @FakeGoClock exists for one test; inject it into the "
                        + "test method, or a @BeforeEach or @AfterEach method.");
    }

    static Instant goNow(ClockLibrary clock) {
        long nanos = clock.NowUnixNano();
        return Instant.ofEpochSecond(0, nanos);
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    @GoJackTest(library = "clock")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MethodClockCase {
        @BeforeEach
        void before(ClockLibrary clock) {
            Journal.record("beforeEach " + goNow(clock));
        }

        @Test
        @Order(1)
        @FakeGoClock("2026-01-30T17:00:00-05:00")
        void startsAtTheDeclaredInstant(ClockLibrary clock, FakeClock fake) {
            Instant start = goNow(clock);
            Instant fakeStart = fake.instant();
            fake.advance(Duration.ofMinutes(90));
            Journal.record("test " + start + " fake=" + fakeStart + " advanced=" + goNow(clock));
        }

        @Test
        @Order(2)
        @FakeGoClock("2026-01-30T22:00:00Z")
        void tokenExpiresWhenTheClockPassesItsExpiry(ClockLibrary clock, FakeClock fake) {
            long expiry = toUnixNanos(fake.instant().plus(Duration.ofHours(1)));
            int valid = clock.TokenIsValid(expiry);
            fake.advance(Duration.ofHours(1));
            Journal.record("token valid=" + valid + " then=" + clock.TokenIsValid(expiry));
        }

        @Test
        @Order(3)
        @FakeGoClock(value = "2026-01-30T22:00:00Z", zone = FakeGoClock.Zone.LOCAL)
        void localZone(ClockLibrary clock, GoPatches patches) {
            String local = GoStrings.read(clock::NowLocationName);
            patches.fakeClock(Instant.parse("2026-01-30T22:00:00Z"));
            Journal.record("location " + GoStrings.read(clock::NowLocationName) + " then " + local);
        }

        @Test
        @Order(4)
        @FakeGoClock(value = "2026-01-30T22:00:00Z", sleepAdvances = true)
        void sleepAdvancesTheClock(ClockLibrary clock) {
            long took = clock.SleepMillis(60_000);
            Journal.record("slept fast=" + (took < Duration.ofSeconds(5).toNanos()) + " now=" + goNow(clock));
        }

        private static long toUnixNanos(Instant instant) {
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
    }

    @GoJackTest(library = "clock")
    @FakeGoClock("2000-01-01T00:00:00Z")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassClockCase {
        @Test
        @Order(1)
        void classClock(ClockLibrary clock) {
            Journal.record("class " + goNow(clock));
        }

        @Test
        @Order(2)
        @FakeGoClock("2010-06-15T12:00:00Z")
        void methodClock(ClockLibrary clock) {
            Journal.record("method " + goNow(clock));
        }
    }

    @GoJackTest(library = "clock")
    static class VoidStubCase {
        @Test
        @PatchGoFunction(target = "time.Sleep", returns = "void")
        void sleepReturnsAtOnce(ClockLibrary clock) {
            Journal.record("slept fast=" + (clock.SleepMillis(60_000) < Duration.ofSeconds(5).toNanos()));
        }
    }

    @GoJackTest(library = "clock")
    static class FiresTimersCase {
        @Test
        @FakeGoClock(value = "2026-01-30T22:00:00Z", firesTimers = true)
        void advanceEndsASleep(ClockLibrary clock, FakeClock fake) throws Exception {
            boolean running = Math.abs(clock.NowUnixNano() - 1_769_810_400_000_000_000L) < 60_000_000_000L;
            java.util.concurrent.CompletableFuture<Long> sleep =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> clock.SleepMillis(60_000));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!sleep.isDone() && System.nanoTime() < deadline) {
                fake.advance(Duration.ofMinutes(1)); // until the sleeping goroutine's timer is armed and passed
                Thread.sleep(5);
            }
            Journal.record("fires=" + fake.firesTimers() + " running=" + running + " slept=" + sleep.isDone());
        }
    }

    @GoJackTest(library = "clock")
    static class ClockInBeforeAllCase {
        @BeforeAll
        static void beforeAll(FakeClock clock) {
        }

        @Test
        @FakeGoClock("2026-01-30T22:00:00Z")
        void test() {
        }
    }
}
