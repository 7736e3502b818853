package dev.gojack.internal.patch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one restore policy: newest first, skip what is restored, go on past failures, throw the first. */
class RestorePolicyTest {
    private final List<String> restored = new ArrayList<>();

    @Test
    void restoresNewestFirstSkippingWhatIsAlreadyRestored() {
        RestorePolicy.restoreNewestFirst(List.of("a", "b", "c", "d"), Set.of("c")::contains, restored::add);

        assertThat(restored).containsExactly("d", "b", "a");
    }

    @Test
    void goesOnPastFailuresAndThrowsTheFirstWithTheOthersSuppressed() {
        RuntimeException cFailed = new RuntimeException("c");
        RuntimeException aFailed = new RuntimeException("a");
        List<String> heard = new ArrayList<>();

        assertThatThrownBy(() -> RestorePolicy.restoreNewestFirst(List.of("a", "b", "c"), s -> false, s -> {
            if (s.equals("c")) {
                throw cFailed;
            }
            if (s.equals("a")) {
                throw aFailed;
            }
            restored.add(s);
        }, (s, e) -> heard.add(s))).isSameAs(cFailed);

        assertThat(cFailed.getSuppressed()).containsExactly(aFailed);
        assertThat(restored).containsExactly("b");
        assertThat(heard).containsExactly("c", "a");
    }

    @Test
    void nothingToRestoreIsNotAFailure() {
        RestorePolicy.restoreNewestFirst(List.<String>of(), s -> false, restored::add);

        assertThat(restored).isEmpty();
    }
}
