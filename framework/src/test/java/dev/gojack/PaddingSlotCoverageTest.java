package dev.gojack;

import dev.gojack.internal.golang.FuncRecord;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.PcValueTable;
import dev.gojack.internal.golang.Pclntab;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.LibraryMappings;
import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.internal.runtime.PcTableCoverage;
import dev.gojack.stress.HotLibrary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pc tables GoJack gives the function that covers a jump parked in padding (issue 13 §1), checked by
 * decoding them from this process's memory and by asking the Go runtime itself ({@code runtime.FuncForPC},
 * {@code Func.FileLine}, {@code runtime.Stack}). {@code main.hot}'s jump lies in its own tail padding,
 * {@code main.warm}'s in the padding of {@code main.pad}, the function before it.
 */
@Tag("core")
class PaddingSlotCoverageTest {
    private static final int JUMP = 5;
    private final GoLibrary library = GoLibrary.load(Fixtures.library("hot"));
    private final HotLibrary hot = Fixtures.bind(HotLibrary.class, library);
    private final Pclntab pclntab = library.binary().pclntab();
    private final PcTableCoverage reader = (PcTableCoverage) PcTableCoverage.attach(pclntab, GoBinary.wrapperFuncId(library.binary().version()), library.loadBase(),
            library.binary().moduleData().map(ModuleData::address).orElseThrow(),
            new MemoryWriter(LibraryMappings.of(library.path())));

    @Test
    void aJumpInAFunctionsOwnTailPaddingIsAttributedToItAndHasItsLastLine() {
        GoFunction f = library.function("main.hot");
        int line = lineOfEntry(f);
        try (Patch p = library.redirect("main.hot", "main.hotReplacement")) {
            long slot = parkedSlot(f);
            assertThat(slot).as("main.hot's slot is after its code").isGreaterThanOrEqualTo(f.address() + f.size());
            assertThat(nameAt(slot)).isEqualTo("main.hot");
            assertThat(hot.LineAt(slot)).as("Go's pcln table covers the parked jump").isEqualTo(line);
            assertThat(hot.LineAt(slot + JUMP - 1)).isEqualTo(line);
            assertThat(hot.CallHot(41)).isEqualTo(43);
        }
        assertThat(hot.CallHot(41)).isEqualTo(42);
    }

    @Test
    void aJumpInThePreviousFunctionsPaddingIsAttributedToThatFunctionAndHasItsLastLine() {
        GoFunction warm = library.function("main.warm");
        GoFunction pad = library.function("main.pad");
        try (Patch p = library.redirect("main.warm", "main.warmReplacement")) {
            long slot = parkedSlot(warm);
            assertThat(slot).as("main.warm's slot is before its entry").isLessThan(warm.address())
                    .isGreaterThanOrEqualTo(pad.address() + pad.size());
            assertThat(nameAt(slot)).isEqualTo("main.pad");
            assertThat(hot.LineAt(slot)).isEqualTo(lineOfEntry(pad));
            assertThat(hot.CallWarm(2)).isEqualTo(7);
        }
        assertThat(hot.CallWarm(2)).isEqualTo(27);
        assertThat(hot.CallPad(1)).isEqualTo(1 ^ 0x5a5a);
    }

