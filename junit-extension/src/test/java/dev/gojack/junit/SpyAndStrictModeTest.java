package dev.gojack.junit;

import org.junit.jupiter.api.Tag;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoSpy;
import dev.gojack.SpiedLibrary;
import dev.gojack.assertj.GoJackAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 in JUnit: {@link SpyGoFunction} parameters (applied before {@code @BeforeEach}, closed after the test,
 * shared with a {@code @BeforeEach} that declares the same target), {@link GoPatches#spy}, and
 * {@code @GoJackTest(strict = true)} failing a test whose declared patch was never reached.
 */
@Tag("core")
class SpyAndStrictModeTest {
    private static GoLibrary library;
    private static SpiedLibrary spied;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("spied"));
        spied = Fixtures.bind(SpiedLibrary.class, library);
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertNothingLeftPatched(library);
        assertThat(spied.SortWords()).isEqualTo(1);
    }

    @Test
    void aSpyParameterSeesTheCallsOfBeforeEachAndTheTestAndIsClosedAfterTheTest() {
        EngineExecutionResults results = TestKit.run(SpyParameterCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        // the second afterEach still reads the closed spy: frozen at 3
        assertThat(Journal.entries()).containsExactly("beforeEach same spy 2", "test 3", "afterEach 3",
                "next test 0 open false", "afterEach 3");
        assertThat(SpyParameterCase.kept.isClosed()).isTrue();
        assertThat(SpyParameterCase.kept.callCount()).isEqualTo(3);
    }

    @Test
    void aGoSpyParameterWithoutTheAnnotationFailsWithAMessageThatSaysWhatToWrite() {
        EngineExecutionResults results = TestKit.run(UnannotatedSpyCase.class);

        TestKit.assertTests(results, s -> s.started(1).failed(1));
        assertThat(TestKit.failureOf(results, "unannotated")).hasMessageContaining(
                "is a GoSpy without @SpyGoFunction: annotate it with the function to spy on");
    }

    @Test
    void aSpyTheEngineRefusesFailsOnlyThatTestAndNamesTheAnnotation() {
        EngineExecutionResults results = TestKit.run(RefusedSpyCase.class);

        TestKit.assertTests(results, s -> s.started(1).failed(1));
        assertThat(TestKit.failureOf(results, "refused"))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessageStartingWith("@SpyGoFunction(\"main.peek\") on method")
                .hasMessageContaining("RIP-relative");
    }

    @Test
    void strictModeFailsATestWhoseDeclaredStubAndRedirectWereNeverReachedWithTheUsualCause() {
        EngineExecutionResults results = TestKit.run(StrictCase.class);

        TestKit.assertTests(results, s -> s.started(3).succeeded(1).failed(2));
        assertThat(TestKit.failureOf(results, "stubNeverReached")).isInstanceOf(AssertionFailedError.class)
                .hasMessage("Strict mode (@GoJackTest(strict = true)): this declared patch was never reached during "
                        + "the test:\n  @PatchGoFunction(target = \"main.compareWords\", returns = {\"bool:true\"}) on "
                        + "method dev.gojack.junit.SpyAndStrictModeTest$StrictCase.stubNeverReached(SpiedLibrary)\nA wrong target, or "
                        + "a target Go inlined into its callers (its out-of-line body is then never called), is the "
                        + "usual cause: check the name with 'gojack inspect <library> --functions <regex>' and its "
                        + "callers with --callers, or build the library with -gcflags=all=-l. Remove the patch if the "
                        + "test does not need it.");
        assertThat(TestKit.failureOf(results, "redirectNeverReached")).hasMessageContaining(
                "@PatchGoFunction(target = \"main.compareWords\", replacement = \"main.compareWordsReversed\") on "
                        + "method dev.gojack.junit.SpyAndStrictModeTest$StrictCase.redirectNeverReached()");
        assertThat(Journal.entries()).containsExactly("reached 2");
    }

    @Test
    void withoutStrictModeAnUnreachedStubPasses() {
        EngineExecutionResults results = TestKit.run(LenientCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
    }

    @GoJackTest(library = "spied")
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class SpyParameterCase {
        static GoSpy kept;
        GoSpy fromBeforeEach;

        @BeforeEach
        void before(@SpyGoFunction("main.compareWords") GoSpy spy, SpiedLibrary lib) {
            fromBeforeEach = spy;
            lib.Describe(1);
            lib.Describe(2);
        }

        @Test
        @org.junit.jupiter.api.Order(1)
        void spied(@SpyGoFunction("main.describe") GoSpy describe, SpiedLibrary lib, GoPatches patches) {
            kept = describe;
            Journal.record("beforeEach " + (fromBeforeEach.isClosed() ? "closed" : "same spy") + " "
                    + describe.callCount());
            lib.Describe(3);
            Journal.record("test " + describe.callCount());
            GoJackAssertions.assertThat(describe).wasCalledTimes(3).wasCalledWith("call-3", 3, 1.5,
                    "abc".getBytes(), true, -3, (byte) 3, 0.75f, 9, describe.calls().get(2).argument(9));
            GoSpy programmatic = patches.spy("main.tick");
            lib.Hammer(2, 5);
            GoJackAssertions.assertThat(programmatic).wasCalledTimes(10);
        }

        @AfterEach
        void after() {
            Journal.record("afterEach " + kept.callCount());
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void next(GoLibrary library, SpiedLibrary lib) {
            if (kept != null) {
                lib.Describe(4);
                Journal.record("next test " + (kept.callCount() - 3) + " open " + !library.openPatches().stream()
                        .filter(p -> p.target().equals("main.describe")).toList().isEmpty());
            }
        }
    }

    @GoJackTest(library = "spied")
    static class UnannotatedSpyCase {
        @Test
        void unannotated(GoSpy spy) {
        }
    }

    @GoJackTest(library = "spied")
    static class RefusedSpyCase {
        @Test
        void refused(@SpyGoFunction("main.peek") GoSpy spy) {
        }
    }

    @GoJackTest(library = "spied", strict = true)
    static class StrictCase {
        @Test
        @PatchGoFunction(target = "main.compareWords", returns = "bool:true")
        void stubNeverReached(SpiedLibrary lib) {
            lib.Describe(1);
        }

        @Test
        @PatchGoFunction(target = "main.compareWords", replacement = "main.compareWordsReversed")
        void redirectNeverReached() {
        }

        @Test
        @PatchGoFunction(target = "main.compareWords", replacement = "main.compareWordsReversed")
        void reached(SpiedLibrary lib) {
            Journal.record("reached " + lib.SortWords());
        }
    }

    @GoJackTest(library = "spied")
    static class LenientCase {
        @Test
        @PatchGoFunction(target = "main.compareWords", returns = "bool:true")
        void stubNeverReached() {
        }
    }
}
