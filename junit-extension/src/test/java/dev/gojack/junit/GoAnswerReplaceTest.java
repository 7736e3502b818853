package dev.gojack.junit;

import org.junit.jupiter.api.Tag;

import dev.gojack.AnswersLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoAnswerException;
import dev.gojack.GoLibrary;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GoPatches.replace} in both forms (issue 19): Java answers are restored after the test, and a body that
 * threw fails the test at that restore with the body's exception as the cause. Library: libanswers.so (noinline).
 */
@Tag("core")
class GoAnswerReplaceTest {
    private static GoLibrary library;
    private static AnswersLibrary go;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("answers"));
        go = LibraryLoader.create(AnswersLibrary.class).load(library.path().toString());
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertNothingLeftPatched(library);
        assertThat(go.CallPrice(3)).isEqualTo(30);
    }

    @Test
    void bothFormsAreInForceDuringTheTestAndRestoredAfter() {
        EngineExecutionResults results = TestKit.run(AnsweringCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly("lambda 7", "interface 42", "after 30");
    }

    @Test
    void aBodyThatThrewFailsTheTestWithItsCause() {
        EngineExecutionResults results = TestKit.run(ThrowingCase.class);

        TestKit.assertTests(results, s -> s.started(1).failed(1));
        Throwable failure = TestKit.failureOf(results, "bodyThrows");
        assertThat(failure).isInstanceOf(GoAnswerException.class).hasMessageContaining("main.price")
                .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("pricing offline");
        assertThat(Journal.entries()).containsExactly("zero 0");
    }

    interface Pricing {
        long price(long qty);
    }

    @GoJackTest(library = "answers")
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class AnsweringCase {
        @Test
        void a(GoPatches patches, AnswersLibrary answers) {
            patches.replace("main.price", call -> 7L);
            Journal.record("lambda " + answers.CallPrice(1));
        }

        @Test
        void b(GoPatches patches, AnswersLibrary answers) {
            patches.replace("main.price", Pricing.class, qty -> qty * 42);
            Journal.record("interface " + answers.CallPrice(1));
        }

        @org.junit.jupiter.api.AfterAll
        static void after() {
            Journal.record("after " + go.CallPrice(3));
        }
    }

    @GoJackTest(library = "answers")
    static class ThrowingCase {
        @Test
        void bodyThrows(GoPatches patches, AnswersLibrary answers) {
            patches.replace("main.price", call -> {
                throw new IllegalStateException("pricing offline");
            });
            Journal.record("zero " + answers.CallPrice(1));
        }
    }
}
