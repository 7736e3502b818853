package dev.gojack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Go panic raised inside the original body {@code GoCall.callOriginal()} runs is not contained in this version
 * (as a panic in a reentrant export call): unrecovered, it ends the process with Go's panic message, whose
 * traceback names both of GoJack's frames — never a silent return into the body. Runs in a child JVM.
 */
@Tag("core")
class GoCallOriginalPanicTest {
    @Test
    void aPanicInTheOriginalEndsTheProcessNamingGoJacksFrames() throws Exception {
        Path log = Files.createTempFile("gojack-panic", ".log");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), OriginalPanicInChildJvm.class.getName(),
                    Fixtures.library("answers").toString()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            // 134: Go ends a c-shared host with SIGABRT after printing the panic (2 would be a Go program).
            assertThat(child.exitValue()).as("exit code; output:%n%s", output).isIn(2, 134);
            assertThat(output).contains("BODY", "panic: boom in the original", "main.trace", "gojack.original(main.trace)", "gojack.java(main.trace)",
                    "main.CallTrace").doesNotContain("AFTER PANIC", "RESULT");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
