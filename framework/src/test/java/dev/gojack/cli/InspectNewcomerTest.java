package dev.gojack.cli;

import dev.gojack.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a first-time user of {@code gojack inspect} runs into: help, empty filters, and what can be patched. */
@Tag("core")
class InspectNewcomerTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GoJackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpPrintsTheUsageOnStdoutAndIsNeverReadAsAFileName(String flag) {
        assertThat(run("inspect", flag)).isZero();
        assertThat(out()).contains("usage: gojack inspect").contains("--patchable").contains("--functions REGEX");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpAloneWithoutTheSubcommandPrintsUsageToo() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: gojack inspect");
    }

    @Test
    void aFunctionFilterThatMatchesNothingSaysSo() {
        assertThat(run("inspect", Fixtures.library("calls").toString(), "--functions", "^main\\.fakeCharge$",
                "--variables", "^main\\.nothing$")).isZero();
        assertThat(out()).contains("0 functions match ^main\\.fakeCharge$").contains("the linker drops functions")
                .contains("0 variables match ^main\\.nothing$");
    }

    @Test
    void aFilterThatMatchesPrintsNoZeroLine() {
        assertThat(run("inspect", Fixtures.library("calls").toString(), "--functions", "^main\\.add$")).isZero();
        assertThat(out()).doesNotContain("0 functions match");
    }

    @Test
    void patchableReportsTheShareOfTheMainModuleAndNamesWhatTheDefaultBuildInlined() {
        assertThat(run("inspect", Fixtures.library(Fixtures.DEFAULT, "calls").toString(), "--patchable")).isZero();
        assertThat(out()).containsPattern("patchable\\s+\\d+ of \\d+ functions of the main module \\(\\d+\\.\\d%\\)")
                .containsPattern("only inlined\\s+main\\.inlinedOnly: no body; inlined into \\S*CallInlinedOnly")
                .containsPattern("inlined\\s+main\\.tiny: inlined into")
                .contains("-gcflags=all=-l");
    }

    @Test
    void patchableAsJsonListsEveryVerdict() {
        assertThat(run("inspect", Fixtures.library(Fixtures.DEFAULT, "calls").toString(), "--patchable", "--json"))
                .isZero();
        assertThat(out()).contains("\"patchability\":{").contains("\"name\":\"main.inlinedOnly\",\"verdict\":\"ONLY_INLINED\"")
                .contains("\"verdict\":\"PATCHABLE\"");
    }
}
