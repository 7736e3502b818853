package dev.gojack.bench;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.GoSignature;

import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Run as a fresh JVM by {@link BenchMain}: opens the library named by the first argument and looks up
 * {@link IndexBenchmark#LOOKUP} (as {@link ColdIndex}, printed as {@code OPEN_NS}); then times the first
 * {@code signature()} of that function ({@code FIRST_NS}: DWARF is read on this call), the first of a function in
 * a package whose DWARF lies late in the file (second argument, {@code FIRST_LATE_NS}), and a later request
 * ({@code LATER_NS}, the median of 1,000). Last, the heap the DWARF reading keeps ({@code RETAINED_BYTES}: used
 * heap after full GCs with the binary and both signatures, minus the binary alone).
 */
public final class ColdSignature {
    private ColdSignature() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        GoBinary binary = GoBinary.open(Path.of(args[0]));
        GoFunction f = binary.function(IndexBenchmark.LOOKUP);
        long opened = System.nanoTime();
        GoSignature first = f.signature().orElseThrow(() -> new IllegalStateException("no signature for " + f));
        long firstDone = System.nanoTime();
        GoFunction late = binary.function(args[1]);
        long lateStart = System.nanoTime();
        GoSignature second = late.signature().orElseThrow(() -> new IllegalStateException("no signature for " + late));
        long lateDone = System.nanoTime();
        long[] later = new long[1000];
        for (int i = 0; i < later.length; i++) {
            long t = System.nanoTime();
            f.signature();
            later[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(later);
        System.out.println("OPEN_NS " + (opened - start));
        System.out.println("FIRST_NS " + (firstDone - opened));
        System.out.println("FIRST_LATE_NS " + (lateDone - lateStart));
        System.out.println("LATER_NS " + later[later.length / 2]);
        System.out.println("# " + first + " / " + second);

        binary = null;
        GoBinary kept = GoBinary.open(Path.of(args[0]));
        GoFunction a = kept.function(IndexBenchmark.LOOKUP);
        GoFunction b = kept.function(args[1]);
        long without = usedAfterGc();
        a.signature();
        b.signature();
        long with = usedAfterGc();
        Reference.reachabilityFence(kept);
        System.out.println("RETAINED_BYTES " + (with - without));
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
