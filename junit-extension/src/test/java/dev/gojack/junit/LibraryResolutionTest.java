package dev.gojack.junit;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where {@code @GoJackTest(library = ...)} finds the library: as a path relative to the working directory, by
 * bare name on gojack.library.path, on the classpath — and the message listing every place tried when it is
 * nowhere. Every way leads to the same file, libcalls.so (noinline), loaded first: the links below point at it.
 */
class LibraryResolutionTest {
    private static final String SEARCH_PATH = "gojack.library.path";
    private static final Path WORKING_DIRECTORY = Path.of(System.getProperty("user.dir"));
    private static Path fixture;
    private static Path scratch;

    @BeforeAll
    static void linkTheFixture() throws IOException {
        fixture = Fixtures.library("calls");
        GoLibrary.load(fixture);
        Path byPath = WORKING_DIRECTORY.resolve("target/gojack-resolution/by-path/libcalls.so");
        Files.createDirectories(byPath.getParent());
        Files.deleteIfExists(byPath);
        Files.createSymbolicLink(byPath, fixture);
        scratch = Files.createTempDirectory("gojack-resolution-");
        Files.createDirectories(scratch.resolve("classpath"));
        Files.createSymbolicLink(scratch.resolve("classpath/libcalls.so"), fixture);
        Files.createDirectories(scratch.resolve("empty"));
    }

    @AfterAll
    static void removeTheLinks() throws IOException {
        Files.deleteIfExists(scratch.resolve("classpath/libcalls.so"));
        Files.deleteIfExists(scratch.resolve("classpath"));
        Files.deleteIfExists(scratch.resolve("empty"));
        Files.deleteIfExists(scratch);
    }

    @Test
    void aPathIsResolvedAgainstTheWorkingDirectory() {
        EngineExecutionResults results = TestKit.run(ByPathCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("loaded " + fixture);
    }

    @Test
    void aBareNameIsFoundOnTheSearchPath() {
        String searchPath = scratch.resolve("empty") + File.pathSeparator + fixture.getParent();
        EngineExecutionResults results = TemporaryProperty.with(SEARCH_PATH, searchPath,
                () -> TestKit.run(BySearchPathCase.class));

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("loaded " + fixture);
    }

    @Test
    void aBareNameIsFoundOnTheClasspath() throws IOException {
        EngineExecutionResults results = withClasspath(scratch.resolve("classpath"),
                () -> TestKit.run(ByClasspathCase.class));

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("loaded " + fixture);
    }

    @Test
    void aMissingLibraryFailsTheClassListingEveryPlaceTried() {
        Path a = scratch.resolve("empty");
        Path b = scratch.resolve("classpath");
        EngineExecutionResults results = TemporaryProperty.with(SEARCH_PATH, a + File.pathSeparator + b,
                () -> TestKit.run(NotFoundCase.class));

        TestKit.assertTests(results, s -> s.started(0));
        assertThat(TestKit.containerFailureOf(results, NotFoundCase.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(String.join("\n", List.of(
                        "@GoJackTest(library = \"nothere\") on class " + NotFoundCase.class.getName()
                                + ": cannot find the Go library \"nothere\". Looked in:",
                        "  " + WORKING_DIRECTORY.resolve("nothere") + " (as a path)",
                        "  " + a.resolve("nothere") + " (gojack.library.path)",
                        "  " + a.resolve("libnothere.so") + " (gojack.library.path)",
                        "  " + a.resolve("nothere.so") + " (gojack.library.path)",
                        "  " + b.resolve("nothere") + " (gojack.library.path)",
                        "  " + b.resolve("libnothere.so") + " (gojack.library.path)",
                        "  " + b.resolve("nothere.so") + " (gojack.library.path)",
                        "  classpath:nothere",
                        "  classpath:libnothere.so",
                        "  classpath:nothere.so",
                        "Give a path relative to the working directory (" + WORKING_DIRECTORY + "), put the library on"
                                + " the classpath, or name its directory in -Dgojack.library.path=DIR"
                                + File.pathSeparator + "....")));
    }

    @Test
    void aMissingPathSaysTheSearchPathIsNotSet() {
        EngineExecutionResults results = TemporaryProperty.with(SEARCH_PATH, null,
                () -> TestKit.run(MissingPathCase.class));

        assertThat(TestKit.containerFailureOf(results, MissingPathCase.class))
                .hasMessage(String.join("\n", List.of(
                        "@GoJackTest(library = \"no/such/libcalls.so\") on class " + MissingPathCase.class.getName()
                                + ": cannot find the Go library \"no/such/libcalls.so\". Looked in:",
                        "  " + WORKING_DIRECTORY.resolve("no/such/libcalls.so") + " (as a path)",
                        "  classpath:no/such/libcalls.so",
                        "Give a path relative to the working directory (" + WORKING_DIRECTORY + "), put the library on"
                                + " the classpath, or name its directory in -Dgojack.library.path=DIR (it is not "
                                + "set).")));
    }

    @Test
    void aSecondGoLibraryInTheSameJvmFailsTheClassWithGoJacksReason() {
        Path clock = Fixtures.library("clock");
        String reason = catchThrowable(() -> GoLibrary.load(clock)).getMessage();

        EngineExecutionResults results = TestKit.run(SecondLibraryCase.class);

        assertThat(TestKit.containerFailureOf(results, SecondLibraryCase.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@GoJackTest(library = \"clock\") on class " + SecondLibraryCase.class.getName() + ": "
                        + reason);
        assertThat(reason).startsWith("Refusing to load " + clock + ": this JVM already runs the Go library "
                + fixture);
    }

    /** Runs {@code run} with {@code directory} on the context class loader and no search path. */
    static <T> T withClasspath(Path directory, Supplier<T> run) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{directory.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return TemporaryProperty.with(SEARCH_PATH, null, run);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    @GoJackTest(library = "target/gojack-resolution/by-path/libcalls.so")
    static class ByPathCase {
        @Test
        void loaded(GoLibrary library) {
            Journal.record("loaded " + library.path());
        }
    }

    @GoJackTest(library = "calls")
    static class BySearchPathCase {
        @Test
        void loaded(GoLibrary library) {
            Journal.record("loaded " + library.path());
        }
    }

    @GoJackTest(library = "libcalls.so")
    static class ByClasspathCase {
        @Test
        void loaded(GoLibrary library) {
            Journal.record("loaded " + library.path());
        }
    }

    @GoJackTest(library = "clock")
    static class SecondLibraryCase {
        @Test
        void neverRuns() {
        }
    }

    @GoJackTest(library = "nothere")
    static class NotFoundCase {
        @Test
        void neverRuns() {
        }
    }

    @GoJackTest(library = "no/such/libcalls.so")
    static class MissingPathCase {
        @Test
        void neverRuns() {
        }
    }
}
