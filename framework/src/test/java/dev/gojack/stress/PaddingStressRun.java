package dev.gojack.stress;

import dev.gojack.GoLibrary;
import dev.gojack.Patch;

import java.nio.file.Path;

/**
 * One stress run, in a JVM of its own (a Go fatal error kills the whole process, so the test that starts this
 * class sees the crash as an exit code and output instead of dying with it): goroutines call a target in a tight
 * loop, another runs {@code runtime.GC()} back to back, optionally a CPU profile runs, and this thread redirects
 * the target and restores it over and over for the given time. Prints one {@code RESULT} line and exits 0 only
 * when every call returned the original's or the replacement's result.
 * <p>
 * Arguments: library path, target, replacement, which loop (0 = hot, 1 = warm), seconds, profile rate in Hz
 * (0 = no profile), expected plan ("padding hotpatch").
 */
public final class PaddingStressRun {
    private PaddingStressRun() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        String target = args[1];
        String replacement = args[2];
        int which = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        int profileHz = Integer.parseInt(args[5]);
        String expectedPlan = args[6];

        GoLibrary library = GoLibrary.load(path);
        HotLibrary hot = jnr.ffi.LibraryLoader.create(HotLibrary.class).failImmediately().load(path.toString());
        if (profileHz > 0 && hot.StartProfile(profileHz) != 1) {
            fail("the CPU profile did not start");
        }
        hot.StartLoops(which, 4);
        hot.StartGC();
        long cycles = 0;
        String plan = "";
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Patch p = library.redirect(target, replacement)) {
                plan = p.describe();
                if (!plan.contains(expectedPlan)) {
                    fail("expected the " + expectedPlan + " plan, got " + plan);
                }
                Thread.sleep(2);
            }
            cycles++;
        }
        hot.StopAll();
        long wrong = hot.Wrong();
        // Code pages GoJack stores through read-write views of (the default): they are memory-file mappings.
        long views = java.nio.file.Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.endsWith("/memfd:gojack-text (deleted)") && l.contains(" r-xs ")).count();
        System.out.println("RESULT calls=" + hot.Calls() + " wrong=" + wrong + " gcs=" + hot.GCs() + " cycles=" + cycles
                + " views=" + views + " plan=" + plan);
        System.out.flush();
        System.exit(wrong == 0 ? 0 : 3);
    }

    private static void fail(String why) {
        System.out.println("FAILED " + why);
        System.out.flush();
        System.exit(4);
    }
}
