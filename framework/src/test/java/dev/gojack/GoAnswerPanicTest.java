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
 * A Go panic raised inside a call a Java body makes back into the library (issue 19) is not contained in this
 * version: unrecovered, it ends the process with Go's panic message, whose traceback names GoJack's frame — never
 * a silent return into the body. (Recovered by Go code above the answered function, it would abandon the JVM's
 * frames; README "Go calls Java" says so.) Runs in a child JVM, since the process ends.
 */
@Tag("core")
class GoAnswerPanicTest {
    @Test
    void aPanicInAReentrantCallEndsTheProcessNamingGoJacksFrame() throws Exception {
        Path log = Files.createTempFile("gojack-panic", ".log");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), AnswerPanicInChildJvm.class.getName(),
                    Fixtures.library("answers").toString()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            // 134: Go ends a c-shared host with SIGABRT after printing the panic (2 would be a Go program).
            assertThat(child.exitValue()).as("exit code; output:%n%s", output).isIn(2, 134);
            assertThat(output).contains("BODY", "panic: boom from Go", "main.Panic", "gojack.java(main.price)",
                    "main.CallPrice").doesNotContain("AFTER PANIC", "RESULT");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
