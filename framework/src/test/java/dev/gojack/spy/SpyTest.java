package dev.gojack.spy;

import dev.gojack.Fixtures;
import dev.gojack.GoCallRecord;
import dev.gojack.GoLibrary;
import dev.gojack.GoPointer;
import dev.gojack.GoSpy;
import dev.gojack.SpiedLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/** Spies (issue 20) on the spied fixture: counts and decoded arguments of calls the test does not make itself. */
@Tag("core")
class SpyTest {
    static GoLibrary library;
    static SpiedLibrary spied;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("spied"));
        spied = Fixtures.bind(SpiedLibrary.class, library);
    }

    @AfterEach
    void nothingLeftOpen() {
        assertNothingLeftPatched(library);
    }

    @Test
    void everyArgumentKindIsDecodedFromTheSignatureAndTheFunctionStillReturnsWhatItDid() {
        long unspied = spied.Describe(7);
        try (GoSpy spy = library.spy("main.describe")) {
            assertThat(spied.Describe(7)).isEqualTo(unspied);
            assertThat(spy.callCount()).isEqualTo(1);
            GoCallRecord call = spy.calls().get(0);
            assertThat(call.arguments()).hasSize(10);
            assertThat(call.argument(0)).isEqualTo("call-7");
            assertThat(call.argument(1)).isEqualTo(7L);
            assertThat(call.argument(2)).isEqualTo(3.5);
            assertThat((byte[]) call.argument(3)).isEqualTo("abcdefg".getBytes());
            assertThat(call.argument(4)).isEqualTo(true);
            assertThat(call.argument(5)).isEqualTo(-7);
            assertThat(call.argument(6)).isEqualTo((byte) 7);
            assertThat(call.argument(7)).isEqualTo(1.75f);
            assertThat(call.argument(8)).isEqualTo(21);
            assertThat(((GoPointer) call.argument(9)).isNil()).isFalse();
            assertThat(call.parameterNames()).containsExactly("name", "count", "ratio", "payload", "ok", "small",
                    "tiny", "f32", "u", "p");
        }
        assertThat(spied.Describe(7)).isEqualTo(unspied);
    }
}
