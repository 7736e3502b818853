package dev.gojack.cli;

import dev.gojack.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gojack inspect} reads a library without loading it and prints what GoJack sees. */
@Tag("core")
class GoJackCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GoJackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inspectPrintsVersionSettingsCountsInliningWarningsAndMatchingFunctions() {
        Path lib = Fixtures.library(Fixtures.DEFAULT, "calls");
        assertThat(run("inspect", lib.toString(), "--functions", "^main\\.(add|tiny)$", "--inlined", "main.tiny")).isZero();
        assertThat(out())
                .containsPattern("go version\\s+go1\\.\\d+")
                .contains("-buildmode=c-shared")
                .containsPattern("inlining disabled\\s+no")
                .contains("! main.tiny")
                .contains("main.tiny was inlined into")
                .containsPattern("0x[0-9a-f]{16}\\s+\\d+\\s+main\\.add  func\\(a int, b int\\) int\\n")
                .containsPattern("main\\.tiny  func\\(x int\\) int\\s+\\(inlined into \\d+\\)");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void inspectOfAStrippedLibrarySaysVariablesCannotBeNamed() {
        assertThat(run("inspect", Fixtures.library(Fixtures.STRIPPED, "vars").toString())).isZero();
        assertThat(out()).contains("stripped           yes").containsPattern("variables\\s+0")
                .containsPattern("inlining disabled\\s+yes");
    }

    @Test
    void inspectListsVariablesWithTheirSizes() {
        assertThat(run("inspect", Fixtures.library("vars").toString(), "--variables", "^main\\.(counter|greeting)$")).isZero();
        assertThat(out()).containsPattern("\\s8\\s+main\\.counter").containsPattern("\\s16\\s+main\\.greeting");
    }

    @Test
    void inspectListsTypesFoundWithoutSymbols() {
        assertThat(run("inspect", Fixtures.library(Fixtures.STRIPPED, "morph").toString(), "--types", "main\\.(memStore|diskStore)$")).isZero();
        assertThat(out()).containsPattern("\\s24\\s+8\\s+struct\\s+main\\.memStore")
                .containsPattern("\\s8\\s+8\\s+pointer\\s+\\*main\\.memStore");
    }

    @Test
    void jsonOutputCarriesTheSameFacts() {
        assertThat(run("inspect", Fixtures.library("calls").toString(), "--functions", "^main\\.add$", "--json")).isZero();
        String json = out();
        assertThat(json).startsWith("{").endsWith("}\n")
                .contains("\"inliningDisabled\":true")
                .contains("\"name\":\"main.add\"")
                .containsPattern("\"functionCount\":\\d{4,}")
                .contains("\"buildSettings\":{");
    }

    @Test
    void aFileThatIsNotAGoLibraryIsAClearErrorWithExitCode1(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path notElf = Files.writeString(tmp.resolve("notes.so"), "hello");
        assertThat(run("inspect", notElf.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("notes.so").contains("not an ELF file");
    }

    @Test
    void badUsageIsExitCode2WithUsage() {
        assertThat(run("inspect")).isEqualTo(2);
        assertThat(run("inspect", "x.so", "--functions", "(")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: gojack inspect").contains("bad regular expression");
    }
}
