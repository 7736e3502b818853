package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of Java answers on libanswers share: the library loaded once and its exports bound, and after
 * each test nothing left patched, with {@code main.price} answering as Go wrote it again.
 */
abstract class AnswersLibraryTestBase {
    static GoLibrary library;
    static AnswersLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("answers"));
        go = Fixtures.bind(AnswersLibrary.class, library);
    }

    @AfterEach
    void nothingLeftAnswered() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.CallPrice(4)).isEqualTo(40);
    }
}
