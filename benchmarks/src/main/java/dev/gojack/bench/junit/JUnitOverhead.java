package dev.gojack.bench.junit;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Run as a child JVM by {@code BenchMain} (it loads libcalls, found by bare name on {@code gojack.library.path}):
 * runs {@link BareCase} (no GoJack), {@link PlainCase} ({@code @GoJackTest} only), {@link PatchedCase}
 * ({@code @GoJackTest} + {@code @PatchGoFunction}) and {@link BarrierCase} (only the two barriers a patched test
 * pays), 1,000 tests each, through one JUnit Launcher, in turn, a few rounds after warm-up rounds that last until the
 * JIT is quiet, and prints the median wall time of each as {@code BARE_NS}, {@code PLAIN_NS}, {@code PATCHED_NS} and
 * {@code BARRIER_NS}, and how the warm-up went ({@code WARMUP_ROUNDS}, {@code QUIET_WARMUP} 1 or 0,
 * {@code MEASURED_COMPILE_PERMILLE}: compilation time during the measured rounds per mille of their wall time). The
 * per-test cost of {@code @PatchGoFunction} is (patched - plain) / 1,000.
 *
 * <p>With the argument {@code first:PatchedCase}, {@code first:PlainCase} or {@code first:BarrierCase} it measures a
 * fresh JVM instead: one round of {@link BareCase} (so JUnit itself is warm alike in each), then the first 1,000 tests
 * of the named class, printed as {@code FIRST_NS}: the JIT has not compiled GoJack's per-test path yet, and its
 * compiler threads keep the other cores busy, so each barrier interrupts them.
 */
public final class JUnitOverhead {
    public static final int TESTS = 1000;
    /**
     * Rounds of all four classes before measuring, at least: 15 × 4,000 tests, so that the JIT has compiled JUnit's
     * and GoJack's per-test paths (with 3 rounds the patched tests still ran partly interpreted: ~+140 µs a test).
     */
    private static final int MIN_WARMUP_ROUNDS = 15;
    /**
     * Warm-up goes on past {@link #MIN_WARMUP_ROUNDS} until the JIT is done: a steady state is one in which no
     * compiler thread keeps the other core busy, because every barrier a patched test issues interrupts each core
     * that runs one of the JVM's threads. On a 2-vCPU VM C2 was still compiling at 90-98 % of a core through all 15
     * rounds and the measured ones after them (sampled per thread from /proc), so the barriers measured there were
     * those of a JVM still warming up. Done means: {@link #QUIET_ROUNDS} rounds in a row whose compilation time
     * (the JVM's own {@link CompilationMXBean} account) is under {@link #QUIET_SHARE} of their wall time.
     */
    private static final int MAX_WARMUP_ROUNDS = 150;
    private static final int QUIET_ROUNDS = 2;
    private static final double QUIET_SHARE = 0.02;
    private static final int ROUNDS = 7;

    private JUnitOverhead() {
    }

    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        if (args.length == 1 && args[0].startsWith("first:")) {
            run(launcher, BareCase.class);
            Class<?> measured = switch (args[0]) {
                case "first:PatchedCase" -> PatchedCase.class;
                case "first:BarrierCase" -> BarrierCase.class;
                case "first:PlainCase" -> PlainCase.class;
                // A mistyped class must not measure the plain baseline under another name.
                default -> throw new IllegalArgumentException(args[0] + ": expected first:PatchedCase, "
                        + "first:PlainCase or first:BarrierCase");
            };
            System.out.println("FIRST_NS " + run(launcher, measured));
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int warmup = 0;
        int quiet = 0;
        while (warmup < MIN_WARMUP_ROUNDS || (quiet < QUIET_ROUNDS && warmup < MAX_WARMUP_ROUNDS)) {
            long compiledBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            run(launcher, BareCase.class);
            run(launcher, PlainCase.class);
            run(launcher, PatchedCase.class);
            run(launcher, BarrierCase.class);
            double compiling = (jit.getTotalCompilationTime() - compiledBefore) * 1e6 / (System.nanoTime() - start);
            quiet = compiling < QUIET_SHARE ? quiet + 1 : 0;
            warmup++;
        }
        long compiledBefore = jit.getTotalCompilationTime();
        long measuredStart = System.nanoTime();
        long[] bare = new long[ROUNDS];
        long[] plain = new long[ROUNDS];
        long[] patched = new long[ROUNDS];
        long[] barrier = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            bare[i] = run(launcher, BareCase.class);
            plain[i] = run(launcher, PlainCase.class);
            patched[i] = run(launcher, PatchedCase.class);
            barrier[i] = run(launcher, BarrierCase.class);
        }
        long measuredMs = (System.nanoTime() - measuredStart) / 1_000_000;
        System.out.println("WARMUP_ROUNDS " + warmup);
        System.out.println("QUIET_WARMUP " + (quiet >= QUIET_ROUNDS ? 1 : 0));
        System.out.println("MEASURED_COMPILE_PERMILLE " + (jit.getTotalCompilationTime() - compiledBefore) * 1000
                / Math.max(1, measuredMs));
        System.out.println("BARE_NS " + median(bare));
        System.out.println("PLAIN_NS " + median(plain));
        System.out.println("PATCHED_NS " + median(patched));
        System.out.println("BARRIER_NS " + median(barrier));
    }

    private static long run(Launcher launcher, Class<?> testClass) {
        LauncherDiscoveryRequest request = request().selectors(selectClass(testClass)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long start = System.nanoTime();
        launcher.execute(request, listener);
        long elapsed = System.nanoTime() - start;
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != TESTS || summary.getTotalFailureCount() != 0) {
            StringBuilder why = new StringBuilder();
            summary.getFailures().stream().limit(3).forEach(f -> why.append('\n').append(f.getException()));
            throw new IllegalStateException(testClass.getSimpleName() + ": " + summary.getTestsSucceededCount()
                    + " of " + TESTS + " tests passed" + why);
        }
        return elapsed;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
