package dev.gojack.bench;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;

import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Run as a fresh JVM by {@link BenchMain}: times, from the start of {@code main} (JVM start-up excluded, GoJack's
 * own class loading included), {@code GoBinary.open} of the library named by the first argument plus one lookup,
 * and prints {@code COLD_NS <ns>}. Then measures the heap the opened binary keeps (used heap after full GCs,
 * with and without it) and prints {@code RETAINED_BYTES <bytes>}. The file itself is memory-mapped, outside the
 * heap, and not counted.
 */
public final class ColdIndex {
    private ColdIndex() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        GoBinary binary = GoBinary.open(Path.of(args[0]));
        GoFunction f = binary.function(args.length > 1 ? args[1] : IndexBenchmark.LOOKUP);
        long elapsed = System.nanoTime() - start;
        System.out.println("COLD_NS " + elapsed);
        if (f.size() <= 0) {
            throw new IllegalStateException("bad lookup " + f);
        }
        binary = null;
        long before = usedAfterGc();
        GoBinary kept = GoBinary.open(Path.of(args[0]));
        kept.function(IndexBenchmark.LOOKUP);
        long after = usedAfterGc();
        Reference.reachabilityFence(kept);
        System.out.println("RETAINED_BYTES " + (after - before));
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
