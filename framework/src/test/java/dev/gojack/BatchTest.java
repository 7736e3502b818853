package dev.gojack;

import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.MemoryWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link GoLibrary#batch} on the calls fixture (issue 15 §1): ten redirects of functions on one page applied and
 * restored with one barrier each way and no protection change (code is stored through read-write views of its
 * pages; without them, one protection change each way), byte-exact, all or nothing, each patch closable alone. The
 * system calls are counted by the library's {@link MemoryWriter}; the tests that count them run both ways.
 */
@Tag("core")
class BatchTest {
    private static final String REPLACEMENT = "main.addReplacement";
    private static final int TEN = 10;
    static GoLibrary library;
    static CallsLibrary calls;
    static MemoryWriter writer;
    /**
     * Ten patchable functions on the page of main.add, main.add first; each was patched once (hooks planned). When
     * main.add sits near the end of its page (Go 1.24's calls fixture: three besides main.add), the next page too:
     * contiguous pages are one run, which costs one protection change each way all the same.
     */
    static final List<String> onePage = new ArrayList<>();
    static long page;
    /** Bytes from {@link #page} that the ten lie in: one page, or two. */
    static int run;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = Fixtures.bind(CallsLibrary.class, library);
        writer = library.patcher().writer();
        page = library.function("main.add").address() & -Native.pageSize();
        onePage.add("main.add");
        library.redirect("main.add", REPLACEMENT).close();
        for (int pages = 1; pages <= 2 && onePage.size() < TEN; pages++) {
            run = pages * Native.pageSize();
            addPatchable(page + run - Native.pageSize(), page + run);
        }
        assertThat(onePage).as("patchable functions on main.add's page (and the next)").hasSize(TEN);
    }

    /** Adds the running-safe patchable fixture functions whose entries lie in [from, to), up to ten in all. */
    private static void addPatchable(long from, long to) {
        for (GoFunction f : library.functions()) {
            if (onePage.size() == TEN) {
                break;
            }
            // Only the fixture's own functions, none the test calls or that the Go runtime might run meanwhile.
            if (f.address() < from || f.address() >= to || f.isWrapper() || !f.inlinedInto().isEmpty()
                    || !f.name().startsWith("main.") || f.name().contains("Replacement") || f.name().startsWith("main.Call")
                    || f.name().equals("main.add") || f.name().equals("main.main") || f.name().equals("main.init")) {
                continue;
            }
            try {
                Patch p = library.redirect(f.name(), REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH);
                p.close();
                if (p.isRunningSafe()) {
                    onePage.add(f.name());
                }
            } catch (GoJackException refused) {
                // not patchable (no room, runtime, ...): not one of the ten
            }
        }
    }

    @AfterEach
    void nothingLeftOpenOrWritable() {
        writer.storeThroughViews(true);
        List<Patch> open = library.openPatches();
        library.restoreAll(); // a failed test must not leave its patches to the next one
        assertThat(open).isEmpty();
        assertThat(library.writableExecutablePages()).isEmpty();
    }

    private static PatchBatch redirectAll(List<String> names) {
        return library.batch(lib -> names.forEach(n -> lib.redirect(n, REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH)));
    }

    private static List<String> mapsLines() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] pageBytes() {
        return MemoryWriter.read(page, run);
    }

    /** Offsets in the page where {@code now} differs from {@code before}. */
    private static List<Long> changedEntries(byte[] before, byte[] now) {
        List<Long> entries = new ArrayList<>();
        for (String name : onePage) {
            long entry = library.function(name).address();
            int off = (int) (entry - page);
            for (int i = 0; i < 8 && off + i < now.length; i++) {
                if (before[off + i] != now[off + i]) {
                    entries.add(entry);
                    break;
                }
            }
        }
        return entries;
    }

    @ParameterizedTest(name = "through views: {0}")
    @ValueSource(booleans = {true, false})
    void aBatchOfTenRedirectsIsAppliedAndRestoredByteExact(boolean views) {
        writer.storeThroughViews(views);
        byte[] before = pageBytes();
        PatchBatch batch = redirectAll(onePage);
        assertThat(batch.patches()).hasSize(TEN);
        assertThat(batch.isRunningSafe()).isTrue();
        assertThat(calls.CallAddDirect(3, 4)).as("main.add is redirected").isEqualTo(304);
        assertThat(changedEntries(before, pageBytes())).as("every entry of the batch holds a jump").hasSize(TEN);
        assertThat(library.writableExecutablePages()).isEmpty();
        batch.close();
        assertThat(batch.isClosed()).isTrue();
        assertThat(batch.patches()).allMatch(Patch::isClosed);
        assertThat(pageBytes()).as("the page is byte for byte what it was").isEqualTo(before);
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(7);
    }

    @Test
    void codeIsStoredThroughViewsOfItsPagesWhichAreNeverWritable() {
        assertThat(writer.storesThroughViews()).as("this kernel maps executable memory files").isTrue();
        assertThat(writer.viewedPages()).as("main.add's page (and the next) replaced by a view").isPositive();
        List<String> pageLines = new ArrayList<>();
        for (String line : mapsLines()) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= page && page < Long.parseUnsignedLong(range[1], 16)) {
                pageLines.add(line);
            }
        }
        assertThat(pageLines).singleElement().asString().contains(" r-xs ").contains("gojack-text");
        PatchBatch batch = redirectAll(onePage);
        assertThat(library.writableExecutablePages()).isEmpty();
        batch.close();
    }

    @Test
    void tenRedirectsOnOnePageThroughViewsCostOneBarrierEachWayAndNoProtectionChange() {
        MemoryWriter.Counts start = writer.counts();
        PatchBatch batch = redirectAll(onePage);
        MemoryWriter.Counts applied = writer.counts().minus(start);
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(304);
        batch.close();
        MemoryWriter.Counts restored = writer.counts().minus(start).minus(applied);
        assertThat(applied).isEqualTo(new MemoryWriter.Counts(0, 0, 1));
        assertThat(restored).isEqualTo(new MemoryWriter.Counts(0, 0, 1));
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(7);
    }

    @Test
    void tenRedirectsOnOnePageCostTwoProtectionChangesAndOneBarrierEachWay() {
        writer.storeThroughViews(false);
        MemoryWriter.Counts start = writer.counts();
        PatchBatch batch = redirectAll(onePage);
        MemoryWriter.Counts applied = writer.counts().minus(start);
        batch.close();
        MemoryWriter.Counts restored = writer.counts().minus(start).minus(applied);
        assertThat(applied).isEqualTo(new MemoryWriter.Counts(2, 0, 1));
        assertThat(restored).isEqualTo(new MemoryWriter.Counts(2, 0, 1));
    }

    @ParameterizedTest(name = "through views: {0}")
    @ValueSource(booleans = {true, false})
    void tenRedirectsOneByOnePayTheirOwnBarriers(boolean views) {
        writer.storeThroughViews(views);
        MemoryWriter.Counts start = writer.counts();
        List<Patch> each = new ArrayList<>();
        onePage.forEach(n -> each.add(library.redirect(n, REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH)));
        assertThat(writer.counts().minus(start)).isEqualTo(new MemoryWriter.Counts(views ? 0 : 2 * TEN, 0, TEN));
        library.restoreAll(); // one batch
        assertThat(writer.counts().minus(start))
                .isEqualTo(new MemoryWriter.Counts(views ? 0 : 2 * TEN + 2, 0, TEN + 1));
        assertThat(each).allMatch(Patch::isClosed);
    }

    @Test
    void aRefusalInsideABatchRestoresWhatTheBatchHadApplied() {
        byte[] before = pageBytes();
        MemoryWriter.Counts start = writer.counts();
        List<Patch> made = new ArrayList<>();
        assertThatThrownBy(() -> library.batch(lib -> {
            onePage.subList(0, 5).forEach(n -> made.add(lib.redirect(n, REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH)));
            lib.redirect("main.noSuchFunction", REPLACEMENT);
        })).isInstanceOf(SymbolNotFoundException.class).hasMessageContaining("main.noSuchFunction");
        assertThat(made).hasSize(5).allMatch(Patch::isClosed);
        assertThat(pageBytes()).isEqualTo(before);
        assertThat(writer.counts().minus(start)).as("nothing was stored, so no system call was made")
                .isEqualTo(new MemoryWriter.Counts(0, 0, 0));
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(7);
        redirectAll(onePage).close(); // and every function can be patched again
    }

    @Test
    void aRefusedBatchPutsBackWhereAnAlreadyPatchedFunctionWent() {
        try (Patch outer = library.redirect("main.add", REPLACEMENT)) {
            assertThatThrownBy(() -> library.batch(lib -> {
                lib.redirect("main.add", "main.plainClosureReplacement", PatchOption.ALLOW_SIGNATURE_MISMATCH);
                lib.stubReturn("main.noSuchFunction", GoValue.int64(1));
            })).isInstanceOf(SymbolNotFoundException.class);
            assertThat(outer.isClosed()).isFalse();
            assertThat(calls.CallAddDirect(3, 4)).as("the outer redirect decides again").isEqualTo(304);
        }
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(7);
    }

    @Test
    void aPatchOfABatchClosedTwiceNamesTheBatchItWasMadeIn() {
        PatchBatch batch = redirectAll(onePage.subList(0, 2));
        Patch add = batch.patches().get(0);
        add.close();
        assertThatThrownBy(add::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("main.add")
                .hasMessageContaining("made at " + BatchTest.class.getName() + ".redirectAll(BatchTest.java:")
                .hasMessageContaining(", in a batch)");
        batch.close();
        assertThatThrownBy(batch::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("made at " + BatchTest.class.getName() + ".redirectAll(BatchTest.java:");
    }

    @Test
    void eachPatchOfABatchCanBeClosedAlone() {
        byte[] before = pageBytes();
        PatchBatch batch = redirectAll(onePage.subList(0, 3));
        Patch add = batch.patches().get(0);
        assertThat(add.target()).isEqualTo("main.add");
        add.close();
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(7);
        assertThat(changedEntries(before, pageBytes())).hasSize(2);
        assertThatThrownBy(add::close).isInstanceOf(PatchStateException.class);
        assertThat(batch.isClosed()).isFalse();
        batch.close();
        assertThat(pageBytes()).isEqualTo(before);
        assertThatThrownBy(batch::close).isInstanceOf(PatchStateException.class);
    }

    @Test
    void aPatchMadeAndClosedInsideABatchCostsNoSystemCall() {
        MemoryWriter.Counts start = writer.counts();
        PatchBatch batch = library.batch(lib -> lib.redirect("main.add", REPLACEMENT).close());
        assertThat(batch.patches()).isEmpty();
        assertThat(writer.counts().minus(start)).isEqualTo(new MemoryWriter.Counts(0, 0, 0));
        batch.close();
    }

    @Test
    void noCodePageIsWritableWhileTheBatchBodyRunsNorAfterIt() {
        List<List<String>> seen = new ArrayList<>();
        PatchBatch batch = library.batch(lib -> {
            lib.redirect("main.add", REPLACEMENT);
            seen.add(lib.writableExecutablePages());
            assertThat(calls.CallAddDirect(3, 4)).as("stored only when the body returns").isEqualTo(7);
        });
        assertThat(seen).containsExactly(List.of());
        assertThat(library.writableExecutablePages()).isEmpty();
        assertThat(calls.CallAddDirect(3, 4)).isEqualTo(304);
        batch.close();
        assertThat(library.writableExecutablePages()).isEmpty();
    }
}
