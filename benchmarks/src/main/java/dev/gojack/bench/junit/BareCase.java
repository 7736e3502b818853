package dev.gojack.bench.junit;

import org.junit.jupiter.api.RepeatedTest;

/** The same 1,000 tests with no GoJack at all: what JUnit itself costs per test, for reference. */
public class BareCase {
    @RepeatedTest(JUnitOverhead.TESTS)
    void bare() {
        // empty
    }
}
