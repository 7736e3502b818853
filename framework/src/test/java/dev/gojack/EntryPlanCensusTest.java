package dev.gojack;

import dev.gojack.cli.GoJackCli;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.runtime.PlanCensus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 §1: pc-table coverage of parked jumps must not demote functions to quiescent-only. Counts, for fixture
 * libraries, the functions each entry plan serves as planned before the coverage (any free padding) and with it
 * (only padding whose covering function's tables GoJack can extend), and prints them as {@code gojack inspect
 * --plans} does. The few functions that change plan are those whose only padding belongs to a function the
 * unwinder treats specially (goexit, morestack, sigpanic, ... — TOPFRAME, SPWRITE or a special funcID).
 */
@Tag("core")
class EntryPlanCensusTest {
    @ParameterizedTest
    @ValueSource(strings = {"noinline/hot", "noinline/calls", "default/clock", "stripped/vars", "default/bigweb"})
    void coverageKeepsTheRunningSafeShareWithinATenthOfAPercentAndNoPlanBecomesLessSafeExceptQuiescent(String lib) {
        String[] parts = lib.split("/");
        GoBinary binary = GoBinary.open(Fixtures.library(parts[0], parts[1]));
        PlanCensus census = binary.planCensus();
        System.out.println(lib + census.toText());
        int before = PlanCensus.runningSafe(census.before());
        int after = PlanCensus.runningSafe(census.after());
        assertThat(census.after().getOrDefault(EntryJumpPlan.Kind.ALIGNED_STORE, 0))
                .isEqualTo(census.before().getOrDefault(EntryJumpPlan.Kind.ALIGNED_STORE, 0));
        assertThat(after).as("running-safe functions with coverage").isLessThanOrEqualTo(before)
                .isGreaterThanOrEqualTo(before - census.functions() / 1000 - 5);
        assertThat(census.after().getOrDefault(EntryJumpPlan.Kind.PADDING_HOTPATCH, 0))
                .as("most functions are served by the padding plan").isGreaterThan(census.functions() / 2);
    }

    @org.junit.jupiter.api.Test
    void inspectPlansPrintsTheShareOfEveryPlan() {
        // make test-go121 runs this again against the Go 1.21 build
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = GoJackCli.run(new String[] {"inspect", Fixtures.library("hot").toString(), "--plans"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("entry plans").contains("aligned store").contains("padding hotpatch")
                .contains("quiescent only").contains("running-safe");
    }
}
