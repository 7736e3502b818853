package dev.gojack.bench.junit;

import dev.gojack.internal.nat.Native;
import dev.gojack.junit.GoJackTest;
import org.junit.jupiter.api.RepeatedTest;

/**
 * 1,000 tests in a {@code @GoJackTest} class, each issuing the two cross-core barriers a test with one
 * {@code @PatchGoFunction} pays (one when applied, one when restored) and nothing else: what those barriers cost
 * amid JUnit's own work, whose JIT and GC threads on the other cores the barrier has to interrupt. Run only by
 * {@link JUnitOverhead}, never by Surefire.
 */
@GoJackTest(library = "calls")
public class BarrierCase {
    @RepeatedTest(JUnitOverhead.TESTS)
    void twoBarriers() {
        Native.serialiseAllCores();
        Native.serialiseAllCores();
    }
}
