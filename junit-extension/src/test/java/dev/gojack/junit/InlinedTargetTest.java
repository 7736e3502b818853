package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.InlinedTargetException;
import dev.gojack.Patch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A target the compiler inlined is refused with GoJack's reason unless {@code allowInlined = true}. Library:
 * libcalls.so in the default variant (built with inlining), where main.tiny is inlined into its callers; this
 * class runs in its own JVM.
 */
@Tag("core")
class InlinedTargetTest {
    private static final String CASE = InlinedCase.class.getName();
    private static GoLibrary library;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("default", "calls"));
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertNothingLeftPatched(library);
    }

    @Test
    void inlinedTargetFailsWithGoJacksReasonAndAllowInlinedPatchesTheBody() {
        String reason = catchThrowableOfType(InlinedTargetException.class,
                () -> library.redirect("main.tiny", "main.tinyReplacement")).getMessage();
        EngineExecutionResults results = TemporaryProperty.with("gojack.library.path",
                Fixtures.library("default", "calls").getParent().toString(), () -> TestKit.run(InlinedCase.class));

        TestKit.assertTests(results, s -> s.started(3).failed(1).succeeded(2));
        assertThat(TestKit.failureOf(results, "refused"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@PatchGoFunction(target = \"main.tiny\", replacement = \"main.tinyReplacement\") on method "
                        + CASE + ".refused(): " + reason)
                .hasCauseInstanceOf(InlinedTargetException.class);
        assertThat(Journal.entries()).containsExactlyInAnyOrder("allowed open=[main.tiny] tinyA=7",
                "allowedStub open=[main.tiny] tinyA=7");
    }

    // ---------------------------------------------------------------- fixture, run only through TestKit

    @GoJackTest(library = "calls")
    static class InlinedCase {
        @Test
        @PatchGoFunction(target = "main.tiny", replacement = "main.tinyReplacement")
        void refused() {
        }

        @Test
        @PatchGoFunction(target = "main.tiny", replacement = "main.tinyReplacement", allowInlined = true)
        void allowed(GoLibrary library, CallsLibrary calls) {
            Journal.record("allowed open=" + library.openPatches().stream().map(Patch::target).toList()
                    + " tinyA=" + calls.CallTinyA(2));
        }

        @Test
        @PatchGoFunction(target = "main.tiny", returns = "int:1", allowInlined = true)
        void allowedStub(GoLibrary library, CallsLibrary calls) {
            Journal.record("allowedStub open=" + library.openPatches().stream().map(Patch::target).toList()
                    + " tinyA=" + calls.CallTinyA(2));
        }
    }
}
