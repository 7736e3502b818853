package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoValue;
import dev.gojack.Patch;
import dev.gojack.StubPatch;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterAll;
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

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the extension injects: the GoLibrary, a GoPatches whose patches are restored after the test (or after
 * the class, when injected into @BeforeAll), and jnr-ffi bindings of the library's exports. Library:
 * libcalls.so (noinline).
 */
@Tag("core")
class ParameterInjectionTest {
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
    }

    @Test
    void goLibraryParameterIsTheLoadedLibrary() {
        EngineExecutionResults results = TestKit.run(LibraryCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("library " + library.path() + " same=true");
    }

    @Test
    void goPatchesAreInForceUntilTheTestEndsAndSharedWithBeforeEach() {
        EngineExecutionResults results = TestKit.run(GoPatchesCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly(
                "beforeEach redirected add=203",
                "test add=203 leafConst=9 calls=2 closure=7 oneArg=35 sameHandle=true",
                "afterEach add=203",
                "beforeEach redirected add=203",
                "next test add=203 leafConst=42",
                "afterEach add=203");
    }

    @Test
    void goPatchesInjectedIntoBeforeAllLastForTheWholeClass() {
        EngineExecutionResults results = TestKit.run(ClassScopedCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly("first 203", "second 203", "afterAll 203");
    }

    @Test
    void goPatchesInjectedIntoTheConstructorLastForOneTest() {
        EngineExecutionResults results = TestKit.run(ConstructorCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly("test add=203 open=1", "test add=203 open=1");
    }

    @Test
    void bindingsAreCachedPerInterfaceType() {
        EngineExecutionResults results = TestKit.run(BindingCase.class);

        TestKit.assertTests(results, s -> s.started(4).succeeded(2).failed(2));
        assertThat(Journal.entries()).hasSize(2).allMatch(e -> e.equals(Journal.entries().get(0)));
        assertThat(TestKit.failureOf(results, "hiddenInterface"))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("Cannot bind " + HiddenCalls.class.getName() + " to the Go library's exports: jnr-ffi "
                        + "needs a public interface. Declare it public.");
        assertThat(TestKit.failureOf(results, "partlyExported"))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("Cannot bind " + PartlyExported.class.getName() + " to " + library.path() + ": it does "
                        + "not export [CallNothing]. Each method of the interface must be named like a function the "
                        + "library exports (//export).");
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    @GoJackTest(library = "calls")
    static class LibraryCase {
        @Test
        void library(GoLibrary injected) {
            Journal.record("library " + injected.path() + " same=" + (injected == library));
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class GoPatchesCase {
        private GoPatches fromBeforeEach;

        @BeforeEach
        void redirect(GoPatches patches, CallsLibrary calls) {
            fromBeforeEach = patches;
            patches.redirect("main.add", "main.addReplacement");
            Journal.record("beforeEach redirected add=" + calls.CallAddDirect(2, 3));
        }

        @Test
        @Order(1)
        void patchesInCode(GoPatches patches, CallsLibrary calls) {
            StubPatch stub = patches.stubReturn("main.leafConst", GoValue.int64(9));
            patches.setFuncVariable("main.addClosure", "main.plainClosure");
            Patch toFuncValue = patches.redirectToFuncValue("main.oneArg", "main.scaler");
            long leafConst = calls.CallLeafConst();
            calls.CallLeafConst();
            Journal.record("test add=" + calls.CallAddDirect(2, 3) + " leafConst=" + leafConst
                    + " calls=" + stub.callCount() + " closure=" + calls.CallAddViaClosure(2, 3)
                    + " oneArg=" + calls.CallOneArg(5) + " sameHandle=" + (patches == fromBeforeEach));
            toFuncValue.close();
        }

        @AfterEach
        void after(CallsLibrary calls) {
            Journal.record("afterEach add=" + calls.CallAddDirect(2, 3));
        }

        @Test
        @Order(2)
        void nextTest(CallsLibrary calls) {
            Journal.record("next test add=" + calls.CallAddDirect(2, 3) + " leafConst=" + calls.CallLeafConst());
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassScopedCase {
        private static CallsLibrary calls;

        @BeforeAll
        static void redirectForAllTests(GoPatches patches, CallsLibrary injected) {
            calls = injected;
            patches.redirect("main.add", "main.addReplacement");
        }

        @Test
        @Order(1)
        void first() {
            Journal.record("first " + calls.CallAddDirect(2, 3));
        }

        @Test
        @Order(2)
        void second() {
            Journal.record("second " + calls.CallAddDirect(2, 3));
        }

        @AfterAll
        static void stillRedirected() {
            Journal.record("afterAll " + calls.CallAddDirect(2, 3));
        }
    }

    @GoJackTest(library = "calls")
    static class ConstructorCase {
        ConstructorCase(GoPatches patches) {
            patches.redirect("main.add", "main.addReplacement");
        }

        @Test
        void first(CallsLibrary calls) {
            Journal.record("test add=" + calls.CallAddDirect(2, 3) + " open=" + library.openPatches().size());
        }

        @Test
        void second(CallsLibrary calls) {
            Journal.record("test add=" + calls.CallAddDirect(2, 3) + " open=" + library.openPatches().size());
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class BindingCase {
        @Test
        @Order(1)
        void first(CallsLibrary calls) {
            Journal.record("binding " + System.identityHashCode(calls) + " add=" + calls.CallAddDirect(2, 3));
        }

        @Test
        @Order(2)
        void second(CallsLibrary calls) {
            Journal.record("binding " + System.identityHashCode(calls) + " add=" + calls.CallAddDirect(2, 3));
        }

        @Test
        void hiddenInterface(HiddenCalls calls) {
        }

        @Test
        void partlyExported(PartlyExported calls) {
        }
    }

    /** Not public: jnr-ffi cannot implement it. */
    interface HiddenCalls {
        long CallAddDirect(long a, long b);
    }

    /** One method names an export, one does not. */
    public interface PartlyExported {
        long CallAddDirect(long a, long b);

        long CallNothing();
    }
}
