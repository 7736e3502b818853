package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Go code calls Java lambdas (issue 19): arguments and results of each kind, from the export's goroutine. */
class GoAnswerTest {
    static GoLibrary library;
    static AnswersLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("answers"));
        go = Fixtures.bind(AnswersLibrary.class, library);
    }

    @AfterEach
    void everythingRestored() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.CallPrice(4)).isEqualTo(40);
    }

    @Test
    void anIntArgumentAndResultCrossTheCall() {
        AtomicLong calls = new AtomicLong();
        try (Patch p = library.replace("main.price", call -> {
            calls.incrementAndGet();
            return (Long) call.argument(0) * 3 + 1;
        })) {
            assertThat(go.CallPrice(5)).isEqualTo(16);
            assertThat(go.CallPrice(-7)).isEqualTo(-20);
            assertThat(calls).hasValue(2);
            assertThat(p.describe()).contains("main.price").contains("Java answer");
        }
        assertThat(go.CallPrice(5)).isEqualTo(50);
    }
}
