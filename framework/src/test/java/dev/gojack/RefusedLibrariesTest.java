package dev.gojack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Files that cannot work as a loaded Go library are refused before the dynamic linker sees them, naming the
 * reason and the fix. No Go runtime is started in this JVM. (Before: a Go executable failed with jnr-ffi's
 * "lib/…/goexe.so: cannot open shared object file"; a -race library ended the JVM with exit code 66 while
 * loading, so that case runs in a child JVM.)
 */
class RefusedLibrariesTest {
    static Path fixture(String relative) throws IOException {
        Path p = Fixtures.dir().resolve(relative);
        assertThat(p).as("fixture (run make fixtures)").isRegularFile();
        return p.toRealPath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exe/goexe", "exe/goexe-pie"})
    void aGoExecutableIsRefusedAsNotACSharedLibrary(String file) throws IOException {
        Path exe = fixture(file);
        RefusedLibraryException e = catchThrowableOfType(RefusedLibraryException.class, () -> GoLibrary.load(exe));
        assertThat(e).isNotNull().isInstanceOf(LibraryLoadException.class);
        assertThat(e.reason()).isEqualTo(RefusedLibraryException.Reason.EXECUTABLE);
        assertThat(e.getMessage()).contains(exe.toString(), "this is a Go executable, not a c-shared library",
                "no exports", "build it with -buildmode=c-shared");
        assertThat(e.getMessage()).contains(file.endsWith("pie") ? "position-independent executable" : "ELF type EXEC");
        assertThat(GoLibrary.loadedLibraries()).isEmpty();
    }

    @Test
    void aRaceBuildIsReadableWithoutLoadingIt() throws IOException {
        GoBinary race = GoBinary.open(fixture("race/libracy.so"));
        assertThat(race.buildSettings()).containsEntry("-race", "true");
        assertThat(race.findFunction("runtime.racecallbackthunk")).isPresent();
    }

    @Test
    void aRaceBuildIsRefusedBeforeItIsLoaded() throws Exception {
        Path race = fixture("race/libracy.so");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadInChildJvm.class.getName(),
                race.toString()));
        Path log = Files.createTempFile("gojack-race", ".log");
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
            assertThat(output).contains("REFUSED RACE_DETECTOR", race.toString(), "race detector", "-race=true",
                    "code 66", "without -race");
        } finally {
            deleteQuietly(log);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
