package dev.gojack.internal.patch;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoValue;
import dev.gojack.Patch;
import dev.gojack.PatchStateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's stack of patches on one function ({@link FunctionHook#stack}): the entry jump is written once,
 * for the first patch, and removed with the last; in between, only the dispatch slot changes, and it always
 * holds the destination of the newest patch still open.
 */
@Tag("core")
class FunctionPatchStackingTest {
    private static GoLibrary library;
    private static CallsLibrary calls;
    private static long entry;
    private static int size;
    /** The function's own bytes (a jump GoJack parks in the padding after it stays there, unused, by design). */
    private static byte[] original;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = Fixtures.bind(CallsLibrary.class, library);
        entry = library.function("main.add").address();
        size = (int) library.function("main.add").size();
        original = MemoryWriter.read(entry, size);
    }

    @AfterEach
    void theEntryIsAsBuiltAgain() {
        try {
            assertNothingLeftPatched(library);
            assertThat(MemoryWriter.read(entry, size)).isEqualTo(original);
            assertThat(calls.CallAddDirect(1, 2)).isEqualTo(3);
        } finally {
            library.restoreAll(); // one failed test must not fail the next ones too
        }
    }

    private static FunctionPatch redirect() {
        return (FunctionPatch) library.redirect("main.add", "main.addReplacement");
    }

    private static FunctionPatch stub(long value) {
        return (FunctionPatch) library.stubReturn("main.add", GoValue.int64(value));
    }

    private static long slotOf(FunctionPatch patch) {
        return MemoryWriter.readWord(patch.hook.slot);
    }

    @Test
    void nestedPatchesShareOneHookAndTheSlotFollowsTheNewestOpenOne() {
        FunctionPatch outer = redirect();
        byte[] entryWithJump = MemoryWriter.read(entry, size);
        assertThat(entryWithJump).isNotEqualTo(original);
        try (FunctionPatch middle = stub(7)) {
            assertThat(middle.hook).isSameAs(outer.hook);
            try (FunctionPatch inner = stub(9)) {
                assertThat(outer.hook.stack).containsExactly(outer, middle, inner);
                assertThat(slotOf(inner)).isEqualTo(inner.destination());
                assertThat(calls.CallAddDirect(1, 2)).isEqualTo(9);
            }
            assertThat(outer.hook.stack).containsExactly(outer, middle);
            assertThat(slotOf(outer)).isEqualTo(middle.destination());
            assertThat(calls.CallAddDirect(1, 2)).isEqualTo(7);
            assertThat(MemoryWriter.read(entry, size)).as("the entry jump is written once").isEqualTo(entryWithJump);
        }
        assertThat(slotOf(outer)).isEqualTo(outer.destination());
        assertThat(calls.CallAddDirect(1, 2)).isEqualTo(102);
        outer.close();
        assertThat(outer.hook.stack).isEmpty();
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void closingAnOuterPatchFirstTakesItOffTheStackAndLeavesTheNewestInForce() {
        FunctionPatch outer = redirect();
        FunctionPatch inner = stub(9);
        outer.close();
        assertThat(inner.hook.stack).containsExactly(inner);
        assertThat(slotOf(inner)).isEqualTo(inner.destination());
        assertThat(MemoryWriter.read(entry, size)).as("the jump stays while a patch is open").isNotEqualTo(original);
        assertThat(calls.CallAddDirect(1, 2)).isEqualTo(9);
        inner.close();
        assertThat(inner.hook.stack).isEmpty();
    }

    @Test
    void aPatchClosedTwiceIsRefusedWithWhereItWasMadeAndTheStackIsUntouched() {
        FunctionPatch outer = redirect();
        Patch inner = stub(9);
        inner.close();
        assertThatThrownBy(inner::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("already closed")
                .hasMessageContaining("made at " + FunctionPatchStackingTest.class.getName() + ".stub(");
        assertThat(outer.hook.stack).containsExactly(outer);
        assertThat(slotOf(outer)).isEqualTo(outer.destination());
        outer.close();
    }
}
