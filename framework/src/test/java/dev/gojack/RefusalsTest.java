package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.gojack.RefusedTargetException.Reason.ABI_MISMATCH;
import static dev.gojack.RefusedTargetException.Reason.NOT_AN_INTERFACE_VALUE;
import static dev.gojack.RefusedTargetException.Reason.NOT_A_FUNC_VALUE;
import static dev.gojack.RefusedTargetException.Reason.REDIRECT_LOOP;
import static dev.gojack.RefusedTargetException.Reason.RUNTIME_PACKAGE;
import static dev.gojack.RefusedTargetException.Reason.SPECIAL_RUNTIME_FUNCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Patches that cannot work are refused before anything is written, with the rule that refused them. Without
 * these checks each case below returned garbage, crashed Go or hung (issue 13 section 3; the crashes and hangs
 * were reproduced once in a separate JVM, never in this one).
 */
@Tag("core")
class RefusalsTest {
    static final String ASM = "example.com/gojack/fixtures/internal/asmfuncs.";
    static GoLibrary library;
    static RefusalsLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("refusals"));
        go = Fixtures.bind(RefusalsLibrary.class, library);
    }

    @AfterEach
    void nothingWasLeftPatched() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(library.writableExecutablePages()).isEmpty();
        assertThat(go.GoAsmAnswer()).isEqualTo(42);
        assertThat(go.GoAdd(3, 4)).isEqualTo(7);
        assertThat(go.GoAsmInc(3)).isEqualTo(4);
        assertThat(go.GoCompute(1, 2)).isEqualTo(1003);
        assertThat(go.GoCheckMessageLength()).isEqualTo(-1);
    }

    static RefusedTargetException.Reason reasonOf(Throwable t) {
        assertThat(t).isInstanceOf(RefusedTargetException.class).isInstanceOf(PatchRefusedException.class);
        return ((RefusedTargetException) t).reason();
    }

    private static RefusedTargetException refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        RefusedTargetException e = catchThrowableOfType(RefusedTargetException.class, call);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).contains(library.path().toString());
        return e;
    }

    // ------------------------------------------------------------------ ABI

    @Test
    void aReturnStubOnAnAssemblyFunctionIsRefusedBecauseItReturnsOnTheStack() {
        RefusedTargetException e = refusal(() -> library.stubReturn(ASM + "Answer", GoValue.int64(42)));
        assertThat(e.reason()).isEqualTo(ABI_MISMATCH);
        assertThat(e.getMessage()).contains(ASM + "Answer", "ABI0", "stack", "ABIInternal");
    }

    @Test
    void aRedirectBetweenAGoFunctionAndAnAssemblyFunctionIsRefusedBothWays() {
        // Same pclntab args size (16), so the size check alone let this through and GoAdd(3, 4) returned 1.
        assertThat(library.function("main.goAdd").argsSize()).isEqualTo(library.function(ASM + "Inc").argsSize());
        RefusedTargetException toAsm = refusal(() -> library.redirect("main.goAdd", ASM + "Inc"));
        assertThat(toAsm.reason()).isEqualTo(ABI_MISMATCH);
        assertThat(toAsm.getMessage()).contains("main.goAdd is ABIInternal", ASM + "Inc is ABI0");
        assertThat(refusal(() -> library.redirect(ASM + "Inc", "main.goAdd")).reason()).isEqualTo(ABI_MISMATCH);
    }

    @Test
    void aRedirectBetweenTwoAssemblyFunctionsOfOneFrameWorks() {
        try (Patch p = library.redirect(ASM + "Add", ASM + "Sub")) {
            assertThat(go.GoAsmAdd(10, 3)).isEqualTo(7);
        }
        assertThat(go.GoAsmAdd(10, 3)).isEqualTo(13);
    }

    @Test
    void aFuncValueRedirectOfAnAssemblyFunctionIsRefused() {
        assertThat(refusal(() -> library.redirectToFuncValue(ASM + "Inc", "main.mulFunc")).reason())
                .isEqualTo(ABI_MISMATCH);
    }

    // ------------------------------------------------------------------ the runtime

    @ParameterizedTest
    @ValueSource(strings = {"runtime.nanotime1", "runtime.mallocgc"})
    void runtimeFunctionsAreRefusedUnlessAllowed(String name) {
        RefusedTargetException e = refusal(() -> library.stubReturn(name, GoValue.int64(1)));
        assertThat(e.reason()).isEqualTo(RUNTIME_PACKAGE);
        assertThat(e.getMessage()).contains(name, "package runtime", "ALLOW_RUNTIME");
        assertThat(refusal(() -> library.redirect(name, "main.goAnswer")).reason()).isEqualTo(RUNTIME_PACKAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime.morestack", "runtime.systemstack", "runtime.mcall", "runtime.gogo",
            "runtime.asyncPreempt", "runtime.goexit"})
    void functionsWithASpecialFuncIdAreRefusedEvenWhenTheRuntimeIsAllowed(String name) {
        String id = name.substring("runtime.".length());
        for (PatchOption[] options : List.of(new PatchOption[0], new PatchOption[]{PatchOption.ALLOW_RUNTIME})) {
            RefusedTargetException e = refusal(() -> library.stubReturn(name, List.of(), options));
            assertThat(e.reason()).isEqualTo(SPECIAL_RUNTIME_FUNCTION);
            assertThat(e.getMessage()).contains(name, "funcID " + id);
        }
        assertThat(library.function(name).funcId()).isNotZero();
    }

    @Test
    void aSpecialRuntimeFunctionIsNoReplacementEither() {
        RefusedTargetException e = refusal(() -> library.redirect("main.goAnswer", "runtime.morestack",
                PatchOption.ALLOW_SIGNATURE_MISMATCH));
        assertThat(e.reason()).isEqualTo(SPECIAL_RUNTIME_FUNCTION);
        assertThat(e.getMessage()).contains("runtime.morestack", "replacement");
    }

    @Test
    void theRuntimesInternalPackagesCountAsTheRuntime() {
        GoFunction internal = library.functions().stream()
                .filter(f -> f.name().startsWith("internal/runtime/") || f.name().startsWith("runtime/internal/"))
                .findFirst().orElseThrow();
        assertThat(refusal(() -> library.stubReturn(internal.name(), List.of())).reason())
                .isEqualTo(RUNTIME_PACKAGE);
    }

    /**
     * runtime.NumCPU only reads the runtime's ncpu, and nothing in the runtime or the standard library calls it
     * (the runtime reads ncpu directly), so a stub cannot break the runtime: only the library's GoNumCPU sees it.
     */
    @Test
    void aRuntimeFunctionTheRuntimeNeverCallsIsPatchableWithAllowRuntime() {
        long real = go.GoNumCPU();
        assertThat(refusal(() -> library.stubReturn("runtime.NumCPU", GoValue.int64(1234))).reason())
                .isEqualTo(RUNTIME_PACKAGE);
        try (Patch p = library.stubReturn("runtime.NumCPU", List.of(GoValue.int64(1234)), PatchOption.ALLOW_RUNTIME)) {
            assertThat(go.GoNumCPU()).isEqualTo(1234);
        }
        assertThat(go.GoNumCPU()).isEqualTo(real);
    }

    @Test
    void withAllowRuntimeAnAssemblyRuntimeFunctionIsStillRefusedForItsAbi() {
        assertThat(refusal(() -> library.stubReturn("runtime.nanotime1", List.of(GoValue.int64(1)),
                PatchOption.ALLOW_RUNTIME)).reason()).isEqualTo(ABI_MISMATCH);
    }

    @Test
    void timeNowAndTimeSleepStayPatchable() {
        Instant start = Instant.parse("2031-02-03T04:05:06Z");
        try (FakeClock clock = library.fakeClock(start, FakeClockOption.SLEEP_ADVANCES)) {
            assertThat(go.GoNowUnixNano()).isEqualTo(start.getEpochSecond() * 1_000_000_000L);
            go.GoSleepMillis(60_000);
            assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(1)));
        }
    }

    // ------------------------------------------------------------------ loops

    @Test
    void aRedirectOfAFunctionToItselfIsRefused() {
        RefusedTargetException e = refusal(() -> library.redirect("main.goAnswer", "main.goAnswer"));
        assertThat(e.reason()).isEqualTo(REDIRECT_LOOP);
        assertThat(e.getMessage()).contains("main.goAnswer -> main.goAnswer");
    }

    @Test
    void aRedirectThatClosesALoopThroughAnotherRedirectIsRefused() {
        try (Patch p = library.redirect("main.goAdd", "main.goMul")) {
            RefusedTargetException e = refusal(() -> library.redirect("main.goMul", "main.goAdd"));
            assertThat(e.reason()).isEqualTo(REDIRECT_LOOP);
            assertThat(e.getMessage()).contains("main.goMul -> main.goAdd -> main.goMul");
            assertThat(go.GoAdd(3, 4)).isEqualTo(12);
        }
    }

    // ------------------------------------------------------------------ func values and interface values

    @Test
    void aFuncValueRedirectToAnIntegerVariableIsRefused() {
        assertThat(library.variable("main.notAFunc").getInt64()).isEqualTo(5);
        RefusedTargetException e = refusal(() -> library.redirectToFuncValue("main.compute", "main.notAFunc"));
        assertThat(e.reason()).isEqualTo(NOT_A_FUNC_VALUE);
        assertThat(e.getMessage()).contains("main.compute", "main.notAFunc", "0x5");
    }

    @Test
    void aFuncValueRedirectToANilFuncVariableIsRefused() {
        RefusedTargetException e = refusal(() -> library.redirectToFuncValue("main.compute", "main.nilFunc"));
        assertThat(e.reason()).isEqualTo(NOT_A_FUNC_VALUE);
        assertThat(e.getMessage()).contains("main.nilFunc", "nil");
    }

    @Test
    void aFuncValueRedirectToAFuncVariableOfTheLibraryWorks() {
        try (Patch p = library.redirectToFuncValue("main.compute", "main.mulFunc")) {
            assertThat(go.GoCompute(3, 4)).isEqualTo(12);
        }
    }

    @Test
    void interfaceFromAStringVariableIsRefused() {
        RefusedTargetException e = refusal(() -> library.stubReturn("main.check",
                GoValue.interfaceFrom("main.notAnInterface")));
        assertThat(e.reason()).isEqualTo(NOT_AN_INTERFACE_VALUE);
        assertThat(e.getMessage()).contains("main.notAnInterface", "type descriptor", "itab");
        assertThat(reasonOf(catchThrowableOfType(RefusedTargetException.class, () -> library.variable("main.failure")
                .set(GoValue.interfaceFrom("main.notAnInterface"))))).isEqualTo(NOT_AN_INTERFACE_VALUE);
    }

    @Test
    void interfaceFromAnErrorVariableWorks() {
        try (Patch p = library.stubReturn("main.check", GoValue.interfaceFrom("main.failure"))) {
            assertThat(go.GoCheckMessageLength()).isEqualTo("boom".length());
        }
    }
}
