package dev.gojack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GoJack prints no JVM warning and uses no {@code sun.misc.Unsafe} memory access: a fresh JVM of this JDK runs
 * {@link JdkWarningsProbe} with only the flag GoJack documents ({@code --enable-native-access=ALL-UNNAMED} on JDK
 * 22+), and from JDK 23 with {@code --sun-misc-unsafe-memory-access=deny}, which turns any such access into an
 * exception. jffi, jnr-ffi's native backend, reads and writes memory through {@code sun.misc.Unsafe} unless told
 * otherwise; that is jffi's code, not GoJack's, so the probe tells it to use its JNI path
 * ({@code -Djffi.unsafe.disabled=true}).
 */
class JdkWarningsTest {
    private static final int JDK = Runtime.version().feature();

    @Test
    void aJvmUsingGoJackPrintsNoWarningEvenWithUnsafeMemoryAccessDenied() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (JDK >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (JDK >= 23) {
            command.add("--sun-misc-unsafe-memory-access=deny");
        }
        command.add("-Djffi.unsafe.disabled=true");
        command.add("-Dgojack.fixtures.dir=" + Fixtures.dir());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JdkWarningsProbe.class.getName());

        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        probe.getOutputStream().close();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(2, TimeUnit.MINUTES)).as("probe finished").isTrue();

        assertThat(probe.exitValue()).as("exit status; output:%n%s", output).isZero();
        assertThat(output.lines()).as("output of %s", command).containsExactly("probe ok");
    }
}
