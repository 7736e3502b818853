package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.internal.patch.Patcher;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's declared patches are applied as one batch and restored as one batch (issue 15 §1): three
 * {@code @PatchGoFunction}s on one page of libcalls.so cost one barrier each way and no protection change (code
 * is stored through views of its pages), where applied one by one they cost three barriers. Counted by the
 * library's {@link MemoryWriter}. A declared patch is located at its annotation in messages.
 */
@Tag("core")
class DeclaredBatchTest {
    private static GoLibrary library;
    private static CallsLibrary calls;
    private static MemoryWriter writer;
    private static MemoryWriter.Counts start;

    @BeforeAll
    static void loadLibrary() throws ReflectiveOperationException {
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = LibraryLoader.create(CallsLibrary.class).load(library.path().toString());
        Method patcher = GoLibrary.class.getDeclaredMethod("patcher");
        patcher.setAccessible(true);
        writer = ((Patcher) patcher.invoke(library)).writer();
        // Each target patched once before: hooks planned and jumps parked, so the case measures the steady state.
        library.batch(lib -> {
            lib.redirect("main.leafConst", "main.leafConstReplacement");
            lib.redirect("main.oneArg", "main.oneArgReplacement");
            lib.stubReturn("main.tiny", dev.gojack.GoValue.int64(5));
        }).close();
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(library.writableExecutablePages()).isEmpty();
        assertThat(calls.CallLeafConst()).isEqualTo(42);
        assertThat(calls.CallOneArg(5)).isEqualTo(6);
        assertThat(calls.CallTinyA(2)).isEqualTo(7);
    }

    @Test
    void threeDeclaredPatchesOnOnePageAreAppliedAndRestoredAsOneBatch() {
        assertThat(library.function("main.leafConst").address() >> 12)
                .isEqualTo(library.function("main.oneArg").address() >> 12)
                .isEqualTo(library.function("main.tiny").address() >> 12);
        MemoryWriter.Counts before = writer.counts();
        start = before;
        EngineExecutionResults results = TestKit.run(ThreePatchesCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(writer.storesThroughViews()).as("code is stored through views of its pages").isTrue();
        assertThat(Journal.entries()).containsExactly("4242 10 5", "0 1 3");
        MemoryWriter.Counts all = writer.counts().minus(before);
        assertThat(all).as("apply and restore: one barrier each, no protection change")
                .isEqualTo(new MemoryWriter.Counts(0, 0, 2));
    }

    @Test
    void aDeclaredPatchIsLocatedAtItsAnnotationAndTheTestMethod() {
        EngineExecutionResults results = TestKit.run(LocatedCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).singleElement().asString()
                .startsWith("@PatchGoFunction(target = \"main.leafConst\", replacement = \"main.leafConstReplacement\")")
                .contains(" on method " + LocatedCase.class.getName() + ".located(");
    }

    // ---------------------------------------------------------------- fixture, run only through TestKit

    @GoJackTest(library = "calls")
    static class LocatedCase {
        @Test
        @PatchGoFunction(target = "main.leafConst", replacement = "main.leafConstReplacement")
        void located() {
            dev.gojack.Patch patch = library.openPatches().stream().filter(p -> p.target().equals("main.leafConst"))
                    .findFirst().orElseThrow();
            Journal.record(((dev.gojack.internal.patch.AbstractPatch) patch).location().toString());
        }
    }

    @GoJackTest(library = "calls")
    static class ThreePatchesCase {
        @Test
        @PatchGoFunction(target = "main.leafConst", replacement = "main.leafConstReplacement")
        @PatchGoFunction(target = "main.oneArg", replacement = "main.oneArgReplacement")
        @PatchGoFunction(target = "main.tiny", returns = "int:5")
        void patched(CallsLibrary calls) {
            Journal.record(calls.CallLeafConst() + " " + calls.CallOneArg(5) + " " + calls.CallTinyA(2));
            MemoryWriter.Counts applied = writer.counts().minus(start);
            Journal.record(applied.codeProtections() + " " + applied.barriers() + " " + library.openPatches().size());
        }
    }
}
