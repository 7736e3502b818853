package dev.gojack.bench.junit;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Run as a child JVM by {@code BenchMain} (it loads libcalls, found by bare name on {@code gojack.library.path}):
 * runs {@link BareCase} (no GoJack), {@link PlainCase} ({@code @GoJackTest} only), {@link PatchedCase}
 * ({@code @GoJackTest} + {@code @PatchGoFunction}) and {@link BarrierCase} (only the two barriers a patched test
 * pays), 1,000 tests each, through one JUnit Launcher, in turn, a few rounds after warm-up rounds, and prints the
 * median wall time of each as {@code BARE_NS}, {@code PLAIN_NS}, {@code PATCHED_NS} and {@code BARRIER_NS}. The
 * per-test cost of {@code @PatchGoFunction} is (patched - plain) / 1,000.
 *
 * <p>With the argument {@code first:PatchedCase} or {@code first:PlainCase} it measures a fresh JVM instead: one
 * round of {@link BareCase} (so JUnit itself is warm alike in both), then the first 1,000 tests of the named class,
 * printed as {@code FIRST_NS}: the JIT has not compiled GoJack's per-test path yet.
 */
public final class JUnitOverhead {
    public static final int TESTS = 1000;
    /**
     * Rounds of all four classes before measuring: 15 × 4,000 tests, so that the JIT has compiled JUnit's and
     * GoJack's per-test paths (with 3 rounds the patched tests still ran partly interpreted: ~+140 µs a test).
     */
    private static final int WARMUP_ROUNDS = 15;
    private static final int ROUNDS = 7;

    private JUnitOverhead() {
    }

    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        if (args.length == 1 && args[0].startsWith("first:")) {
            run(launcher, BareCase.class);
            Class<?> measured = args[0].equals("first:PatchedCase") ? PatchedCase.class : PlainCase.class;
            System.out.println("FIRST_NS " + run(launcher, measured));
            return;
        }
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            run(launcher, BareCase.class);
            run(launcher, PlainCase.class);
            run(launcher, PatchedCase.class);
            run(launcher, BarrierCase.class);
        }
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
