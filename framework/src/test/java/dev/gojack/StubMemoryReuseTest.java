package dev.gojack;

import dev.gojack.internal.patch.FunctionPatch;
import dev.gojack.internal.patch.NearMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stub memory comes back: before GoJack reused it, 681,564 stubReturn+close cycles used up the 2 GiB around
 * the library ({@code IllegalStateException: no free address range within 2 GiB}) after mapping about 100 MiB.
 * The counts can be raised with {@code -Dgojack.test.stubCycles=…} and {@code -Dgojack.test.plainStubCycles=…}.
 */
@Tag("core")
class StubMemoryReuseTest {
    /** More than the 681,564 cycles that exhausted the old allocator. */
    private static final int CYCLES = Integer.getInteger("gojack.test.stubCycles", 700_000);
    /** Cycles that also restore the entry each time (the slow path: two code writes and barriers a cycle). */
    private static final int PLAIN_CYCLES = Integer.getInteger("gojack.test.plainStubCycles", 20_000);
    /** What one cycle's stub takes without reuse: 128 bytes of code, a 16-byte counter and a 16-byte row. */
    private static final long BYTES_PER_STUB = 128 + 16 + 16;

    static GoLibrary library;
    static MemsafeLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("memsafe"));
        go = Fixtures.bind(MemsafeLibrary.class, library);
    }

    @AfterEach
    void everythingRestored() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.RowsHash(1)).isEqualTo(MemorySafetyTest.rowsHash(new long[][] {{0, -1}}));
    }

    /**
     * Cycles stubs until retired stub memory is reused and the JIT compiler has gone quiet. A thread seen only as
     * running holds reuse back (StubGrace): right after the JVM started, a C2 compiler thread runs for seconds
     * (on a loaded machine for the whole test). The measurements below are of the steady state after that.
     */
    static void untilReuseStarts() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long reused = library.patcher().memory().usage().reusedBlocks();
        long deadline = System.nanoTime() + 60_000_000_000L;
        long compiled = -1;
        try (Patch outer = library.stubReturn("main.nextRow", GoValue.int64(0), GoValue.int64(-1))) {
            while (System.nanoTime() < deadline && (library.patcher().memory().usage().reusedBlocks() == reused
                    || jit.getTotalCompilationTime() != compiled)) {
                compiled = jit.getTotalCompilationTime();
                nestedCycles(20_000, new HashSet<>());
            }
        }
        assertThat(library.patcher().memory().usage().reusedBlocks()).as("reuse within 60 s").isGreaterThan(reused);
    }

    @Test
    void moreStubsThanTheAddressSpaceNearTheLibraryHeldComeAndGoInBoundedMemory() {
        untilReuseStarts();
        GoJackMappings before = GoJackMappings.now();
        long reusedBefore = library.patcher().memory().usage().reusedBlocks();
        Set<Long> addresses = new HashSet<>();
        long start = System.nanoTime();
        // The outer patch keeps the entry jump in place, so each cycle is a slot store: the memory path is the
        // same as for a plain stubReturn+close, without two code writes and barriers per cycle.
        try (Patch outer = library.stubReturn("main.nextRow", GoValue.int64(0), GoValue.int64(-1))) {
            nestedCycles(CYCLES, addresses);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        GoJackMappings after = GoJackMappings.now();
        NearMemory.Usage usage = library.patcher().memory().usage();
        System.out.printf("%d stub cycles in %d ms: GoJack mappings %s -> %s, %d distinct stub addresses, %s%n",
                CYCLES, millis, before, after, addresses.size(), usage);
        long withoutReuse = CYCLES * BYTES_PER_STUB;
        assertThat(after.bytes() - before.bytes()).as("bytes mapped for %d stubs (without reuse: %d MiB)", CYCLES,
                withoutReuse >> 20).isLessThan(withoutReuse / 2);
        assertThat(after.count()).isEqualTo((int) usage.mappings());
        assertThat(usage.reusedBlocks() - reusedBefore).as("blocks reused (3 per stub: code, counter, row)")
                .isGreaterThan(CYCLES);
    }

    /**
     * Retired stubs are reused only once every thread was seen blocked outside stub code (StubGrace); on a loaded
     * machine a busy thread (the JIT, another process's load starving this one) delays that, and memory grows
     * meanwhile. The test pins reuse, not its latency: when more than 2048 stubs wait, give the threads up to
     * 10 s to be seen blocked before going on.
     */
    private static void letTheGracePeriodCatchUp() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (library.patcher().memory().usage().waitingStubs() > 2048 && System.nanoTime() < deadline) {
            library.patcher().memory().reclaimWaiting();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The loop the warm-up and the measurement share, so that the JIT compiles it during the warm-up. */
    private static void nestedCycles(int cycles, Set<Long> addresses) {
        for (int i = 0; i < cycles; i++) {
            try (StubPatch p = library.stubReturn("main.nextRow", GoValue.int64(i), GoValue.int64(~i))) {
                addresses.add(((FunctionPatch) p).destination());
                if (i % 4096 == 0) {
                    assertThat(go.RowsHash(1)).isEqualTo(MemorySafetyTest.rowsHash(new long[][] {{i, ~i}}));
                    assertThat(p.callCount()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void stubReturnAndCloseRestoringTheEntryEachTimeReusesMemoryToo() {
        untilReuseStarts();
        GoJackMappings before = GoJackMappings.now();
        long reusedBefore = library.patcher().memory().usage().reusedBlocks();
        Set<Long> addresses = new HashSet<>();
        long start = System.nanoTime();
        for (int i = 0; i < PLAIN_CYCLES; i++) {
            try (StubPatch p = library.stubReturn("main.nextRow", GoValue.int64(i), GoValue.int64(~i))) {
                addresses.add(((FunctionPatch) p).destination());
                if (i % 1024 == 0) {
                    assertThat(go.RowsHash(1)).isEqualTo(MemorySafetyTest.rowsHash(new long[][] {{i, ~i}}));
                }
            }
            if (i % 1024 == 0) {
                assertThat(go.RowsHash(1)).isEqualTo(MemorySafetyTest.rowsHash(new long[][] {{0, -1}}));
                letTheGracePeriodCatchUp();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        GoJackMappings after = GoJackMappings.now();
        System.out.printf("%d plain stubReturn+close cycles in %d ms (%.1f us each): GoJack mappings %s -> %s, "
                + "%d distinct stub addresses%n", PLAIN_CYCLES, millis, millis * 1000.0 / PLAIN_CYCLES, before, after,
                addresses.size());
        assertThat(library.patcher().memory().usage().reusedBlocks() - reusedBefore)
                .as("blocks reused (3 per stub: code, counter, row)").isGreaterThan(PLAIN_CYCLES);
        assertThat(after.bytes() - before.bytes()).as("bytes mapped for %d stubs (without reuse: %d KiB)",
                PLAIN_CYCLES, PLAIN_CYCLES * BYTES_PER_STUB >> 10).isLessThan(PLAIN_CYCLES * BYTES_PER_STUB / 2);
    }

    @Test
    void goroutinesCallingAStubWhileItIsReplacedNeverSeeARowNoStubHeld() throws InterruptedException {
        go.StartRowChecker(2);
        long violations;
        try {
            long deadline = System.nanoTime() + 3_000_000_000L;
            for (int i = 1; System.nanoTime() < deadline; i++) {
                // Alternate plain and nested patches, so both the restored entry and the re-pointed slot are crossed.
                try (Patch p = library.stubReturn("main.nextRow", GoValue.int64(i), GoValue.int64(~i))) {
                    if (i % 2 == 0) {
                        try (Patch q = library.stubReturn("main.nextRow", GoValue.int64(-i), GoValue.int64(~-i))) {
                            Thread.onSpinWait();
                        }
                    }
                }
            }
        } finally {
            violations = go.StopRowChecker();
        }
        long calls = go.RowCheckerCalls();
        System.out.printf("row checker: %d calls, %d violations, %s%n", calls, violations,
                library.patcher().memory().usage());
        assertThat(calls).isPositive();
        assertThat(violations).isZero();
    }
}
