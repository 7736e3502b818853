package dev.gojack.junit;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.PatchRefusedException;
import dev.gojack.SymbolNotFoundException;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RestoreGoVariables} puts package state back after each test. Library: libvars.so (noinline), whose
 * circuit breaker opens after three failed charges and stays open for every later caller. In each fixture class
 * the first test (by name) opens the breaker and the second expects a closed one.
 */
@Tag("core")
class RestoreGoVariablesTest {
    private static GoLibrary library;
    private static Breaker breaker;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("vars"));
        breaker = LibraryLoader.create(Breaker.class).load(library.path().toString());
    }

    private dev.gojack.VariableSnapshot closedBreaker;

    @org.junit.jupiter.api.BeforeEach
    void saveTheClosedBreaker() {
        assertThat(breaker.BreakerIsOpen()).isZero();
        closedBreaker = library.snapshot("main.breakerOpen", "main.breakerFailures");
    }

    @AfterEach
    void closeTheBreakerForTheNextCase() {
        closedBreaker.close(); // LeakingCase leaves it open on purpose
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void withoutTheAnnotationTheOpenBreakerLeaksIntoTheNextTest() {
        EngineExecutionResults results = TestKit.run(LeakingCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(1).failed(1));
        assertThat(TestKit.failureOf(results, "test2ExpectsAClosedBreaker")).hasMessageContaining("refused");
    }

    @Test
    void onTheClassEveryTestStartsFromTheSavedState() {
        EngineExecutionResults results = TestKit.run(ClassLevelCase.class);

        TestKit.assertTests(results, s -> s.started(4).succeeded(4));
        assertThat(breaker.BreakerIsOpen()).isZero();
    }

    @Test
    void onAMethodOnlyThatTestIsRestored() {
        EngineExecutionResults results = TestKit.run(MethodLevelCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
    }

    @Test
    void anUnknownVariableFailsThatTestNamingTheAnnotation() {
        EngineExecutionResults results = TestKit.run(UnknownVariableCase.class);

        TestKit.assertTests(results, s -> s.started(1).failed(1));
        assertThat(TestKit.failureOf(results, "test"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@RestoreGoVariables({\"main.breakerOpne\"})")
                .hasMessageContaining("main.breakerOpen")
                .hasCauseInstanceOf(SymbolNotFoundException.class);
    }

    @Test
    void aVariableThatMayHoldPointersIsRefusedUnlessAllowed() {
        EngineExecutionResults results = TestKit.run(PointerVariableCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(1).failed(1));
        assertThat(TestKit.failureOf(results, "refused"))
                .hasMessageContaining("main.breakerState").hasMessageContaining("allowPointers = true")
                .hasCauseInstanceOf(PatchRefusedException.class);
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    static void openTheBreaker(Breaker b) {
        for (int i = 0; i < 3; i++) {
            b.BreakerCharge(1);
        }
    }

    static void expectClosed(Breaker b) {
        assertThat(b.BreakerCharge(0)).as("charged, not refused").isZero();
    }

    @GoJackTest(library = "vars")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class LeakingCase {
        @Test
        void test1OpensTheBreaker(Breaker b) {
            openTheBreaker(b);
        }

        @Test
        void test2ExpectsAClosedBreaker(Breaker b) {
            assertThat(b.BreakerCharge(0)).as("refused").isZero();
        }
    }

    @GoJackTest(library = "vars")
    @RestoreGoVariables({"main.breakerOpen", "main.breakerFailures"})
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ClassLevelCase {
        @Test
        void test1OpensTheBreaker(Breaker b) {
            openTheBreaker(b);
            assertThat(b.BreakerIsOpen()).isOne();
        }

        @Test
        void test2FindsItClosed(Breaker b) {
            expectClosed(b);
            openTheBreaker(b);
        }

        @Nested
        @RestoreGoVariables(value = "main.breakerState", allowPointers = true)
        @TestMethodOrder(MethodOrderer.MethodName.class)
        class Inner {
            @Test
            void test3OpensItAgain(Breaker b) {
                expectClosed(b);
                openTheBreaker(b);
            }

            @Test
            void test4FindsItClosed(Breaker b) {
                expectClosed(b);
            }
        }
    }

    @GoJackTest(library = "vars")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class MethodLevelCase {
        @Test
        @RestoreGoVariables({"main.breakerOpen", "main.breakerFailures"})
        void test1OpensTheBreaker(Breaker b) {
            openTheBreaker(b);
        }

        @Test
        void test2FindsItClosed(Breaker b) {
            expectClosed(b);
        }
    }

    @GoJackTest(library = "vars")
    static class UnknownVariableCase {
        @Test
        @RestoreGoVariables("main.breakerOpne")
        void test() {
        }
    }

    @GoJackTest(library = "vars")
    static class PointerVariableCase {
        @Test
        @RestoreGoVariables("main.breakerState")
        void refused() {
        }

        @Test
        @RestoreGoVariables(value = "main.breakerState", allowPointers = true)
        void allowed() {
        }
    }
}
