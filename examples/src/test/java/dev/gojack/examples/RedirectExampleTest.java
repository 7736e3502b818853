package dev.gojack.examples;

import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.PatchGoFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirect one Go function to another for a single test.
 *
 * <p>libcalls.so exports {@code CallAddDirect(a, b)}, which calls the internal Go function
 * {@code main.add(a, b int) int}. {@code main.addReplacement} has the same signature and returns
 * {@code a*100 + b}. GoJack finds the library by its bare name on {@code -Dgojack.library.path} (set in this
 * module's pom).
 */
@GoJackTest(library = "calls")
class RedirectExampleTest {

    /** The library's C exports we call from Java, bound by GoJack with jnr-ffi (the interface must be public). */
    public interface Calls {
        long CallAddDirect(long a, long b);
    }

    @Test
    void withoutAPatchGoAddsAsUsual(Calls calls) {
        assertThat(calls.CallAddDirect(2, 3)).isEqualTo(5);
    }

    @Test
    @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
    void aRedirectSendsEveryCallToTheReplacement(Calls calls) {
        assertThat(calls.CallAddDirect(2, 3)).isEqualTo(203);
    }
}
