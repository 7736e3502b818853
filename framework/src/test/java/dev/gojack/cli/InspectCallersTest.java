package dev.gojack.cli;

import dev.gojack.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inspect --functions} prints signatures; {@code --callers} lists direct callers (as go tool objdump) and inline sites. */
@Tag("core")
class InspectCallersTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String run(String... args) {
        assertThat(GoJackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The functions go tool objdump shows with a {@code CALL target(SB)}. */
    private static TreeSet<String> objdumpCallers(Path lib, String target) throws Exception {
        Process p = new ProcessBuilder("go", "tool", "objdump", lib.toString()).redirectErrorStream(true).start();
        TreeSet<String> callers = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String current = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("TEXT ")) {
                    current = line.substring(5, line.indexOf("(SB)"));
                    if (current.endsWith(".abi0")) {
                        current = current.substring(0, current.length() - 5); // the pclntab's name
                    }
                } else if (line.contains("CALL " + target + "(SB)")) {
                    callers.add(current);
                }
            }
        }
        assertThat(p.waitFor()).isZero();
        return callers;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"main.add", "main.sink", "runtime.morestack_noctxt.abi0", "runtime.newobject"})
    void directCallersAreTheFunctionsObjdumpShowsCallingIt(String target) throws Exception {
        Path lib = Fixtures.library(Fixtures.DEFAULT, target.equals("main.add") ? "calls" : "sigs");
        String text = run("inspect", lib.toString(), "--callers", target);
        // objdump also shows the C functions of cgo, which are not Go functions and not in the pclntab.
        java.util.Set<String> goFunctions = new java.util.HashSet<>();
        dev.gojack.GoBinary.open(lib).functionNames().forEach(n -> goFunctions.add(n.replace('\u00b7', '.')));
        TreeSet<String> expected = objdumpCallers(lib, target);
        expected.retainAll(goFunctions);
        assertThat(expected).isNotEmpty();
        List<String> listed = new ArrayList<>();
        boolean inList = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("  called directly by")) {
                inList = true;
            } else if (line.startsWith("  inlined into")) {
                inList = false;
            } else if (inList && line.startsWith("    ")) {
                listed.add(line.substring(4).replace('\u00b7', '.'));
            }
        }
        assertThat(text).contains("called directly by " + listed.size() + " function(s)");
        assertThat(new TreeSet<>(listed)).isEqualTo(expected);
    }

    @Test
    void inlineSitesAreListedToo() {
        String text = run("inspect", Fixtures.library(Fixtures.DEFAULT, "calls").toString(), "--callers", "main.tiny");
        assertThat(text).contains("main.tiny  func(x int) int").contains("called directly by 0 function(s)")
                .containsPattern("inlined into [1-9]\\d* function\\(s\\):\\n    _cgoexp_\\w+_CallTiny");
    }

    @Test
    void functionsArePrintedWithTheirSignaturesInTextAndJson() {
        Path lib = Fixtures.library(Fixtures.DEFAULT, "sigs");
        assertThat(run("inspect", lib.toString(), "--functions", "^main\\.(PlaceOrder|NewID)$"))
                .containsPattern("main\\.PlaceOrder  func\\(qty int, name string\\) \\(int, error\\)\\n")
                .containsPattern("main\\.NewID  func\\(\\) \\(\\[16\\]uint8, error\\)\\n");
        out.reset();
        assertThat(run("inspect", lib.toString(), "--functions", "^main\\.PlaceOrder$", "--json"))
                .contains("\"signature\":\"func(qty int, name string) (int, error)\"").contains("\"abi\":\"ABI_INTERNAL\"");
        out.reset();
        assertThat(run("inspect", Fixtures.library("nodwarf", "sigs").toString(), "--functions", "^main\\.PlaceOrder$",
                "--json")).contains("\"signature\":null");
    }
}
