package dev.gojack.internal.answer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which targets callOriginal() refuses by name: closures and method values take a context register. */
class OriginalLayoutTest {
    @Test
    void closuresAndMethodValuesAreRecognisedByName() {
        assertThat(Answers.isClosure("main.main.func1")).isTrue();
        assertThat(Answers.isClosure("main.CallPriceParallel.func1.2")).isTrue();
        assertThat(Answers.isClosure("net/http.(*Server).Serve-fm")).isTrue();
        assertThat(Answers.isClosure("main.price")).isFalse();
        assertThat(Answers.isClosure("main.(*memStore).Get")).isFalse();
        assertThat(Answers.isClosure("main.funcs")).isFalse();
    }
}
