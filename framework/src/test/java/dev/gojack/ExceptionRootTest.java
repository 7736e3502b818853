package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every failure GoJack reports is a GoJackException subclass; null arguments name the parameter; only stub
 * patches are StubPatches (a redirect has no call counter to ask for).
 */
@Tag("core")
class ExceptionRootTest {
    static GoLibrary library;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("vars"));
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertNothingLeftPatched(library);
    }

    @Test
    void onlyStubPatchesCountCalls() {
        try (Patch redirect = library.redirect("main.double", "main.triple");
             StubPatch stub = library.stubReturn("main.answerInt", GoValue.int64(1))) {
            assertThat(redirect).isNotInstanceOf(StubPatch.class);
            assertThat(stub.callCount()).isZero();
        }
    }

    @Test
    void readingAVariableAsATypeOfAnotherSizeIsAGoJackException() {
        assertThatThrownBy(() -> library.variable("main.counter").getInt32())
                .isInstanceOf(InvalidArgumentException.class).isInstanceOf(GoJackException.class)
                .hasMessageContaining("main.counter").hasMessageContaining("int32");
        assertThatThrownBy(() -> library.variable("main.counter").getString())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("main.counter");
    }

    @Test
    void emptyOrMixedResultRowsAreGoJackExceptions() {
        assertThatThrownBy(() -> library.stubSequence("main.answerInt", List.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("main.answerInt");
    }

    @Test
    void unsignedValuesOutOfRangeAreGoJackExceptions() {
        assertThatThrownBy(() -> GoValue.uint16(70_000)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("uint16");
    }

    @Test
    void nullArgumentsNameTheParameter() {
        assertThatThrownBy(() -> library.redirect(null, "main.triple"))
                .isInstanceOf(NullPointerException.class).hasMessage("target");
        assertThatThrownBy(() -> library.fakeClock(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("start");
        assertThatThrownBy(() -> library.variable("main.counter").set(null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> GoLibrary.load(null)).isInstanceOf(NullPointerException.class).hasMessage("path");
    }
}
