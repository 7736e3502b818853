package dev.gojack.assertj;

import dev.gojack.GoSpy;

/**
 * AssertJ entry points for GoJack (issue 20): {@code assertThat(spy).wasCalledWith("key-1", 5)}. Needs AssertJ on
 * the test class path (an optional dependency of gojack-framework).
 */
public final class GoJackAssertions {
    private GoJackAssertions() {
    }

    /** Assertions on the calls {@code spy} recorded. */
    public static GoSpyAssert assertThat(GoSpy spy) {
        return new GoSpyAssert(spy);
    }
}
