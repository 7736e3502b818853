package dev.gojack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** In a library built with inlining, a target that was inlined is refused unless explicitly allowed. */
@Tag("core")
class InlinedTargetTest {
    static GoLibrary library;
    static CallsLibrary calls;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library(Fixtures.DEFAULT, "calls"));
        calls = Fixtures.bind(CallsLibrary.class, library);
    }

    @Test
    void theInlineTreesNameEveryFunctionCarryingACopy() {
        assertThat(library.binary().inliningDisabled()).isFalse();
        // CallTinyA was itself inlined into cgo's export wrapper, so that is where the copy of tiny lives.
        assertThat(library.function("main.tiny").inlinedInto())
                .anyMatch(f -> f.endsWith("CallTinyA")).anyMatch(f -> f.endsWith("CallTinyB"));
        assertThat(library.function("main.add").inlinedInto()).isEmpty();
    }

    @Test
    void patchingAnInlinedFunctionIsRefusedListingItsCallersAndTheFix() {
        assertThatThrownBy(() -> library.redirect("main.tiny", "main.tinyReplacement"))
                .isInstanceOfSatisfying(InlinedTargetException.class,
                        e -> assertThat(e.inlinedInto()).anyMatch(f -> f.endsWith("CallTinyB")))
                .hasMessageContaining("main.tiny").hasMessageContaining("CallTinyA")
                .hasMessageContaining("-gcflags=all=-l").hasMessageContaining("//go:noinline")
                .hasMessageContaining("ALLOW_INLINED").hasMessageContaining(library.path().toString());
        assertThat(library.openPatches()).isEmpty();
        assertThat(calls.CallTinyA(2)).isEqualTo(7);
    }

    @Test
    void allowInlinedPatchesOnlyTheOutOfLineBodyAndTheInlinedCopiesKeepTheOriginalBehaviour() {
        try (Patch p = library.redirect("main.tiny", "main.tinyReplacement", PatchOption.ALLOW_INLINED)) {
            assertThat(p.target()).isEqualTo("main.tiny");
            assertThat(calls.CallTinyA(2)).as("inlined copy").isEqualTo(7);
        }
    }

    @Test
    void returnStubsTakeTheSameOptionAndRefuseWithoutIt() {
        assertThatThrownBy(() -> library.stubReturn("main.tiny", GoValue.int64(5)))
                .isInstanceOf(InlinedTargetException.class);
        try (StubPatch p = library.stubReturn("main.tiny", java.util.List.of(GoValue.int64(5)), PatchOption.ALLOW_INLINED)) {
            assertThat(calls.CallTinyA(2)).as("inlined copy").isEqualTo(7);
            assertThat(p.callCount()).isZero();
        }
    }

    @Test
    void functionsMarkedNoinlineArePatchedNormallyInTheDefaultBuild() {
        try (Patch p = library.redirect("main.add", "main.addReplacement")) {
            assertThat(calls.CallAddDirect(1, 2)).isEqualTo(102);
        }
        assertThat(calls.CallAddDirect(1, 2)).isEqualTo(3);
    }

    // ---- issue 14: a name found only in inline trees (main.inlinedOnly has no body in the default build)

    @Test
    void aFunctionInlinedIntoEveryCallerIsRefusedAsInlinedNamingTheCallersAndTheBuildFix() {
        assertThat(library.findFunction("main.inlinedOnly")).as("no out-of-line copy in the default build").isEmpty();
        assertThatThrownBy(() -> library.redirect("main.inlinedOnly", "main.tinyReplacement"))
                .isInstanceOfSatisfying(InlinedTargetException.class,
                        e -> assertThat(e.inlinedInto()).anyMatch(f -> f.endsWith("CallInlinedOnly")))
                .hasMessageContaining("main.inlinedOnly").hasMessageContaining("CallInlinedOnly")
                .hasMessageContaining("no out-of-line copy").hasMessageContaining("-gcflags=-l")
                .hasMessageContaining("-gcflags=all=-l").hasMessageContaining("patch one of the callers")
                .hasMessageContaining(library.path().toString())
                .hasMessageNotContaining("Nearest names");
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void stubsAndLookupsOfAFullyInlinedFunctionGiveTheSameRefusal() {
        assertThatThrownBy(() -> library.stubReturn("main.inlinedOnly", GoValue.int64(1)))
                .isInstanceOf(InlinedTargetException.class).hasMessageContaining("CallInlinedOnly");
        assertThatThrownBy(() -> library.function("main.inlinedOnly"))
                .isInstanceOf(InlinedTargetException.class);
        assertThatThrownBy(() -> GoBinary.open(library.path()).function("main.inlinedOnly"))
                .isInstanceOf(InlinedTargetException.class);
        assertThat(calls.CallInlinedOnly(3)).isEqualTo(17);
    }

    @Test
    void aNameInNoInlineTreeIsStillATypoWithNearestNames() {
        assertThatThrownBy(() -> library.redirect("main.inlinedOnyl", "main.tinyReplacement"))
                .isInstanceOf(SymbolNotFoundException.class).hasMessageContaining("Nearest names");
    }
}
