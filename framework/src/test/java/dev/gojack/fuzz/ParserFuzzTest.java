package dev.gojack.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.golang.BuildInfo;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.Pclntab;
import dev.gojack.internal.golang.TypeIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fuzz tests of every parser of untrusted bytes (issue 9). The property: only GoJack's own exceptions escape
 * (MalformedInputException, NotElfException, UnsupportedElfException from the internal parsers; GoJackException
 * subclasses from GoBinary.open); no other exception, no error, no hang.
 *
 * <p>In every {@code mvn test} they run in Jazzer's regression mode over their corpus,
 * {@code src/test/resources/dev/gojack/fuzz/ParserFuzzTestInputs/<method>/} (seeds from {@link SeedCorpus},
 * plus every crashing input fuzzing found). {@code make fuzz} fuzzes each method for real
 * ({@code JAZZER_FUZZ=1}, one method per JVM, with libFuzzer's per-input {@code -timeout=10}: a slower input is
 * reported as a hang). They share one class so that {@code make test} pays Jazzer's agent start-up once. (No JUnit
 * {@code @Timeout} here: Jazzer would turn it into the per-input timeout, but JUnit would also apply it to the
 * whole fuzzing run.)
 */
class ParserFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("gojack-fuzz");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The ELF reader: header, section and program headers, symbol tables, relocations, address translation. */
    @FuzzTest(maxDuration = "60s")
    void elf(byte[] input) {
        Parsers.internal(() -> Parsers.elf(input));
    }

    /** {@code .go.buildinfo}, by section name or by scanning for its magic. */
    @FuzzTest(maxDuration = "60s")
    void buildInfo(byte[] input) {
        Parsers.internal(() -> BuildInfo.read(ElfFile.of(input)).ifPresent(b -> {
            b.goVersion().isKnown();
            b.goVersion().atLeast(21);
            b.inliningDisabled();
            b.modulePath();
            b.settings();
        }));
    }

    /**
     * The pclntab, found by symbol, section or magic scan; every function record; the pcsp table and the
     * PCDATA/FUNCDATA slots of the first functions.
     */
    @FuzzTest(maxDuration = "60s")
    void pclntab(byte[] input) {
        Parsers.internal(() -> Parsers.pclntab(ElfFile.of(input)));
    }

    /** moduledata (by symbol, relocation or scan) and every function's inline tree. */
    @FuzzTest(maxDuration = "60s")
    void inlineTrees(byte[] input) {
        Parsers.internal(() -> {
            ElfFile elf = ElfFile.of(input);
            Parsers.pclntab(elf).ifPresent(p -> Parsers.inlineTrees(elf, p, Parsers.version(elf)));
        });
    }

    /**
     * DWARF ({@code .debug_info}, {@code .debug_abbrev}, plain or zlib-compressed): every function's parameters,
     * results and types, and their register assignment.
     */
    @FuzzTest(maxDuration = "60s")
    void dwarf(byte[] input) {
        Parsers.internal(() -> Parsers.dwarf(ElfFile.of(input)));
    }

    /**
     * The realistic path: the bytes as a file, {@code GoBinary.open}, and every question a GoBinary answers. A
     * GoJackException that wraps a non-GoJack RuntimeException (GoBinary's last-resort wrapping) counts as a
     * finding: its cause is rethrown.
     */
    @FuzzTest(maxDuration = "60s")
    void goBinaryOpen(byte[] input) {
        Parsers.goBinary(input, dir);
    }

    /**
     * A real fixture library with a few corruptions in its parsed structures (see {@link LibraryMutations}),
     * through every internal parser, the type index (type names) included.
     */
    @FuzzTest(maxDuration = "60s")
    void mutatedLibrary(FuzzedDataProvider data) {
        byte[] file = LibraryMutations.mutate(data);
        Parsers.internal(() -> {
            ElfFile elf = Parsers.elf(file);
            GoVersion version = Parsers.version(elf);
            Optional<Pclntab> pclntab = Parsers.pclntab(elf);
            if (pclntab.isEmpty()) {
                return;
            }
            Pclntab p = pclntab.get();
            p.functions().forEach(p::codeEndAndFrameSize); // GoBinary.functions() does this for every function
            Optional<ModuleData> md = ModuleData.find(elf, p, version);
            Parsers.dwarfLookups(elf);
            if (md.isPresent()) {
                Parsers.inlineTrees(elf, p, version);
                TypeIndex types = TypeIndex.build(elf, md.get(), version);
                types.names();
                types.itabs();
                types.lookup("*main.Counter");
                types.lookup("example.com/x.T");
            }
        });
    }
}
