package dev.gojack.stress;

import dev.gojack.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 13 §1: a function hot-patched through padding (a short jump at the entry to a long jump parked in
 * INT3 padding) while goroutines call it in a tight loop, {@code runtime.GC()} runs back to back and, in half the
 * cases, a CPU profile takes tracebacks at 1 kHz. Without pc tables that cover the parked jump, an async
 * preemption or a profiling signal that lands on it ends in {@code fatal error: invalid runtime symbol table}.
 * Two targets: {@code main.hot}, whose parked jump is in its own tail padding, and {@code main.warm}, whose parked
 * jump is in the padding of the function before it. Go 1.26 (the machine's) and Go 1.21.
 * <p>
 * Every run is a JVM of its own ({@link PaddingStressRun}), so a Go fatal error is seen here as a failed run.
 * {@code -Dgojack.stress.runs} and {@code -Dgojack.stress.seconds} set the length; {@code make stress} runs the
 * full 10 × 30 s per case, the normal suite a short version.
 */
class PaddingHotPatchUnderGcTest {
    private static final int RUNS = Integer.getInteger("gojack.stress.runs", 1);
    private static final int SECONDS = Integer.getInteger("gojack.stress.seconds", 6);
    private static final int PROFILE_HZ = 1000;

    /** {@code -Dgojack.stress.only=REGEX}: only the cases whose name ("variant target profileHz=N") matches. */
    private static final String ONLY = System.getProperty("gojack.stress.only", "");

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String go : List.of(Fixtures.NOINLINE, "go1.21/" + Fixtures.NOINLINE)) {
            for (String target : List.of("main.hot", "main.warm")) {
                for (int hz : new int[] {0, PROFILE_HZ}) {
                    if (ONLY.isEmpty() || java.util.regex.Pattern.compile(ONLY)
                            .matcher(go + " " + target + " profileHz=" + hz).find()) {
                        cases.add(Arguments.of(go, target, hz, true));
                    }
                }
            }
        }
        // And once the way GoJack stores code where the kernel refuses views: changing the page's protection.
        if (ONLY.isEmpty() || java.util.regex.Pattern.compile(ONLY).matcher(Fixtures.NOINLINE + " main.hot profileHz="
                + PROFILE_HZ + " without views").find()) {
            cases.add(Arguments.of(Fixtures.NOINLINE, "main.hot", PROFILE_HZ, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} profileHz={2} views={3}")
    @MethodSource("cases")
    void paddingHotPatchSurvivesGcStackScansAndProfilingWhileGoroutinesCallTheTarget(String variant, String target,
                                                                                      int profileHz, boolean views)
            throws Exception {
        Path library = Fixtures.library(variant, "hot");
        String replacement = target + "Replacement";
        int which = target.equals("main.hot") ? HotLibrary.HOT : HotLibrary.WARM;
        for (int run = 1; run <= RUNS; run++) {
            Result r = runOnce(library, target, replacement, which, profileHz, views);
            String context = variant + " " + target + " profileHz=" + profileHz + (views ? "" : " without views")
                    + " run " + run + "/" + RUNS;
            if (r.exitCode != 0 || !r.output.contains("RESULT ")) {
                fail(context + ": the Go runtime did not survive (exit code " + r.exitCode + "):\n" + tail(r.output));
            }
            String line = r.output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            System.out.println(context + ": " + line);
            assertThat(number(line, "wrong")).as(context + " wrong results").isZero();
            assertThat(number(line, "calls")).as(context + " calls").isPositive();
            assertThat(number(line, "gcs")).as(context + " GC cycles").isPositive();
            assertThat(number(line, "cycles")).as(context + " patch/restore cycles").isPositive();
            if (views) {
                assertThat(number(line, "views")).as(context + " code pages stored through views").isPositive();
            } else {
                assertThat(number(line, "views")).as(context + " code pages stored through views").isZero();
            }
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result runOnce(Path library, String target, String replacement, int which, int profileHz, boolean views)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access")) {
                command.add(arg);
            }
        }
        if (!views) {
            command.add("-Dgojack.textAliases=false");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PaddingStressRun.class.getName(),
                library.toString(), target, replacement, Integer.toString(which), Integer.toString(SECONDS),
                Integer.toString(profileHz), "padding hotpatch"));
        Path log = Files.createTempFile("gojack-stress", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(SECONDS + 120L, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, "TIMEOUT (hang)\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long number(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Long.parseLong(part.substring(key.length() + 1));
            }
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        // the fatal error and the first frames of the goroutine that threw are what explains a crash
        int fatal = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("fatal error") || lines.get(i).startsWith("runtime:")) {
                fatal = i;
                break;
            }
        }
        int from = fatal >= 0 ? Math.max(0, fatal - 2) : Math.max(0, lines.size() - 40);
        return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 40)));
    }
}
