package dev.gojack.bench.junit;

import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.PatchGoFunction;
import org.junit.jupiter.api.RepeatedTest;

/**
 * 1,000 tests, each with {@code main.add} redirected by {@code @PatchGoFunction} (applied before, restored after
 * every repetition). Run only by {@link JUnitOverhead}, never by Surefire.
 */
@GoJackTest(library = "calls")
public class PatchedCase {
    @RepeatedTest(JUnitOverhead.TESTS)
    @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
    void patched() {
        // empty: the harness measures what GoJack adds around a test
    }
}
