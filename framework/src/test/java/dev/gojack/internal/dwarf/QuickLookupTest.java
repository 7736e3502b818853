package dev.gojack.internal.dwarf;

import dev.gojack.Fixtures;
import dev.gojack.internal.elf.ElfFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function's entry found by searching its unit's bytes for its name (what makes a first signature cheap in a
 * fresh JVM) is the entry decoding the whole unit finds, for every function of real libraries; and the search
 * finds most of them (the others, out-of-line copies named through their abstract origin, are decoded).
 * Core: also on the Go 1.21 build.
 */
@Tag("core")
class QuickLookupTest {

    private static List<String> check(Path library) throws IOException {
        return DwarfReader.open(ElfFile.open(library)).orElseThrow().quickLookupCheck();
    }

    private static void agreesAndFindsMost(Path library) throws IOException {
        List<String> result = check(library);
        String[] counts = result.get(0).split(" of ");
        assertThat(result.subList(1, result.size())).as("entries found by name that decoding disagrees with").isEmpty();
        assertThat(Double.parseDouble(counts[0]) / Double.parseDouble(counts[1])).as(result.get(0)).isGreaterThan(0.8);
    }

    @Test
    void everyFunctionOfTheSigsFixtureIsFoundAtTheEntryDecodingFinds() throws IOException {
        agreesAndFindsMost(Fixtures.library(Fixtures.DEFAULT, "sigs"));
    }

    @Test
    void everyFunctionOfTheBenchmarkedWebServerToo() throws IOException {
        agreesAndFindsMost(Fixtures.library(Fixtures.DEFAULT, "bigweb"));
    }

    @Test
    void everyFunctionOfTheCallsFixtureWithoutInliningToo() throws IOException {
        agreesAndFindsMost(Fixtures.library(Fixtures.NOINLINE, "calls"));
    }
}
