package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import dev.gojack.GoValue;
import dev.gojack.SignatureMismatchException;
import dev.gojack.SymbolNotFoundException;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A misconfigured annotation fails only its own test, with an ExtensionConfigurationException that names the
 * annotation, where it was declared and why (GoJack's own message included); the other tests run normally and
 * nothing stays patched. Library: libcalls.so (noinline), which has no time.Now.
 */
@Tag("core")
class MisconfigurationTest {
    private static final String CASE = MisconfiguredCase.class.getName();
    private static GoLibrary library;
    private static CallsLibrary calls;
    private static EngineExecutionResults results;

    @BeforeAll
    static void runTheMisconfiguredTests() {
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = LibraryLoader.create(CallsLibrary.class).load(library.path().toString());
        results = TestKit.run(MisconfiguredCase.class);
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertNothingLeftPatched(library);
        assertThat(calls.CallAddDirect(2, 3)).isEqualTo(5);
    }

    @Test
    void onlyTheMisconfiguredTestsFail() {
        TestKit.assertTests(results, s -> s.started(15).failed(13).succeeded(2));
        assertThat(Journal.entries()).containsExactly("fine 5", "nested fine 5");
    }

    @Test
    void unknownTargetNamesTheAnnotationTheMethodAndGoJacksReason() {
        String reason = goJackMessage(() -> library.redirect("main.nope", "main.addReplacement"));

        assertThat(failure("unknownTarget"))
                .hasMessage("@PatchGoFunction(target = \"main.nope\", replacement = \"main.addReplacement\") on method "
                        + CASE + ".unknownTarget(): " + reason)
                .hasCauseInstanceOf(SymbolNotFoundException.class);
        assertThat(reason).startsWith("No Go function 'main.nope' in " + library.path() + ".");
    }

    @Test
    void unknownReplacementIsReportedLikeAnUnknownTarget() {
        String reason = goJackMessage(() -> library.redirect("main.add", "main.missingReplacement"));

        assertThat(failure("unknownReplacement"))
                .hasMessage("@PatchGoFunction(target = \"main.add\", replacement = \"main.missingReplacement\") on "
                        + "method " + CASE + ".unknownReplacement(): " + reason);
    }

    @Test
    void signatureMismatchNamesBothFunctions() {
        String reason = goJackMessage(() -> library.redirect("main.add", "main.oneArgReplacement"));

        assertThat(failure("signatureMismatch"))
                .hasMessage("@PatchGoFunction(target = \"main.add\", replacement = \"main.oneArgReplacement\") on "
                        + "method " + CASE + ".signatureMismatch(): " + reason)
                .hasCauseInstanceOf(SignatureMismatchException.class);
    }

    @Test
    void replacementAndReturnsTogetherAreRefused() {
        assertThat(failure("bothReplacementAndReturns"))
                .hasMessage("@PatchGoFunction(target = \"main.add\", replacement = \"main.addReplacement\", returns = "
                        + "{\"int64:1\"}) on method " + CASE + ".bothReplacementAndReturns(): give either replacement "
                        + "or returns, not both.");
    }

    @Test
    void neitherReplacementNorReturnsIsRefused() {
        assertThat(failure("neitherReplacementNorReturns"))
                .hasMessage("@PatchGoFunction(target = \"main.add\") on method " + CASE
                        + ".neitherReplacementNorReturns(): give either replacement = \"<Go function>\" or returns = "
                        + "{\"<type>:<value>\", ...}; neither was given.");
    }

    @Test
    void malformedReturnValueNamesTheElementAndTheSyntax() {
        assertThat(failure("malformedReturnValue"))
                .hasMessage("@PatchGoFunction(target = \"main.add\", returns = {\"int64:forty-two\"}) on method "
                        + CASE + ".malformedReturnValue(): returns[0] = \"int64:forty-two\" is not a Go value: "
                        + "'forty-two' is not an integer. Write type:value, e.g. \"int64:42\", \"string:hello\", "
                        + "\"bool:true\", \"float64:2.5\", \"error:nil\", \"error:io.EOF\", \"error:\\\"text\\\"\", "
                        + "\"bytes:0x0a0b\", \"nil\", or \"void\" alone for no results (see @PatchGoFunction).");
    }

    @Test
    void stubWithTheWrongResultTypesIsReportedWithGoJacksReason() {
        String reason = goJackMessage(() -> library.stubReturn("main.add", GoValue.interfaceFrom("main.nothing")));

        assertThat(failure("stubOfAnUnknownVariable"))
                .hasMessage("@PatchGoFunction(target = \"main.add\", returns = {\"error:main.nothing\"}) on method "
                        + CASE + ".stubOfAnUnknownVariable(): " + reason);
    }

    @Test
    void aPatchThatFailsHalfwayRestoresTheOnesAlreadyApplied() {
        String reason = goJackMessage(() -> library.stubReturn("main.nope", GoValue.int64(1)));

        assertThat(failure("failsHalfway"))
                .hasMessage("@PatchGoFunction(target = \"main.nope\", returns = {\"int64:1\"}) on method " + CASE
                        + ".failsHalfway(): " + reason);
    }

    @Test
    void badInstantNamesTheAnnotationTheMethodAndTheValue() {
        String why = catchThrowableOfType(DateTimeParseException.class,
                () -> ZonedDateTime.parse("2026-02-30T25:00:00Z")).getMessage();

        assertThat(failure("badInstant"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeGoClock(\"2026-02-30T25:00:00Z\") on method " + CASE + ".badInstant(): "
                        + "\"2026-02-30T25:00:00Z\" is not an ISO-8601 instant (" + why + "). Write e.g. "
                        + "\"2026-01-30T22:00:00Z\" or \"2026-01-30T17:00:00-05:00\".");
    }

    @Test
    void fakeClockOnALibraryWithoutTimeNowIsReportedWithGoJacksReason() {
        String reason = goJackMessage(() -> library.fakeClock(Instant.parse("2026-01-30T22:00:00Z")));

        assertThat(failure("clockWithoutTimeNow"))
                .hasMessage("@FakeGoClock(\"2026-01-30T17:00:00-05:00\") on method " + CASE
                        + ".clockWithoutTimeNow(): " + reason);
        assertThat(reason).contains("time.Now");
    }

    @Test
    void misconfiguredClassLevelPatchNamesTheClass() {
        assertThat(failure("nestedFailing"))
                .hasMessage("@PatchGoFunction(target = \"main.add\") on class " + CASE + "$MisconfiguredNested: give "
                        + "either replacement = \"<Go function>\" or returns = {\"<type>:<value>\", ...}; neither was "
                        + "given.");
    }

    @Test
    void morphWithoutATypeIsRefused() {
        assertThat(failure("morphWithoutType"))
                .hasMessage("@MorphGoInterface(variable = \"main.store\", type = \"\") on method " + CASE
                        + ".morphWithoutType(): name both the package variable and the type, e.g. variable = "
                        + "\"main.store\", type = \"*main.memStore\".");
    }

    @Test
    void fakeClockParameterWithoutFakeGoClockSaysWhatToDeclare() {
        assertThat(failure("clockParameterWithoutDeclaration"))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("Cannot inject a FakeClock into method " + CASE + ".clockParameterWithoutDeclaration("
                        + "FakeClock): neither the test method nor its classes declare @FakeGoClock(\"<instant>\"). "
                        + "Declare one, or inject GoPatches and call fakeClock(Instant).");
    }

    @Test
    void annotationsWithoutGoJackTestSayWhichLibraryIsMissing() {
        EngineExecutionResults noLibrary = TestKit.run(WithoutGoJackTestCase.class);

        TestKit.assertTests(noLibrary, s -> s.started(1).failed(1));
        assertThat(TestKit.failureOf(noLibrary, "patched"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("GoJack's annotations and parameters on method " + WithoutGoJackTestCase.class.getName()
                        + ".patched() need the Go library they patch: annotate the test class (or an enclosing class) "
                        + "with @GoJackTest(library = \"...\").");
    }

    private static Throwable failure(String method) {
        Throwable t = TestKit.failureOf(results, method);
        if (!(t instanceof ParameterResolutionException)) {
            assertThat(t).isInstanceOf(ExtensionConfigurationException.class);
        }
        return t;
    }

    private static String goJackMessage(Supplier<Object> patch) {
        GoJackException e = catchThrowableOfType(GoJackException.class, patch::get);
        assertThat(e).as("GoJack refuses the patch").isNotNull();
        return e.getMessage();
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    static class WithoutGoJackTestCase {
        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void patched() {
        }
    }

    @GoJackTest(library = "calls")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MisconfiguredCase {
        @Test
        @PatchGoFunction(target = "main.nope", replacement = "main.addReplacement")
        void unknownTarget() {
        }

        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.missingReplacement")
        void unknownReplacement() {
        }

        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.oneArgReplacement")
        void signatureMismatch() {
        }

        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement", returns = "int64:1")
        void bothReplacementAndReturns() {
        }

        @Test
        @PatchGoFunction(target = "main.add")
        void neitherReplacementNorReturns() {
        }

        @Test
        @PatchGoFunction(target = "main.add", returns = "int64:forty-two")
        void malformedReturnValue() {
        }

        @Test
        @PatchGoFunction(target = "main.add", returns = "error:main.nothing")
        void stubOfAnUnknownVariable() {
        }

        @Test
        @Order(1)
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        @PatchGoFunction(target = "main.nope", returns = "int64:1")
        void failsHalfway() {
        }

        @Test
        @Order(2)
        void fine(CallsLibrary calls) {
            Journal.record("fine " + calls.CallAddDirect(2, 3));
        }

        @Test
        @FakeGoClock("2026-02-30T25:00:00Z")
        void badInstant() {
        }

        @Test
        @FakeGoClock("2026-01-30T17:00:00-05:00")
        void clockWithoutTimeNow() {
        }

        @Test
        @MorphGoInterface(variable = "main.store", type = "")
        void morphWithoutType() {
        }

        @Test
        void clockParameterWithoutDeclaration(dev.gojack.FakeClock clock) {
        }

        @Nested
        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
        class Fine {
            @Test
            void nestedFine(CallsLibrary calls) {
                Journal.record("nested fine " + calls.CallAddDirect(2, 3));
            }
        }

        @Nested
        @PatchGoFunction(target = "main.add")
        class MisconfiguredNested {
            @Test
            void nestedFailing() {
            }
        }
    }

}
