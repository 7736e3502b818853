package dev.gojack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Go panic raised inside a call a Java body makes back into the library — an export, or the original body
 * {@code callOriginal()} runs — unwinds out of cgo's callback, past the body's JVM frames (issue 19, item 4).
 * Recovered by the Go code above the answered function, it used to return into Go over those abandoned frames
 * (the child printed "RECOVERED ABOVE" and the JVM ran on corrupted); the answer's frame now holds a deferred
 * call that stops the process with GoJack's message first, printing the panic as Go would, recovered or not.
 * Runs in a child JVM, since the process ends.
 */
@Tag("core")
class GoAnswerPanicTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "export-unrecovered, main.price, panic: boom from Go, main.Panic",
        "export-recovered, main.price, panic: boom from Go, main.Panic",
        "original-unrecovered, main.trace, panic: boom in the original, gojack.original(main.trace)",
        "original-recovered, main.trace, panic: boom in the original, gojack.original(main.trace)",
    })
    void aPanicOutOfAReentrantCallStopsTheProcessBeforeAnythingAboveRecovers(String mode, String target,
                                                                               String panic, String raisedIn)
            throws Exception {
        Path log = Files.createTempFile("gojack-panic", ".log");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), AnswerPanicInChildJvm.class.getName(),
                    Fixtures.library("answers").toString(), mode));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            // runtime.fatal exits with 2; 134 if the runtime raises SIGABRT for a c-shared host.
            assertThat(child.exitValue()).as("exit code; output:%n%s", output).isIn(2, 134);
            assertThat(output).as("output")
                    .contains("BODY", panic, "fatal error: GoJack: a Go panic (or runtime.Goexit) is unwinding through"
                            + " gojack.java(" + target + ")", "Recover the panic in Go inside the export")
                    .contains(raisedIn, "gojack.java(" + target + ")")
                    .doesNotContain("AFTER PANIC", "RECOVERED ABOVE", "RESULT", "JVM STILL RUNNING");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
