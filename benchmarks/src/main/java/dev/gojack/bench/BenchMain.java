package dev.gojack.bench;

import dev.gojack.bench.junit.JUnitOverhead;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code make bench} runs: every JMH benchmark of this module, the gomonkey Go benchmark in {@code peers/},
 * fresh JVMs for the cold start, {@code go tool nm} on the same file and the {@code @PatchGoFunction} overhead
 * harness; then one table of ratios, printed and written to {@code target/results.md}.
 */
public final class BenchMain {
    private static final int COLD_RUNS = 10;
    /** A function whose DWARF types lie in the last third of .debug_info. */
    static final String SIGNATURE_LATE = "net/http.(*Client).do";
    private static final int NM_RUNS = 10;
    private static final Pattern GO_BENCH = Pattern.compile("^(Benchmark\\w+?)(-\\d+)?\\s+\\d+\\s+([\\d.]+) ns/op");

    private final Path fixtures = BenchFixtures.dir();
    private final Path peers = Path.of(System.getProperty("gojack.bench.peers", "peers")).toAbsolutePath();
    private final Path results = Path.of(System.getProperty("gojack.bench.results", "target/results.md"));
    private final List<String[]> rows = new ArrayList<>();

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        new BenchMain().run();
    }

    private void run() throws Exception {
        String only = System.getProperty("gojack.bench.only", "");
        if (!only.isBlank()) {
            new Runner(new OptionsBuilder().include(only).jvmArgsAppend(BenchFixtures.jvmArg())
                    .shouldFailOnError(true).build()).run();
            return;
        }
        if (Boolean.getBoolean("gojack.bench.signatures")) {
            signaturesOnly();
            return;
        }
        long started = System.nanoTime();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, Double> jmh = jmh();
        Map<String, Double> go = goBenchmarks();
        Path big = BenchFixtures.library("default", "bigweb");
        List<Long> cold = new ArrayList<>();
        long retained = -1;
        child(List.of("-cp", System.getProperty("java.class.path"), ColdIndex.class.getName(), big.toString()));
        for (int i = 0; i < COLD_RUNS; i++) {
            Map<String, Long> out = child(List.of("-cp", System.getProperty("java.class.path"),
                    ColdIndex.class.getName(), big.toString()));
            cold.add(out.get("COLD_NS"));
            retained = out.get("RETAINED_BYTES");
        }
        // Signatures (DWARF read lazily): same fresh-JVM scheme, one warm-up child first.
        List<Long> sigOpen = new ArrayList<>();
        List<Long> sigFirst = new ArrayList<>();
        List<Long> sigLate = new ArrayList<>();
        List<Long> sigLater = new ArrayList<>();
        long sigRetained = -1;
        long inflated = -1;
        List<String> sigChild = List.of("-cp", System.getProperty("java.class.path"), ColdSignature.class.getName(),
                big.toString(), SIGNATURE_LATE);
        child(sigChild);
        for (int i = 0; i < COLD_RUNS; i++) {
            Map<String, Long> out = child(sigChild);
            sigOpen.add(out.get("OPEN_NS"));
            sigFirst.add(out.get("FIRST_NS"));
            sigLate.add(out.get("FIRST_LATE_NS"));
            sigLater.add(out.get("LATER_NS"));
            sigRetained = out.get("RETAINED_BYTES");
            inflated = out.get("INFLATED_BYTES");
        }
        List<Long> zlibFloor = coldInflate(big, inflated);
        double goToolNm = median(timeCommand(List.of("go", "tool", "nm", big.toString()), NM_RUNS));
        // `go tool -n nm` names the nm binary itself (Go 1.24+ builds it into the build cache on first use).
        String nmPath = output(List.of("go", "tool", "-n", "nm")).trim();
        double nmBinary = Files.isExecutable(Path.of(nmPath))
                ? median(timeCommand(List.of(nmPath, big.toString()), NM_RUNS)) : Double.NaN;
        Map<String, Long> junit;
        try {
            junit = junitOverhead();
        } catch (IllegalStateException e) {
            System.out.println("# the @PatchGoFunction harness failed; its rows stay empty: " + e.getMessage());
            junit = null;
        }
        Map<String, Long> timers;
        try {
            timers = timerLatency();
        } catch (IllegalStateException e) {
            System.out.println("# the FIRES_TIMERS harness failed; its rows stay empty: " + e.getMessage());
            timers = null;
        }

        // ---- the table
        double redirect = jmh.get("RedirectBenchmark.redirectApplyRestore");
        double floor = jmh.get("RedirectBenchmark.floorProtectStore");
        double floorBarrier = jmh.get("RedirectBenchmark.floorProtectStoreBarrier");
        double floorView = jmh.get("RedirectBenchmark.floorViewStoreBarrier");
        row("redirect apply + restore, 1 function (JMH avgt), vs its floor as GoJack stores code", us(redirect),
                us(floorView) + " floor: 2 × (store through a read-write view, membarrier(SYNC_CORE), own core's IRET)",
                redirect / floorView, "report");
        row("redirect apply + restore vs the protection-changing floor", us(redirect),
                us(floor) + " floor: 2 × (mprotect rwx, store, mprotect r-x), same JNR syscall path", redirect / floor,
                "report");
        row("redirect apply + restore vs that floor incl. membarrier(SYNC_CORE)", us(redirect),
                us(floorBarrier) + " floor + the cross-modifying-code barrier GoJack issues", redirect / floorBarrier,
                "report");
        double batch = jmh.get("RedirectBenchmark.batchOf10SamePage");
        double floorBatch = jmh.get("RedirectBenchmark.floorBatchOf10SamePage");
        row("10 redirects on one page, applied one by one + restored", us(batch),
                us(floorBatch) + " floor: 2 × (mprotect, 10 stores, mprotect)", batch / floorBatch, "report");
        double inOne = jmh.get("RedirectBenchmark.tenInOneBatch");
        double floorBatchBarrier = jmh.get("RedirectBenchmark.floorBatchOf10SamePageBarrier");
        row("GoLibrary.batch: the same 10 redirects in one batch, applied + restored", us(inOne),
                us(floorBatchBarrier) + " floor: 2 × (mprotect, 10 stores, membarrier, mprotect)",
                inOne / floorBatchBarrier, "≤ 2");
        double floorBatchView = jmh.get("RedirectBenchmark.floorBatchOf10ViewStoreBarrier");
        row("the same batch vs its floor as GoJack stores code", us(inOne),
                us(floorBatchView) + " floor: 2 × (10 stores through a view, membarrier, own core's IRET)",
                inOne / floorBatchView, "report");
        row("reference: one batch vs 10 redirects one by one", us(inOne), us(batch) + " one by one", inOne / batch,
                "report");
        double nested = jmh.get("RedirectBenchmark.nestedRetarget");
        row("nested re-target (2nd patch on a patched function) + close", us(nested),
                us(floor) + " single apply + restore floor", nested / floor, "report");
        Double gomonkey = go.get("BenchmarkGomonkeyApplyFuncReset");
        Double goFloor = go.get("BenchmarkBareMprotectStore");
        if (gomonkey != null) {
            row("redirect apply + restore vs gomonkey ApplyFunc + Reset", us(redirect),
                    us(gomonkey) + " gomonkey (Go benchmark, -gcflags=all=-l)", redirect / gomonkey, "≤ 0.5");
        } else {
            row("redirect apply + restore vs gomonkey ApplyFunc + Reset", us(redirect), "gomonkey did not run",
                    Double.NaN, "≤ 0.5");
        }
        if (goFloor != null) {
            row("floor from Java (JNR) vs the same floor in Go (raw syscalls)", us(floor), us(goFloor) + " Go floor",
                    floor / goFloor, "report");
        }
        double coldMedian = median(cold);
        row("cold: GoBinary.open + index + 1 lookup, libbigweb.so, fresh JVM (median of " + COLD_RUNS + ")",
                ms(coldMedian), ms(goToolNm) + " `go tool nm` wall time", coldMedian / goToolNm, "≤ 1.0");
        double warm = jmh.get("IndexBenchmark.openAndLookup") * 1e6;
        row("warm: GoBinary.open + 1 lookup, libbigweb.so (JMH avgt)", ms(warm), ms(goToolNm) + " `go tool nm`",
                warm / goToolNm, "≤ 0.25");
        if (!Double.isNaN(nmBinary)) {
            row("reference: cold vs the nm binary run directly (no `go` front end)", ms(coldMedian),
                    ms(nmBinary) + " `$(go tool -n nm)`", coldMedian / nmBinary, "report");
        }
        double lookup = jmh.get("IndexBenchmark.lookup");
        row("warm lookup by name: GoBinary.function on an opened binary", String.format(Locale.ROOT, "%.0f ns", lookup),
                "—", Double.NaN, "< 1 µs");
        long fileSize = Files.size(big);
        row("heap retained by an opened libbigweb.so (index; file mapped off-heap)", mb(retained),
                mb(fileSize) + " file size", (double) retained / fileSize, "report");
        // ---- signatures
        double open = median(sigOpen);
        row("signatures: first signature() of " + IndexBenchmark.LOOKUP + ", fresh JVM after open + lookup (median of "
                + COLD_RUNS + ")", ms(median(sigFirst)), ms(open) + " the open + lookup before it",
                median(sigFirst) / open, "≤ 5 ms");
        row("signatures: first signature() of " + SIGNATURE_LATE + " (its types' DWARF lies late), fresh JVM",
                ms(median(sigLate)), ms(open) + " open + lookup", median(sigLate) / open, "≤ 5 ms");
        row("signatures: first signature() vs its zlib floor (the same .debug_info prefix inflated by a bare Inflater, "
                + "fresh JVM)", ms(median(sigFirst)), ms(median(zlibFloor)) + " for " + mb(inflated),
                median(sigFirst) / median(zlibFloor), "report");
        row("signatures: later signature() of the same function (median of 1,000 in each child)",
                String.format(Locale.ROOT, "%.0f ns", median(sigLater)), "—", Double.NaN, "≤ 10 µs");
        row("signatures: open + lookup in the signature child vs in ColdIndex (DWARF not read by open)", ms(open),
                ms(coldMedian) + " ColdIndex", open / coldMedian, "≈ 1.0");
        row("heap retained by reading two signatures of libbigweb.so (inflated .debug_info prefix, types)",
                mb(sigRetained), mb(retained) + " heap of the opened binary", (double) sigRetained / retained,
                "report");
        double real = jmh.get("FakeClockBenchmark.realNow");
        double fake = jmh.get("FakeClockBenchmark.fakeNow");
        // One operation is NowLoop(10^6): its time in ms is also the time of one time.Now call in ns.
        row("fake time.Now vs real: NowLoop(10^6), Go calls time.Now 10^6 times (JMH avgt)",
                String.format(Locale.ROOT, "%.2f ms (%.1f ns/call)", fake, fake),
                String.format(Locale.ROOT, "%.2f ms (%.1f ns/call) real time.Now", real, real),
                fake / real, "≤ 1.0");
        Map<String, Long> spy = child(List.of("-cp", System.getProperty("java.class.path"),
                SpyOverhead.class.getName()));
        double unspied = spy.get("UNSPIED_PS_PER_CALL") / 1e3;
        double spiedCall = spy.get("SPIED_PS_PER_CALL") / 1e3;
        row("spied vs unspied call of main.work (~100 ns), Go loop of 200k calls, alternated over "
                + SpyOverhead.ROUNDS + " rounds (median; ratio = median of the rounds' ratios)",
                String.format(Locale.ROOT, "%.1f ns/call (+%.1f ns)", spiedCall, spiedCall - unspied),
                String.format(Locale.ROOT, "%.1f ns/call unspied", unspied), spy.get("RATIO_PERMILLE") / 1000.0,
                "≤ 1.5");
        double tickPlain = spy.get("TICK_UNSPIED_PS_PER_CALL") / 1e3;
        double tickSpied = spy.get("TICK_SPIED_PS_PER_CALL") / 1e3;
        row("spy stub's own cost: main.tick (3 instructions), one goroutine, 10^6 calls (median of "
                + SpyOverhead.ROUNDS + " rounds)", String.format(Locale.ROOT, "%.1f ns/call (+%.1f ns)", tickSpied,
                tickSpied - tickPlain), String.format(Locale.ROOT, "%.1f ns/call unspied", tickPlain),
                tickSpied / tickPlain, "report");
        answerRows(jmh);
        if (junit != null) {
            double perPatched = junit.get("PATCHED_NS") / (double) JUnitOverhead.TESTS;
            double perPlain = junit.get("PLAIN_NS") / (double) JUnitOverhead.TESTS;
            double perBare = junit.get("BARE_NS") / (double) JUnitOverhead.TESTS;
            String warmedUp = junit.get("QUIET_WARMUP") == 1 ? "after " + junit.get("WARMUP_ROUNDS")
                    + " warm-up rounds, until the JIT was quiet" : "the JIT still compiling after "
                    + junit.get("WARMUP_ROUNDS") + " warm-up rounds";
            row("@PatchGoFunction: added time per test (1,000 @RepeatedTest, one Launcher, " + warmedUp + ")",
                    String.format(Locale.ROOT, "%.1f µs/test with it (+%.1f µs)", perPatched / 1e3,
                            (perPatched - perPlain) / 1e3),
                    String.format(Locale.ROOT, "%.1f µs/test in the same @GoJackTest class without it", perPlain / 1e3),
                    perPatched / perPlain, "+ ≤ 20 µs");
            double perBarrier = junit.get("BARRIER_NS") / (double) JUnitOverhead.TESTS;
            row("reference: the two membarrier(SYNC_CORE) a patched test pays, alone, in the same JUnit run",
                    String.format(Locale.ROOT, "%.1f µs/test (+%.1f µs)", perBarrier / 1e3, (perBarrier - perPlain) / 1e3),
                    String.format(Locale.ROOT, "%.1f µs/test without them", perPlain / 1e3), perBarrier / perPlain,
                    "report");
            List<Long> firstPatched = new ArrayList<>();
            List<Long> firstPlain = new ArrayList<>();
            List<Long> firstBarrier = new ArrayList<>();
            try {
                for (int i = 0; i < FIRST_RUNS; i++) {
                    firstPatched.add(junitFirst("PatchedCase"));
                    firstPlain.add(junitFirst("PlainCase"));
                    firstBarrier.add(junitFirst("BarrierCase"));
                }
                double patchedFirst = median(firstPatched) / (double) JUnitOverhead.TESTS;
                double plainFirst = median(firstPlain) / (double) JUnitOverhead.TESTS;
                double barrierFirst = median(firstBarrier) / (double) JUnitOverhead.TESTS;
                row("@PatchGoFunction in a fresh JVM: added time per test over its first 1,000 tests (median of "
                        + FIRST_RUNS + " fresh JVMs each, JUnit warmed alike)", String.format(Locale.ROOT,
                        "%.1f µs/test with it (+%.1f µs)", patchedFirst / 1e3, (patchedFirst - plainFirst) / 1e3),
                        String.format(Locale.ROOT, "%.1f µs/test without it", plainFirst / 1e3),
                        patchedFirst / plainFirst, "+ ≤ 50 µs");
                row("reference: the two membarrier(SYNC_CORE) a patched test pays, alone, in a fresh JVM's first "
                        + "1,000 tests (median of " + FIRST_RUNS + ")", String.format(Locale.ROOT,
                        "%.1f µs/test (+%.1f µs)", barrierFirst / 1e3, (barrierFirst - plainFirst) / 1e3),
                        String.format(Locale.ROOT, "%.1f µs/test without them", plainFirst / 1e3),
                        barrierFirst / plainFirst, "report");
            } catch (RuntimeException e) {
                row("@PatchGoFunction in a fresh JVM", "the harness failed: " + e, "—", Double.NaN, "+ ≤ 50 µs");
            }
            row("reference: @GoJackTest without patches vs plain JUnit", String.format(Locale.ROOT,
                    "%.1f µs/test (+%.1f µs)", perPlain / 1e3, (perPlain - perBare) / 1e3),
                    String.format(Locale.ROOT, "%.1f µs/test, no GoJack", perBare / 1e3), perPlain / perBare, "report");
        } else {
            row("@PatchGoFunction: added time per test", "the harness failed (see the output above)", "—",
                    Double.NaN, "+ ≤ 50 µs");
        }
        timerRows(timers);
        String table = table();
        String machine = machine();
        String load = "Load average (/proc/loadavg) at the start: " + loadBefore + "; at the end: "
                + Files.readString(Path.of("/proc/loadavg")).trim() + ". Anything above 0 is other work on the "
                + "machine competing with the benchmarks.\n";
        String report = "## Benchmark results\n\n" + machine + load + "\n" + table + "\nTotal time of the run: "
                + Math.round((System.nanoTime() - started) / 1e9) + " s.\n";
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, report);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + results.toAbsolutePath() + ")");
    }

    /** Issue 19: one Go→Java call from a goroutine loop, against an unpatched call and a Go-written redirect. */
    private void answerRows(Map<String, Double> jmh) {
        for (String variant : new String[] {"noinline", "go1.21/noinline"}) {
            String go = variant.startsWith("go1.21") ? "Go 1.21" : "Go " + System.getProperty("gojack.bench.goVersion",
                    "(machine)");
            // One operation is LoopPrice(N) in µs: ns per call = µs * 1000 / N.
            double perCall = 1000.0 / GoAnswerBenchmark.N;
            Double java = jmh.get("GoAnswerBenchmark.javaAnswer[" + variant + "]");
            Double plain = jmh.get("GoAnswerBenchmark.unpatched[" + variant + "]");
            Double redirect = jmh.get("GoAnswerBenchmark.goRedirect[" + variant + "]");
            Double mock = jmh.get("GoAnswerBenchmark.mockitoAnswer[" + variant + "]");
            if (java == null || plain == null || redirect == null || mock == null) {
                continue;
            }
            row("Go calls Java, " + go + ": trivial lambda body vs unpatched call (LoopPrice, JMH avgt)",
                    String.format(Locale.ROOT, "%.0f ns/call", java * perCall),
                    String.format(Locale.ROOT, "%.1f ns/call unpatched", plain * perCall), java / plain,
                    variant.startsWith("go1.21") ? "report" : "≤ 250 ns");
            row("Go calls Java, " + go + ": trivial lambda body vs a Go-written redirect",
                    String.format(Locale.ROOT, "%.0f ns/call", java * perCall),
                    String.format(Locale.ROOT, "%.1f ns/call redirected", redirect * perCall), java / redirect,
                    "report");
            row("Go calls Java, " + go + ": Mockito mock body (stubOnly) vs lambda body",
                    String.format(Locale.ROOT, "%.0f ns/call", mock * perCall),
                    String.format(Locale.ROOT, "%.0f ns/call lambda", java * perCall), mock / java, "report");
            Double original = jmh.get("GoAnswerBenchmark.callOriginal[" + variant + "]");
            if (original != null) {
                row("Go calls Java, " + go + ": body returning call.callOriginal() vs lambda body",
                        String.format(Locale.ROOT, "%.0f ns/call", original * perCall),
                        String.format(Locale.ROOT, "%.0f ns/call lambda", java * perCall), original / java, "report");
            }
        }
    }

    // ------------------------------------------------------------------ JMH

    private Map<String, Double> jmh() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(Pattern.quote(RedirectBenchmark.class.getName()) + ".*")
                .include(Pattern.quote(FakeClockBenchmark.class.getName()) + ".*")
                .include(Pattern.quote(IndexBenchmark.class.getName()) + ".*")
                .include(Pattern.quote(GoAnswerBenchmark.class.getName()) + ".*")
                .jvmArgsAppend(BenchFixtures.jvmArg())
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(results.toAbsolutePath().getParent().resolve("jmh-results.json").toString())
                .build();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult r : new Runner(options).run()) {
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            if (r.getParams().getParam("variant") != null) {
                shortName += "[" + r.getParams().getParam("variant") + "]";
            }
            scores.put(shortName, r.getPrimaryResult().getScore());
        }
        return scores;
    }

    // ------------------------------------------------------------------ Go

    private Map<String, Double> goBenchmarks() throws IOException, InterruptedException {
        System.out.println("# gomonkey: go test -bench in " + peers);
        List<String> command = List.of("go", "test", "-run", "^$", "-bench", ".", "-benchtime", "1s", "-count", "5",
                "-gcflags=all=-l");
        ProcessBuilder pb = new ProcessBuilder(command).directory(peers.toFile()).redirectErrorStream(true);
        pb.environment().put("GOFLAGS", "-mod=mod");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        System.out.print(out);
        Map<String, List<Double>> all = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = GO_BENCH.matcher(line.trim());
            if (m.find()) {
                all.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(3)));
            }
        }
        Map<String, Double> medians = new HashMap<>();
        all.forEach((k, v) -> medians.put(k, median(v)));
        if (rc != 0) {
            System.out.println("# go test exited with " + rc + "; gomonkey rows stay empty");
        }
        return medians;
    }

    // ------------------------------------------------------------------ FIRES_TIMERS (TimerLatency)

    private Map<String, Long> timerLatency() throws IOException, InterruptedException {
        System.out.println("# FIRES_TIMERS: advance -> fired time.After, " + TimerLatency.ADVANCES + " advances");
        return child(List.of("-cp", System.getProperty("java.class.path"), TimerLatency.class.getName()));
    }

    private void timerRows(Map<String, Long> t) {
        if (t == null) {
            row("FIRES_TIMERS: advance -> fired time.After", "the harness failed (see the output above)", "—",
                    Double.NaN, "≤ 1 ms p99");
            return;
        }
        row("FIRES_TIMERS: advance -> fired time.After seen by Go, p99 (median) of " + TimerLatency.ADVANCES,
                String.format(Locale.ROOT, "%.3f ms (median %.3f ms)", t.get("ADVANCE_P99_NS") / 1e6,
                        t.get("ADVANCE_P50_NS") / 1e6), "1 ms goal", t.get("ADVANCE_P99_NS") / 1e6, "≤ 1.0");
        row("FIRES_TIMERS: time.Now with the offset stub vs the plain vDSO (NowLoop(10^6), median of 15)",
                String.format(Locale.ROOT, "%.1f ns/call", t.get("NOW_OFFSET_PS") / 1e3),
                String.format(Locale.ROOT, "%.1f ns/call unshifted", t.get("NOW_REAL_PS") / 1e3),
                t.get("NOW_OFFSET_PS") / (double) t.get("NOW_REAL_PS"), "≤ 1.1");
    }

    // ------------------------------------------------------------------ child processes

    /**
     * Fresh JVMs per case for the first-1,000-tests rows, run in turn (patched, plain, barriers only): five, because
     * one fresh JVM's first 1,000 tests on a 2-vCPU machine vary by ±20 % with what its JIT threads take from the
     * test thread.
     */
    private static final int FIRST_RUNS = 5;

    /**
     * {@code FIRST_NS} of {@link JUnitOverhead} in a fresh JVM, for {@code PatchedCase}, {@code PlainCase} or
     * {@code BarrierCase}.
     */
    private long junitFirst(String testClass) throws IOException, InterruptedException {
        Map<String, Long> r = child(List.of("-Dgojack.library.path=" + fixtures.resolve("noinline"), "-cp",
                System.getProperty("java.class.path"), JUnitOverhead.class.getName(), "first:" + testClass));
        if (r == null || r.get("FIRST_NS") == null) {
            throw new IllegalStateException("no FIRST_NS from " + testClass);
        }
        return r.get("FIRST_NS");
    }

    private Map<String, Long> junitOverhead() throws IOException, InterruptedException {
        System.out.println("# @PatchGoFunction overhead: " + JUnitOverhead.TESTS + " tests with and without");
        return child(List.of("-Dgojack.library.path=" + fixtures.resolve("noinline"), "-cp",
                System.getProperty("java.class.path"), JUnitOverhead.class.getName()));
    }

    /** {@link ColdInflate} in fresh JVMs: the zlib floor of a first signature that inflated {@code bytes}. */
    private List<Long> coldInflate(Path big, long bytes) throws IOException, InterruptedException {
        return coldInflate(big, bytes, "INFLATE_NS");
    }

    /** {@link ColdInflate}'s {@code key} ({@code INFLATE_NS} wall time, {@code INFLATE_CPU_NS} CPU time). */
    private List<Long> coldInflate(Path big, long bytes, String key) throws IOException, InterruptedException {
        List<String> args = List.of("-cp", System.getProperty("java.class.path"), ColdInflate.class.getName(),
                big.toString(), Long.toString(bytes));
        child(args);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            times.add(child(args).get(key));
        }
        return times;
    }

    /**
     * {@code -Dgojack.bench.signatures=true}: only the cold rows of opening and of signatures (fresh JVMs, about a
     * minute), each with its baseline from the same run: {@code go tool nm}, the open before it, the zlib floor.
     */
    private void signaturesOnly() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Path big = BenchFixtures.library("default", "bigweb");
        List<String> index = List.of("-cp", System.getProperty("java.class.path"), ColdIndex.class.getName(),
                big.toString());
        List<String> sig = List.of("-cp", System.getProperty("java.class.path"), ColdSignature.class.getName(),
                big.toString(), SIGNATURE_LATE);
        child(index);
        child(sig);
        List<Long> cold = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        List<Long> firstCpu = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        long retained = -1;
        long sigRetained = -1;
        long inflated = -1;
        long inflatedLate = -1;
        List<Long> nmTimes = new ArrayList<>();
        // go tool nm is timed in the same loop as the children, so that a machine whose load changes during the
        // run weighs on both sides alike.
        for (int i = 0; i < COLD_RUNS; i++) {
            nmTimes.addAll(timeCommand(List.of("go", "tool", "nm", big.toString()), 1));
            Map<String, Long> c = child(index);
            cold.add(c.get("COLD_NS"));
            retained = c.get("RETAINED_BYTES");
            Map<String, Long> s = child(sig);
            open.add(s.get("OPEN_NS"));
            first.add(s.get("FIRST_NS"));
            firstCpu.add(s.get("FIRST_CPU_NS"));
            late.add(s.get("FIRST_LATE_NS"));
            later.add(s.get("LATER_NS"));
            sigRetained = s.get("RETAINED_BYTES");
            inflated = s.get("INFLATED_BYTES");
            inflatedLate = s.get("INFLATED_LATE_BYTES");
        }
        List<Long> floor = coldInflate(big, inflated);
        List<Long> floorCpu = coldInflate(big, inflated, "INFLATE_CPU_NS");
        double nm = median(nmTimes);
        double coldMedian = median(cold);
        row("cold: GoBinary.open + index + 1 lookup, libbigweb.so, fresh JVM (median of " + COLD_RUNS + ")",
                ms(coldMedian), ms(nm) + " `go tool nm` wall time", coldMedian / nm, "≤ 1.0");
        row("first signature() of " + IndexBenchmark.LOOKUP + ", fresh JVM (median of " + COLD_RUNS + ")",
                ms(median(first)), ms(median(floor)) + " zlib floor: the same " + mb(inflated)
                + " of .debug_info inflated by a bare Inflater, fresh JVM", median(first) / median(floor), "≤ 5 ms");
        row("the same, CPU time of the calling thread (load-independent; JIT threads not counted)",
                ms(median(firstCpu)), ms(median(floorCpu)) + " zlib floor, CPU time",
                median(firstCpu) / median(floorCpu), "≤ 5 ms");
        row("first signature() of " + IndexBenchmark.LOOKUP + " vs the open + lookup before it", ms(median(first)),
                ms(median(open)) + " open + lookup", median(first) / median(open), "report");
        row("first signature() of " + SIGNATURE_LATE + " (after the first; " + mb(inflatedLate) + " inflated by then)",
                ms(median(late)), ms(median(open)) + " open + lookup", median(late) / median(open), "≤ 5 ms");
        row("later signature() of the same function (median of 1,000 in each child)",
                String.format(Locale.ROOT, "%.0f ns", median(later)), "—", Double.NaN, "≤ 10 µs");
        row("heap retained by reading two signatures (inflated .debug_info prefix, types)", mb(sigRetained),
                mb(retained) + " heap of the opened binary", (double) sigRetained / retained, "report");
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.println();
        System.out.println("Load average at the start: " + loadBefore + "; at the end: " + loadAfter + ".");
        System.out.println(table());
    }

    /** Runs a JVM, echoes its output, and returns its {@code KEY <number>} lines. */
    private Map<String, Long> child(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(BenchFixtures.jvmArg());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Map<String, Long> values = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[0].matches("[A-Z][A-Z0-9_]*") && f[1].matches("-?\\d+")) {
                values.put(f[0], Long.parseLong(f[1]));
            }
        }
        if (rc != 0) {
            throw new IllegalStateException("child JVM failed (" + rc + "): " + String.join(" ", args) + "\n" + out);
        }
        System.out.print(out);
        return values;
    }

    /** Wall time of {@code command} (output discarded), once to warm the page cache, then {@code runs} times. */
    private static List<Long> timeCommand(List<String> command, int runs) throws IOException, InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = -1; i < runs; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = p.waitFor();
            long elapsed = System.nanoTime() - start;
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + rc);
            }
            if (i >= 0) {
                times.add(elapsed);
            }
        }
        return times;
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // ------------------------------------------------------------------ formatting

    private void row(String what, String gojack, String baseline, double ratio, String goal) {
        rows.add(new String[] {what, gojack, baseline,
            Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f", ratio), goal});
    }

    private String table() {
        StringBuilder sb = new StringBuilder("| measurement | GoJack | baseline | ratio | goal |\n|---|---|---|---|---|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    private static String machine() throws IOException, InterruptedException {
        String cpu = "unknown CPU";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
                + output(List.of("uname", "-sr")).trim() + "; JDK " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; " + output(List.of("go", "version")).trim() + ".\n";
    }

    private static String us(double ns) {
        return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
    }

    private static String ms(double ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static double median(List<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
