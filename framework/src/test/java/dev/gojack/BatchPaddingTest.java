package dev.gojack;

import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.stress.HotLibrary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batches of padding hot-patches on the hot fixture (issue 15 §1): the jumps parked in padding, and their pc-table
 * coverage, are stored and serialised on every core before the entry stores that lead to them, so a batch that
 * parks new jumps pays a second barrier; goroutines calling the functions in tight loops never see anything but
 * the original or the replacement. One test, so the first batch is the one that parks.
 */
@Tag("core")
class BatchPaddingTest {
    private final GoLibrary library = GoLibrary.load(Fixtures.library("hot"));
    private final HotLibrary hot = Fixtures.bind(HotLibrary.class, library);
    private final MemoryWriter writer = library.patcher().writer();

    private PatchBatch both() {
        return library.batch(lib -> {
            lib.redirect("main.hot", "main.hotReplacement");
            lib.redirect("main.warm", "main.warmReplacement");
        });
    }

    @Test
    void aBatchParksItsJumpsBehindABarrierOfTheirOwnWhileGoroutinesRunTheFunctions() {
        hot.StartLoops(HotLibrary.HOT, 2);
        hot.StartLoops(HotLibrary.WARM, 2);
        try {
            // A refused batch first: its entry stores are withdrawn, the jumps it parked stay (as after a restore).
            assertThatThrownBy(() -> library.batch(lib -> {
                lib.redirect("main.hot", "main.hotReplacement");
                lib.redirect("main.noSuchFunction", "main.hotReplacement");
            })).isInstanceOf(SymbolNotFoundException.class);
            assertThat(hot.CallHot(41)).isEqualTo(42);

            MemoryWriter.Counts start = writer.counts();
            PatchBatch batch = both();
            MemoryWriter.Counts first = writer.counts().minus(start);
            assertThat(batch.patches()).allMatch(Patch::isRunningSafe)
                    .allMatch(p -> p.describe().contains("padding hotpatch"));
            assertThat(first.barriers()).as("main.warm's jump parked: park, barrier, entries, barrier").isEqualTo(2);
            assertThat(first.dataProtections()).as("its pc-table coverage went into read-only data").isPositive();
            assertThat(hot.CallHot(41)).isEqualTo(43);
            assertThat(hot.CallWarm(2)).isEqualTo(7);
            batch.close();
            assertThat(hot.CallHot(41)).isEqualTo(42);
            assertThat(hot.CallWarm(2)).isEqualTo(27);

            for (int i = 0; i < 200; i++) {
                MemoryWriter.Counts before = writer.counts();
                PatchBatch again = both();
                assertThat(writer.counts().minus(before).barriers()).as("parked already: one barrier").isEqualTo(1);
                again.close();
            }
            assertThat(hot.Wrong()).as("results neither the original's nor the replacement's").isZero();
            assertThat(hot.Calls()).isPositive();
        } finally {
            hot.StopAll();
        }
        assertThat(library.openPatches()).isEmpty();
        assertThat(library.writableExecutablePages()).isEmpty();
    }
}
