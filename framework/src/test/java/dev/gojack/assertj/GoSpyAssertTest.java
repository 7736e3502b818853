package dev.gojack.assertj;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoSpy;
import dev.gojack.SpiedLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GoJackAssertions on a real spy: what passes, and the exact failure messages listing the recorded calls. */
@Tag("core")
class GoSpyAssertTest {
    private static final String ZZZ = "main.describe(\"zzz\", 0, 0.0, []byte{}, false, 0, 0, 0.0, 0, nil)";
    static GoLibrary library;
    static SpiedLibrary spied;
    GoSpy spy;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("spied"));
        spied = Fixtures.bind(SpiedLibrary.class, library);
    }

    @BeforeEach
    void spy() {
        spy = library.spy("main.describe", 4, 8);
    }

    @AfterEach
    void close() {
        spy.close();
        assertNothingLeftPatched(library);
    }

    @Test
    void passingAssertionsChain() {
        GoJackAssertions.assertThat(spy).wasNeverCalled();
        spied.DescribeLong(3);
        spied.DescribeLong(2);
        GoJackAssertions.assertThat(spy).wasCalled().wasCalledTimes(2)
                .wasCalledWith("zz", 0, 0.0, new byte[0], false, 0, (byte) 0, 0.0f, 0, dev.gojack.GoPointer.nil())
                .hasCallSatisfying(c -> assertThat(c.argument(0)).isEqualTo("zzz"));
    }

    @Test
    void wasCalledFailsWhenNeverCalled() {
        assertThatThrownBy(() -> GoJackAssertions.assertThat(spy).wasCalled())
                .isInstanceOf(AssertionError.class)
                .hasMessage("%nExpecting main.describe to have been called, but it was never called.".formatted());
    }

    @Test
    void wasCalledTimesListsTheRecordedCalls() {
        spied.DescribeLong(3);
        spied.DescribeLong(3);
        assertThatThrownBy(() -> GoJackAssertions.assertThat(spy).wasCalledTimes(1))
                .hasMessage(("%nExpecting main.describe to have been called 1 time but it was called 2 times:"
                        + "%n  #0 " + ZZZ + "%n  #1 " + ZZZ).formatted());
    }

    @Test
    void wasNeverCalledSaysHowManyOfTheCallsTheSpyKept() {
        for (int i = 0; i < 6; i++) {
            spied.DescribeLong(3);
        }
        assertThatThrownBy(() -> GoJackAssertions.assertThat(spy).wasNeverCalled())
                .hasMessage(("%nExpecting main.describe never to have been called, but it was called 6 times:"
                        + "%n  #2 " + ZZZ + "%n  #3 " + ZZZ + "%n  #4 " + ZZZ + "%n  #5 " + ZZZ
                        + "%n(the spy keeps the last 4 of the 6 calls)").formatted());
    }

    @Test
    void wasCalledWithShowsTheExpectedArgumentsAndTheCallsAndMarksTruncatedStrings() {
        spied.DescribeLong(12);
        assertThatThrownBy(() -> GoJackAssertions.assertThat(spy).wasCalledWith("zz", 1))
                .hasMessage(("%nExpecting main.describe to have been called with:%n  (\"zz\", 1)%n"
                        + "but no recorded call had these arguments; recorded calls:%n"
                        + "  #0 main.describe(\"zzzzzzzz\"…(12 bytes), 0, 0.0, []byte{}, false, 0, 0, 0.0, 0, nil)")
                        .formatted());
    }

    @Test
    void wasCalledWithOnANeverCalledFunction() {
        assertThatThrownBy(() -> GoJackAssertions.assertThat(spy).wasCalledWith("zz"))
                .hasMessage("%nExpecting main.describe to have been called with:%n  (\"zz\")%nbut it was never called."
                        .formatted());
    }

    @Test
    void hasCallSatisfyingListsWhyEachCallFailed() {
        spied.DescribeLong(3);
        assertThatThrownBy(() -> GoJackAssertions.assertThat(spy)
                .hasCallSatisfying(c -> assertThat(c.argument(1)).as("count").isEqualTo(5L)))
                .hasMessage(("%nExpecting any call of main.describe to satisfy the given requirements, but none of "
                        + "the 1 recorded calls did:%n  #0 " + ZZZ + "%n    [count] %n    expected: 5L%n     but was: 0L")
                        .formatted());
    }
}
