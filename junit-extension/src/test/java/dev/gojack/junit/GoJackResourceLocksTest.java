package dev.gojack.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every spelling of one library takes the same read-write lock; classes without @GoJackTest take none. */
class GoJackResourceLocksTest {
    private final GoJackResourceLocks provider = new GoJackResourceLocks();

    @Test
    void everySpellingOfOneLibraryGivesTheSameKey() {
        assertThat(List.of("calls", "libcalls.so", "calls.so", "libcalls", "build/noinline/libcalls.so",
                "/abs/dir/libcalls.so"))
                .allSatisfy(spec -> assertThat(GoJackResourceLocks.lockKey(spec)).isEqualTo("gojack:calls"));
    }

    @Test
    void differentLibrariesGiveDifferentKeys() {
        assertThat(GoJackResourceLocks.lockKey("clock")).isEqualTo("gojack:clock");
        assertThat(GoJackResourceLocks.lockKey("lib")).isEqualTo("gojack:lib");
    }

    @Test
    void aGoJackTestClassTakesItsLibrarysLockReadWrite() {
        assertThat(provider.provideForClass(Annotated.class))
                .containsExactly(new Lock("gojack:calls", ResourceAccessMode.READ_WRITE));
        assertThat(provider.provideForNestedClass(List.of(GoJackResourceLocksTest.class), Annotated.class))
                .containsExactly(new Lock("gojack:calls", ResourceAccessMode.READ_WRITE));
    }

    @Test
    void aSubclassInheritsTheLock() {
        assertThat(provider.provideForClass(Subclass.class))
                .containsExactly(new Lock("gojack:calls", ResourceAccessMode.READ_WRITE));
    }

    @Test
    void aPlainClassTakesNoLock() {
        assertThat(provider.provideForClass(GoJackResourceLocksTest.class)).isEmpty();
    }

    @GoJackTest(library = "build/noinline/libcalls.so")
    static class Annotated {
    }

    static class Subclass extends Annotated {
    }
}
