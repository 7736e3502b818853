package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.Patch;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When declared patches are in force: from before the {@code @BeforeEach} methods to after the {@code @AfterEach}
 * methods, and never after the test, however it ended. Every fixture uses libcalls.so (noinline):
 * {@code CallAddDirect(2, 3)} is 5, or 203 while {@code main.add} is redirected to {@code main.addReplacement}.
 */
@Tag("core")
class PatchLifecycleTest {
    private static GoLibrary library;
    private static CallsLibrary calls;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = LibraryLoader.create(CallsLibrary.class).load(library.path().toString());
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertNothingLeftPatched(library);
        assertThat(calls.CallAddDirect(2, 3)).isEqualTo(5);
        assertThat(calls.CallLeafConst()).isEqualTo(42);
        assertThat(calls.CallOneArg(5)).isEqualTo(6);
    }

    @Test
    void patchIsInForceFromBeforeEachToAfterEachAndRestoredAfterTheTest() {
        EngineExecutionResults results = TestKit.run(AroundCallbacksCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("beforeEach 203", "test 203", "afterEach 203");
    }

    @Test
    void failingTestIsRestoredAndTheNextTestSeesTheOriginal() {
        EngineExecutionResults results = TestKit.run(FailingCase.class);

        TestKit.assertTests(results, s -> s.started(3).failed(2).succeeded(1));
        assertThat(TestKit.failureOf(results, "failsAnAssertion")).isInstanceOf(AssertionError.class)
                .hasMessage("boom");
        assertThat(TestKit.failureOf(results, "throwsAnException")).isInstanceOf(IllegalStateException.class)
                .hasMessage("bang");
        assertThat(Journal.entries()).containsExactly("failing 203", "throwing 7", "next 5");
    }

    @Test
    void twoTestsPatchTheSameFunctionOneAfterTheOther() {
        EngineExecutionResults results = TestKit.run(SameFunctionInSequenceCase.class);

        TestKit.assertTests(results, s -> s.started(3).succeeded(3));
        assertThat(Journal.entries()).containsExactly("redirected 203", "stubbed 7", "unpatched 5");
    }

    @Test
    void abortedAssumptionStillRestores() {
        EngineExecutionResults results = TestKit.run(AbortedCase.class);

        TestKit.assertTests(results, s -> s.started(2).aborted(1).succeeded(1));
        assertThat(TestKit.failureOf(results, "abortsAfterPatching")).isInstanceOf(TestAbortedException.class)
                .hasMessage("Assumption failed: not today");
        assertThat(Journal.entries()).containsExactly("aborting 203", "next 5");
    }

    @Test
    void timedOutTestStillRestores() {
        EngineExecutionResults results = TestKit.run(TimeoutCase.class);

        TestKit.assertTests(results, s -> s.started(2).failed(1).succeeded(1));
        assertThat(TestKit.failureOf(results, "sleepsPastItsTimeout")).isInstanceOf(TimeoutException.class)
                .hasMessage("sleepsPastItsTimeout(dev.gojack.CallsLibrary) timed out after 200 milliseconds");
        assertThat(Journal.entries()).containsExactly("sleeping 203", "next 5");
    }

    @Test
    void classLevelPatchesApplyToEveryTestTogetherWithMethodLevelOnes() {
        EngineExecutionResults results = TestKit.run(ClassAndMethodCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly(
                "both add=203 leafConst=7",
                "method wins add=9 leafConst=42 open=[main.add, main.add]");
    }

    @Test
    void nestedClassesApplyOuterPatchesFirstAndInnerPatchesLast() {
        EngineExecutionResults results = TestKit.run(NestedCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly(
                "outer add=203 oneArg=6 open=[main.add]",
                "inner add=11 oneArg=10 leafConst=3 open=[main.add, main.add, main.oneArg, main.leafConst]");
    }

    @Test
    void patchesDeclaredOnASuperclassAreInherited() {
        EngineExecutionResults results = TestKit.run(InheritingCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("inherited add=203 leafConst=1");
    }

    private static List<String> openTargets() {
        return library.openPatches().stream().map(Patch::target).toList();
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    @GoJackTest(library = "calls")
    static class AroundCallbacksCase {
        @BeforeEach
        void before(CallsLibrary calls) {
            Journal.record("beforeEach " + calls.CallAddDirect(2, 3));
        }

        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void patched(CallsLibrary calls) {
            Journal.record("test " + calls.CallAddDirect(2, 3));
        }

        @AfterEach
        void after(CallsLibrary calls) {
            Journal.record("afterEach " + calls.CallAddDirect(2, 3));
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FailingCase {
        @Test
        @Order(1)
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void failsAnAssertion(CallsLibrary calls) {
            Journal.record("failing " + calls.CallAddDirect(2, 3));
            fail("boom");
        }

        @Test
        @Order(2)
        @PatchGoFunction(target = "main.add", returns = "int64:7")
        void throwsAnException(CallsLibrary calls) {
            Journal.record("throwing " + calls.CallAddDirect(2, 3));
            throw new IllegalStateException("bang");
        }

        @Test
        @Order(3)
        void next(CallsLibrary calls) {
            Journal.record("next " + calls.CallAddDirect(2, 3));
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SameFunctionInSequenceCase {
        @Test
        @Order(1)
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void redirected(CallsLibrary calls) {
            Journal.record("redirected " + calls.CallAddDirect(2, 3));
        }

        @Test
        @Order(2)
        @PatchGoFunction(target = "main.add", returns = "int64:7")
        void stubbed(CallsLibrary calls) {
            Journal.record("stubbed " + calls.CallAddDirect(2, 3));
        }

        @Test
        @Order(3)
        void unpatched(CallsLibrary calls) {
            Journal.record("unpatched " + calls.CallAddDirect(2, 3));
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class AbortedCase {
        @Test
        @Order(1)
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void abortsAfterPatching(CallsLibrary calls) {
            Journal.record("aborting " + calls.CallAddDirect(2, 3));
            assumeTrue(false, "not today");
        }

        @Test
        @Order(2)
        void next(CallsLibrary calls) {
            Journal.record("next " + calls.CallAddDirect(2, 3));
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TimeoutCase {
        @Test
        @Order(1)
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void sleepsPastItsTimeout(CallsLibrary calls) throws InterruptedException {
            Journal.record("sleeping " + calls.CallAddDirect(2, 3));
            Thread.sleep(10_000);
        }

        @Test
        @Order(2)
        void next(CallsLibrary calls) {
            Journal.record("next " + calls.CallAddDirect(2, 3));
        }
    }

    @GoJackTest(library = "calls")
    @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassAndMethodCase {
        @Test
        @Order(1)
        @PatchGoFunction(target = "main.leafConst", returns = "int64:7")
        void both(CallsLibrary calls) {
            Journal.record("both add=" + calls.CallAddDirect(2, 3) + " leafConst=" + calls.CallLeafConst());
        }

        @Test
        @Order(2)
        @PatchGoFunction(target = "main.add", returns = "int64:9")
        void methodWins(CallsLibrary calls) {
            Journal.record("method wins add=" + calls.CallAddDirect(2, 3) + " leafConst=" + calls.CallLeafConst()
                    + " open=" + openTargets());
        }
    }

    @GoJackTest(library = "calls")
    @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
    static class NestedCase {
        @Test
        void outer(CallsLibrary calls) {
            Journal.record("outer add=" + calls.CallAddDirect(2, 3) + " oneArg=" + calls.CallOneArg(5)
                    + " open=" + openTargets());
        }

        @Nested
        @PatchGoFunction(target = "main.add", returns = "int64:11")
        @PatchGoFunction(target = "main.oneArg", replacement = "main.oneArgReplacement")
        class Inner {
            @Test
            @PatchGoFunction(target = "main.leafConst", returns = "int64:3")
            void inner(CallsLibrary calls) {
                Journal.record("inner add=" + calls.CallAddDirect(2, 3) + " oneArg=" + calls.CallOneArg(5)
                        + " leafConst=" + calls.CallLeafConst() + " open=" + openTargets());
            }
        }
    }

    @GoJackTest(library = "calls")
    @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
    abstract static class PatchingBase {
    }

    @PatchGoFunction(target = "main.leafConst", returns = "int64:1")
    static class InheritingCase extends PatchingBase {
        @Test
        void inherited(CallsLibrary calls) {
            Journal.record("inherited add=" + calls.CallAddDirect(2, 3) + " leafConst=" + calls.CallLeafConst());
        }
    }
}
