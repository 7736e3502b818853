package dev.gojack.junit;

import dev.gojack.CallsLibrary;
import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library found inside a jar on the classpath is extracted to a temporary file once per JVM, and that file is
 * what GoJack loads. This class runs in its own JVM, where the extracted copy of libcalls.so (noinline) is the
 * only Go library.
 */
class JarLibraryResolutionTest {
    private static Path jar;

    @BeforeAll
    static void packTheLibraryIntoAJar() throws IOException {
        Path dir = Files.createTempDirectory("gojack-jar-");
        jar = dir.resolve("natives.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("libcalls.so"));
            Files.copy(Fixtures.library("calls"), jarOut);
            jarOut.closeEntry();
        }
        jar.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
    }

    @Test
    void theLibraryIsExtractedOnceAndLoadedFromTheTemporaryFile() throws IOException {
        EngineExecutionResults first = LibraryResolutionTest.withClasspath(jar, () -> TestKit.run(FromJarCase.class));
        TestKit.assertTests(first, s -> s.started(1).succeeded(1));
        String firstRun = Journal.entries().get(0);

        EngineExecutionResults second = LibraryResolutionTest.withClasspath(jar, () -> TestKit.run(FromJarCase.class));
        TestKit.assertTests(second, s -> s.started(1).succeeded(1));
        String secondRun = Journal.entries().get(0);

        assertThat(secondRun).isEqualTo(firstRun);
        Path extracted = Path.of(firstRun.substring(firstRun.indexOf(' ') + 1, firstRun.indexOf(" add=")));
        assertThat(extracted.getFileName()).hasToString("libcalls.so");
        assertThat(extracted.getParent().getFileName().toString()).startsWith("gojack-");
        assertThat(extracted).hasSameBinaryContentAs(Fixtures.library("calls"));
        assertThat(firstRun).endsWith(" add=203");
    }

    // ---------------------------------------------------------------- fixture, run only through TestKit

    @GoJackTest(library = "calls")
    static class FromJarCase {
        @Test
        @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
        void loaded(GoLibrary library, CallsLibrary calls) {
            Journal.record("loaded " + library.path() + " add=" + calls.CallAddDirect(2, 3));
        }
    }
}
