package dev.gojack.junit;

import dev.gojack.GoJackException;
import dev.gojack.Patch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Restoring goes newest first, skips what the test already restored, and reports every failure at the end. */
class RestoreStackTest {
    private final List<String> restored = new ArrayList<>();

    @Test
    void restoresNewestFirst() {
        RestoreStack stack = new RestoreStack(() -> "method T.test()");
        stack.push(new Fake("first", false, null));
        stack.push(new Fake("second", false, null));
        stack.push(new Fake("third", false, null));

        stack.restoreAll();

        assertThat(restored).containsExactly("third", "second", "first");
        assertThat(stack.size()).isZero();
    }

    @Test
    void skipsWhatTheTestRestoredItself() {
        RestoreStack stack = new RestoreStack(() -> "method T.test()");
        stack.push(new Fake("first", false, null));
        stack.push(new Fake("closed by the test", true, null));

        stack.restoreAll();

        assertThat(restored).containsExactly("first");
    }

    @Test
    void aFailureDoesNotStopTheOthersAndIsThrownAtTheEnd() {
        RestoreStack stack = new RestoreStack(() -> "method T.test()");
        stack.push(new Fake("first", false, null));
        IllegalStateException broken = new IllegalStateException("bytes changed");
        stack.push(new Fake("second", false, broken));
        IllegalStateException alsoBroken = new IllegalStateException("gone");
        stack.push(new Fake("third", false, alsoBroken));

        assertThatThrownBy(stack::restoreAll)
                .isInstanceOf(GoJackException.class)
                .hasMessage("GoJack could not restore 2 patch(es) after method T.test(); the Go library may still "
                        + "run patched code:\n  third: gone\n  second: bytes changed")
                .hasCause(alsoBroken)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(broken));
        assertThat(restored).containsExactly("first");
    }

    @Test
    void restoringTwiceDoesNothingTheSecondTime() {
        RestoreStack stack = new RestoreStack(() -> "method T.test()");
        stack.push(new Fake("first", false, null));

        stack.restoreAll();
        stack.restoreAll();

        assertThat(restored).containsExactly("first");
    }

    private final class Fake implements Patch {
        private final String name;
        private final boolean alreadyRestored;
        private final RuntimeException failure;

        Fake(String name, boolean alreadyRestored, RuntimeException failure) {
            this.name = name;
            this.alreadyRestored = alreadyRestored;
            this.failure = failure;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public String target() {
            return name;
        }

        @Override
        public boolean isRunningSafe() {
            return true;
        }

        @Override
        public boolean isClosed() {
            return alreadyRestored;
        }

        @Override
        public void close() {
            if (failure != null) {
                throw failure;
            }
            restored.add(name);
        }
    }
}
