package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nested patches of one variable restore like nested redirects: while open, the newest value is in the
 * variable; once all are closed, the original is back, whatever order they were closed in. (Before, the outer
 * patch wrote its original back unconditionally: closed oldest first, main.gInt ended at 10, not 5.)
 */
@Tag("core")
class VariableRestoreOrderTest {
    static GoLibrary library;
    static RefusalsLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("refusals"));
        go = Fixtures.bind(RefusalsLibrary.class, library);
    }

    @AfterEach
    void theOriginalIsBack() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.GoGInt()).isEqualTo(5);
    }

    @Test
    void twoPatchesClosedOldestFirstLeaveTheInnerValueThenTheOriginal() {
        LiveVariable g = library.variable("main.gInt");
        Patch outer = g.set(GoValue.int64(10));
        Patch inner = g.set(GoValue.int64(20));
        outer.close();
        assertThat(go.GoGInt()).isEqualTo(20);
        inner.close();
        assertThat(go.GoGInt()).isEqualTo(5);
    }

    @Test
    void twoPatchesClosedNewestFirstGoBackStepByStep() {
        LiveVariable g = library.variable("main.gInt");
        Patch outer = g.set(GoValue.int64(10));
        Patch inner = g.set(GoValue.int64(20));
        inner.close();
        assertThat(go.GoGInt()).isEqualTo(10);
        outer.close();
    }

    /** Every order of closing three patches (values 10, 20, 30 applied in that order). */
    static Stream<List<Integer>> closeOrders() {
        return Stream.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1),
                List.of(2, 1, 0));
    }

    @ParameterizedTest
    @MethodSource("closeOrders")
    void inAnyCloseOrderTheNewestOpenValueWinsAndTheOriginalComesBack(List<Integer> order) {
        LiveVariable g = library.variable("main.gInt");
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            patches.add(g.set(GoValue.int64(10L * (i + 1))));
        }
        assertThat(go.GoGInt()).isEqualTo(30);
        boolean[] open = {true, true, true};
        for (int index : order) {
            patches.get(index).close();
            open[index] = false;
            long expected = 5;
            for (int i = 0; i < 3; i++) {
                expected = open[i] ? 10L * (i + 1) : expected;
            }
            assertThat(go.GoGInt()).as("after closing %s of %s", index, order).isEqualTo(expected);
        }
    }

    @Test
    void aNewPatchAfterAllWereClosedStartsFromTheCurrentValue() {
        LiveVariable g = library.variable("main.gInt");
        try (Patch p = g.set(GoValue.int64(10))) {
            assertThat(go.GoGInt()).isEqualTo(10);
        }
        try (Patch outer = g.set(GoValue.int64(11)); Patch inner = g.set(GoValue.int64(12))) {
            assertThat(go.GoGInt()).isEqualTo(12);
        }
    }
}
