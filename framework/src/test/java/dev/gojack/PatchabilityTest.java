package dev.gojack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The patchable share of a library's own functions, read from the file: default build against the test variant. */
@Tag("core")
class PatchabilityTest {
    @Test
    void theTestVariantMakesEveryOwnFunctionPatchableWhileTheDefaultBuildLosesTheInlinedOnes() {
        Patchability shipped = GoBinary.open(Fixtures.library(Fixtures.DEFAULT, "calls")).patchability();
        Patchability test = GoBinary.open(Fixtures.library(Fixtures.NOINLINE, "calls")).patchability();

        assertThat(test.functions(Patchability.Verdict.INLINED)).isEmpty();
        assertThat(test.functions(Patchability.Verdict.ONLY_INLINED)).isEmpty();
        assertThat(test.patchableShare()).isEqualTo(1.0);
        assertThat(shipped.patchableShare()).isLessThan(test.patchableShare());
        assertThat(shipped.patchable() + shipped.functions(Patchability.Verdict.INLINED).size()
                + shipped.functions(Patchability.Verdict.ONLY_INLINED).size()
                + shipped.functions(Patchability.Verdict.NOT_PATCHABLE).size()).isEqualTo(shipped.total());
    }

    @Test
    void verdictsAgreeWithWhatPatchingDoes() {
        Patchability shipped = GoBinary.open(Fixtures.library(Fixtures.DEFAULT, "calls")).patchability();
        assertThat(verdict(shipped, "main.add")).isEqualTo(Patchability.Verdict.PATCHABLE);
        assertThat(verdict(shipped, "main.tiny")).isEqualTo(Patchability.Verdict.INLINED);
        assertThat(verdict(shipped, "main.inlinedOnly")).isEqualTo(Patchability.Verdict.ONLY_INLINED);
        // The quiescent-only verdict depends on the code layout of one Go release: QuiescentOnlyWarningTest.
    }

    @Test
    void cgoGlueAndWrappersAreNotCountedAsTheModulesOwnFunctions() {
        Patchability p = GoBinary.open(Fixtures.library(Fixtures.NOINLINE, "calls")).patchability();
        assertThat(p.functions()).noneMatch(f -> f.name().contains("_cgo") || f.name().contains("_Cfunc_"));
        assertThat(p.functions()).allMatch(f -> f.name().startsWith("main."));
        assertThat(p.toString()).contains("of " + p.total() + " functions");
    }

    private static Patchability.Verdict verdict(Patchability p, String name) {
        return p.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().verdict();
    }
}
