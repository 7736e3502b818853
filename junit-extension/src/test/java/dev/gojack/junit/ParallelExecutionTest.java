package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoValue;
import dev.gojack.Patch;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In JUnit's parallel mode, tests of one Go library never overlap — each would otherwise see the other's patch of
 * main.add — while tests that are not GoJack tests still run beside them. Library: libcalls.so (noinline).
 */
class ParallelExecutionTest {
    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    private static final ConcurrentLinkedQueue<Interval> INTERVALS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> MISMATCHES = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void loadLibrary() {
        // Loaded here, so that the fixture classes do not spend their first half-second loading it.
        GoLibrary.load(Fixtures.library("calls"));
    }

    @Test
    void testsPatchingOneLibraryAreSerialisedAndOthersStillRunAlongside() {
        INTERVALS.clear();
        MISMATCHES.clear();

        EngineExecutionResults results = TestKit.run(PARALLEL, RedirectingCase.class, StubbingCase.class,
                ConcurrentMethodsCase.class, InheritingCase.class, SleeperCaseA.class, SleeperCaseB.class);

        TestKit.assertTests(results, s -> s.started(9).succeeded(9));
        assertThat(MISMATCHES).isEmpty();
        List<Interval> goJack = INTERVALS.stream().filter(Interval::goJack).toList();
        List<Interval> plain = INTERVALS.stream().filter(i -> !i.goJack()).toList();
        assertThat(goJack).hasSize(7);
        assertThat(plain).hasSize(2);
        assertThat(overlapping(goJack)).as("GoJack tests that overlapped").isEmpty();
        assertThat(plain.get(0).overlaps(plain.get(1))).as("the plain tests ran in parallel (parallel mode is on)")
                .isTrue();
        assertThat(plain).as("plain tests ran beside GoJack tests")
                .anySatisfy(p -> assertThat(goJack).anyMatch(p::overlaps));
        assertThat(GoLibrary.load(Fixtures.library("calls")).openPatches()).isEmpty();
    }

    @Test
    void withoutTheLockTwoPatchingTestsWouldSeeEachOthersPatch() {
        INTERVALS.clear();
        MISMATCHES.clear();

        EngineExecutionResults results = TestKit.run(PARALLEL, UnlockedRedirectCase.class, UnlockedStubCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(INTERVALS).hasSize(2);
        List<Interval> both = List.copyOf(INTERVALS);
        assertThat(both.get(0).overlaps(both.get(1))).isTrue();
        assertThat(MISMATCHES).isNotEmpty();
        assertThat(GoLibrary.load(Fixtures.library("calls")).openPatches()).isEmpty();
    }

    private static List<String> overlapping(List<Interval> intervals) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            for (int j = i + 1; j < intervals.size(); j++) {
                if (intervals.get(i).overlaps(intervals.get(j))) {
                    found.add(intervals.get(i).name() + " / " + intervals.get(j).name());
                }
            }
        }
        return found;
    }

    /** Calls add repeatedly for a while, noting every result that is not the one this test's patch gives. */
    static void observe(String name, CallsLibrary calls, long expected) throws InterruptedException {
        observe(name, calls, expected, 10);
    }

    static void observe(String name, CallsLibrary calls, long expected, int samples) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            long got = calls.CallAddDirect(2, 3);
            if (got != expected) {
                MISMATCHES.add(name + " saw " + got + " instead of " + expected);
            }
            Thread.sleep(15);
        }
        INTERVALS.add(new Interval(name, true, start, System.nanoTime()));
    }

    static void sleep(String name) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(600);
        INTERVALS.add(new Interval(name, false, start, System.nanoTime()));
    }

    record Interval(String name, boolean goJack, long start, long end) {
        boolean overlaps(Interval other) {
            return start < other.end && other.start < end;
        }
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    @GoJackTest(library = "calls")
    static class RedirectingCase {
        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void first(CallsLibrary calls) throws InterruptedException {
            observe("redirect 1", calls, 203);
        }

        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void second(CallsLibrary calls) throws InterruptedException {
            observe("redirect 2", calls, 203);
        }
    }

    @GoJackTest(library = "libcalls.so")
    static class StubbingCase {
        @Test
        @PatchGoFunction(target = "main.add", returns = "int64:7")
        void first(CallsLibrary calls) throws InterruptedException {
            observe("stub 1", calls, 7);
        }

        @Test
        @PatchGoFunction(target = "main.add", returns = "int64:8")
        void second(CallsLibrary calls) throws InterruptedException {
            observe("stub 2", calls, 8);
        }
    }

    @GoJackTest(library = "calls")
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentMethodsCase {
        @Test
        @PatchGoFunction(target = "main.add", returns = "int64:1")
        void first(CallsLibrary calls) throws InterruptedException {
            observe("concurrent 1", calls, 1);
        }

        @Test
        void second(GoPatches patches, CallsLibrary calls) throws InterruptedException {
            patches.stubReturn("main.add", GoValue.int64(2));
            observe("concurrent 2", calls, 2);
        }
    }

    /** Takes its lock through the @GoJackTest of its superclass. */
    @GoJackTest(library = "libcalls")
    abstract static class LockedBase {
    }

    static class InheritingCase extends LockedBase {
        @Test
        void stubbed(GoPatches patches, CallsLibrary calls) throws InterruptedException {
            patches.stubReturn("main.add", GoValue.int64(9));
            observe("inherited", calls, 9);
        }
    }

    /** Patches by hand, without @GoJackTest and so without its lock: the control experiment. */
    static class UnlockedRedirectCase {
        @Test
        void redirects() throws InterruptedException {
            GoLibrary library = GoLibrary.load(Fixtures.library("calls"));
            CallsLibrary calls = LibraryLoader.create(CallsLibrary.class).load(library.path().toString());
            Patch patch = library.redirect("main.add", "main.addReplacement");
            try {
                observe("unlocked redirect", calls, 203, 30);
            } finally {
                patch.close();
            }
        }
    }

    /** The other half of the control experiment. */
    static class UnlockedStubCase {
        @Test
        void stubs() throws InterruptedException {
            GoLibrary library = GoLibrary.load(Fixtures.library("calls"));
            CallsLibrary calls = LibraryLoader.create(CallsLibrary.class).load(library.path().toString());
            Patch patch = library.stubReturn("main.add", GoValue.int64(7));
            try {
                observe("unlocked stub", calls, 7, 30);
            } finally {
                patch.close();
            }
        }
    }

    static class SleeperCaseA {
        @Test
        void sleeps() throws InterruptedException {
            sleep("sleeper A");
        }
    }

    static class SleeperCaseB {
        @Test
        void sleeps() throws InterruptedException {
            sleep("sleeper B");
        }
    }
}