    @Test
    void extendedTablesKeepEveryOriginalRunAndGiveTheSlotSpDeltaZeroAndUnsafePoint() {
        // main.cold's slot is in main.warm's padding: main.warm calls, so it has a PCDATA_UnsafePoint table
        int unsafePointTables = 0;
        for (String[] target : new String[][] {{"main.hot", "main.hotReplacement"}, {"main.warm", "main.warmReplacement"},
                {"main.cold", "main.hotReplacement"}}) {
            GoFunction f = library.function(target[0]);
            try (Patch p = library.redirect(target[0], target[1])) {
                long slot = parkedSlot(f) - library.loadBase();
                FuncRecord covering = PcTableCoverage.covering(pclntab, slot);
                long[] live = reader.liveOffsets(covering);
                int[] fields = reader.fields(covering);
                for (int i = 0; i < fields.length; i++) {
                    long original = i < 3 ? pclntab.bytes().u32(covering.funcOffset() + fields[i])
                            : pclntab.pcdata(covering, i - 3);
                    if (original == 0) {
                        assertThat(live[i]).as(covering.name() + " table " + i + " had none and has none").isZero();
                        continue;
                    }
                    assertThat(live[i]).as(covering.name() + " table " + i + " is GoJack's copy").isNotEqualTo(original);
                    List<long[]> before = runs(pclntab.table(original, covering.entry()));
                    List<long[]> after = runs(reader.liveTable(live[i], covering.entry()));
                    long originalEnd = before.get(before.size() - 1)[1];
                    assertThat(originalEnd).as("the original table ends before the slot").isLessThanOrEqualTo(slot);
                    for (long pc = covering.entry(); pc < originalEnd; pc++) {
                        assertThat(valueAt(after, pc)).as(covering.name() + " table " + i + " at +" + (pc - covering.entry()))
                                .isEqualTo(valueAt(before, pc));
                    }
                    assertThat(after.get(after.size() - 1)[1]).as("the copy reaches the end of the jump")
                            .isGreaterThanOrEqualTo(slot + JUMP);
                    for (long pc = slot; pc < slot + JUMP; pc++) {
                        long v = valueAt(after, pc);
                        if (i == 0) {
                            assertThat(v).as("sp delta on the parked jump").isZero();
                        } else if (i == 3) {
                            assertThat(v).as("PCDATA_UnsafePoint on the parked jump").isEqualTo(-2);
                            unsafePointTables++;
                        } else if (i == 1 || i == 2) {
                            assertThat(v).as("file and line of the last instruction").isEqualTo(valueAt(before, originalEnd - 1));
                        }
                    }
                }
            }
        }
        assertThat(unsafePointTables).as("a covering function with an unsafe-point table was checked").isPositive();
    }

    @Test
    void everyGoroutineStackReadsWhileLoopsRunThroughTheParkedJumps() throws InterruptedException {
        try (Patch a = library.redirect("main.hot", "main.hotReplacement");
             Patch b = library.redirect("main.warm", "main.warmReplacement")) {
            hot.StartLoops(HotLibrary.HOT, 2);
            hot.StartLoops(HotLibrary.WARM, 2);
            for (int i = 0; i < 100; i++) {
                // stops the world (async preemption lands anywhere in the loops) and reads file/line strictly
                assertThat(hot.AllStacks()).isPositive();
            }
        } finally {
            hot.StopAll();
        }
        assertThat(hot.Wrong()).isZero();
        assertThat(hot.Calls()).isPositive();
    }

    /** The slot the short jump at {@code f}'s entry leads to. */
    private static long parkedSlot(GoFunction f) {
        byte[] entry = new byte[2];
        Native.memory(f.address()).get(0, entry, 0, 2);
        assertThat(entry[0] & 0xff).as(f.name() + " starts with a short jump (the padding plan)").isEqualTo(0xeb);
        long slot = f.address() + 2 + entry[1];
        assertThat(Native.memory(slot).getByte(0) & 0xff).as("a long jump is parked there").isEqualTo(0xe9);
        return slot;
    }

    private int lineOfEntry(GoFunction f) {
        int line = hot.LineAt(f.address());
        assertThat(line).isPositive();
        return line;
    }

    private String nameAt(long pc) {
        byte[] buf = new byte[256];
        int n = hot.FuncNameAt(pc, buf, buf.length);
        return new String(buf, 0, Math.min(n, buf.length - 1), StandardCharsets.UTF_8);
    }

    private static List<long[]> runs(PcValueTable t) {
        List<long[]> runs = new ArrayList<>();
        t.forEach((start, end, value) -> runs.add(new long[] {start, end, value}));
        return runs;
    }

    private static long valueAt(List<long[]> runs, long pc) {
        for (long[] r : runs) {
            if (pc >= r[0] && pc < r[1]) {
                return r[2];
            }
        }
        throw new AssertionError("no run covers 0x" + Long.toHexString(pc));
    }
}
