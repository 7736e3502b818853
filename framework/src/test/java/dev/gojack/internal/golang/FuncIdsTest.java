package dev.gojack.internal.golang;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funcID tables per Go release, as golang/go src/internal/abi/symtab.go has them (go1.21.13 … go1.26.11):
 * the IDs that moved between releases are named right for each.
 */
class FuncIdsTest {
    @ParameterizedTest
    @CsvSource({
            // version, wrapper, morestack, systemstack, runtime_main
            "go1.21.13, 21, 12, 19, 17",
            "go1.22.12, 22, 13, 20, 18",
            "go1.24.13, 22, 13, 20, 18",
            "go1.25.14, 23, 13, 21, 17",
            "go1.26.8,  23, 13, 21, 17"})
    void idsMovedByCorostartAndTheFinalizerSplitAreNamedPerRelease(String version, int wrapper, int morestack,
                                                                    int systemstack, int runtimeMain) {
        GoVersion v = GoVersion.parse(version);
        assertThat(FuncIds.wrapper(v)).isEqualTo(wrapper);
        assertThat(FuncIds.name(v, morestack)).isEqualTo("morestack");
        assertThat(FuncIds.name(v, systemstack)).isEqualTo("systemstack");
        assertThat(FuncIds.name(v, runtimeMain)).isEqualTo("runtime_main");
        assertThat(FuncIds.isSpecial(v, morestack)).isTrue();
        assertThat(FuncIds.isSpecial(v, 0)).isFalse();
        assertThat(FuncIds.isSpecial(v, wrapper)).isFalse();
    }
}
