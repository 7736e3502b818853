package dev.gojack.examples;

import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.PatchGoFunction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Make a Go function return values of your choice, without writing Go: each {@code returns} string is one Go
 * result, written {@code type:value}.
 *
 * <p>In libvars.so, {@code main.answerError() error} returns nil and {@code main.answerPair() (int, string)}
 * returns {@code 7, "seven"}; the exports {@code CallAnswerErrorIsEOF} and {@code CallAnswerPair} report what
 * they returned.
 */
@GoJackTest(library = "vars")
class StubbedReturnExampleTest {

    /** Exports of libvars.so. Strings come back through a caller's buffer, like snprintf. */
    public interface Vars {
        int CallAnswerErrorIsEOF();

        int CallAnswerPair(byte[] buf, int n);
    }

    @Test
    @PatchGoFunction(target = "main.answerError", returns = "error:io.EOF")
    void goCodeSeesTheErrorWeChose(Vars vars) {
        assertThat(vars.CallAnswerErrorIsEOF()).isEqualTo(1);
    }

    @Test
    @PatchGoFunction(target = "main.answerPair", returns = {"int:8", "string:eight"})
    void severalResultsInOrder(Vars vars) {
        assertThat(read(vars)).isEqualTo("8|eight");
    }

    @Test
    void withoutAPatchTheOriginalsAnswer(Vars vars) {
        assertThat(vars.CallAnswerErrorIsEOF()).isZero();
        assertThat(read(vars)).isEqualTo("7|seven");
    }

    private static String read(Vars vars) {
        byte[] buf = new byte[64];
        int length = vars.CallAnswerPair(buf, buf.length);
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
}
