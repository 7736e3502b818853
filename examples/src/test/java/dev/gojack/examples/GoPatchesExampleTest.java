package dev.gojack.examples;

import dev.gojack.GoValue;
import dev.gojack.StubPatch;
import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.GoPatches;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patch from code when an annotation is not enough: mid-test, in a {@code @BeforeEach}, or to count calls. Every
 * patch made through {@link GoPatches} is restored when the test ends, even if you forget to close it.
 *
 * <p>libcalls.so: {@code CallAddDirect} calls {@code main.add}, {@code CallLeafConst} calls
 * {@code main.leafConst() int} (42).
 */
@GoJackTest(library = "calls")
class GoPatchesExampleTest {

    /** Exports of libcalls.so. */
    public interface Calls {
        long CallAddDirect(long a, long b);

        long CallLeafConst();
    }

    @Test
    void patchHalfWayThroughATest(GoPatches patches, Calls calls) {
        assertThat(calls.CallAddDirect(2, 3)).isEqualTo(5);

        patches.redirect("main.add", "main.addReplacement");

        assertThat(calls.CallAddDirect(2, 3)).isEqualTo(203);
    }

    @Test
    void countHowOftenGoCalledAStub(GoPatches patches, Calls calls) {
        StubPatch stub = patches.stubReturn("main.leafConst", GoValue.int64(7));

        calls.CallLeafConst();
        calls.CallLeafConst();

        assertThat(calls.CallLeafConst()).isEqualTo(7);
        assertThat(stub.callCount()).isEqualTo(3);
    }

    @Test
    void closeAPatchEarlyToRestoreItMidTest(GoPatches patches, Calls calls) {
        try (var patch = patches.stubReturn("main.leafConst", GoValue.int64(7))) {
            assertThat(calls.CallLeafConst()).isEqualTo(7);
            assertThat(patch.isClosed()).isFalse();
        }
        assertThat(calls.CallLeafConst()).isEqualTo(42);
    }
}
