package dev.gojack.bench.junit;

import dev.gojack.junit.GoJackTest;
import org.junit.jupiter.api.RepeatedTest;

/** The same 1,000 tests in a {@code @GoJackTest} class without {@code @PatchGoFunction}: the baseline. */
@GoJackTest(library = "calls")
public class PlainCase {
    @RepeatedTest(JUnitOverhead.TESTS)
    void plain() {
        // empty
    }
}
