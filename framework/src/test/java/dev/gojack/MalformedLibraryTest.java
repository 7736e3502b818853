package dev.gojack;

import dev.gojack.fuzz.SyntheticGoElf;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.MalformedInputException;
import dev.gojack.internal.elf.NotElfException;
import dev.gojack.internal.elf.UnsupportedElfException;
import dev.gojack.internal.golang.Pclntab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Corrupted files given to {@link GoBinary#open}: each is refused with the specific GoJack exception and a message
 * that names the file and the reason; none crashes the JVM, escapes as another exception type, or hangs (every
 * case runs under a preemptive timeout). Nothing is loaded into the process.
 */
@Tag("core")
class MalformedLibraryTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] fixture(String variant) throws IOException {
        return Files.readAllBytes(Fixtures.library(variant, "calls"));
    }

    /** Opens {@code file} and returns what it threw (failing if it opened, or threw anything but GoJack's). */
    private static GoJackException refusal(Path file) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                GoBinary.open(file);
            } catch (GoJackException e) {
                assertThat(e.getMessage()).contains(file.toAbsolutePath().normalize().toString());
                return e;
            }
            return fail("GoBinary.open(" + file + ") accepted the file");
        });
    }

    @Test
    void aTextFileIsNotAnElfFile() throws IOException {
        Path file = write("notes.so", "hello, I am not a library\n".repeat(10).getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(file)).isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining("not an ELF file").hasMessageContaining("magic");
    }

    @Test
    void anEmptyFileIsNotAnElfFile() throws IOException {
        assertThat(refusal(write("empty.so", new byte[0]))).isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining("not an ELF file");
    }

    @Test
    void aMissingFileOrADirectoryIsNamed() {
        assertThat(refusal(dir.resolve("missing.so"))).isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining("no such file");
        assertThat(refusal(dir)).isInstanceOf(InvalidLibraryException.class).hasMessageContaining("a directory");
    }

    @ParameterizedTest(name = "truncated to {0} bytes")
    @ValueSource(ints = {1, 4, 16, 63, 64, 65, 100, 512, 4096, 65536, 1 << 20, -4096, -64, -1})
    void aTruncatedLibraryIsRefusedAsTruncated(int length) throws IOException {
        byte[] whole = fixture(Fixtures.NOINLINE);
        int keep = length > 0 ? length : whole.length + length;
        Path file = write("truncated-" + keep + ".so", java.util.Arrays.copyOf(whole, keep));
        GoJackException e = refusal(file);
        assertThat(e).isInstanceOf(InvalidLibraryException.class);
        if (keep < 64) {
            assertThat(e).hasMessageContaining("not an ELF file");
        } else {
            assertThat(e).hasMessageContaining("truncated or corrupt").hasMessageContaining("outside the file");
        }
    }

    @Test
    void a32BitElfIsUnsupported() throws IOException {
        byte[] b = fixture(Fixtures.NOINLINE);
        b[4] = 1; // EI_CLASS = ELFCLASS32
        assertThat(refusal(write("elf32.so", b))).isInstanceOf(UnsupportedLibraryException.class)
                .hasMessageContaining("32-bit");
    }

    @Test
    void aBigEndianElfIsUnsupported() throws IOException {
        byte[] b = fixture(Fixtures.NOINLINE);
        b[5] = 2; // EI_DATA = ELFDATA2MSB
        assertThat(refusal(write("big-endian.so", b))).isInstanceOf(UnsupportedLibraryException.class)
                .hasMessageContaining("big-endian");
    }

    @Test
    void anElfForAnotherMachineIsUnsupported() throws IOException {
        byte[] b = fixture(Fixtures.NOINLINE);
        b[18] = 40; // e_machine = EM_ARM
        b[19] = 0;
        assertThat(refusal(write("arm.so", b))).isInstanceOf(UnsupportedLibraryException.class)
                .hasMessageContaining("machine 40").hasMessageContaining("x86-64");
    }

    @Test
    void anElfLibraryNotBuiltByGoIsNamedAsSuch() throws IOException {
        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        Path file = write("libjava.so", Files.readAllBytes(libjava));
        assertThat(refusal(file)).isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining("no Go build information").hasMessageContaining("not built by Go");
    }

    @Test
    void aLibraryOfAGoOlderThan118IsUnsupported() throws IOException {
        byte[] b = fixture(Fixtures.NOINLINE);
        String version = GoBinary.open(Fixtures.library(Fixtures.NOINLINE, "calls")).goVersion();
        String old = "go1.16." + "9".repeat(Math.max(1, version.length() - "go1.16.".length()));
        assertThat(old).hasSameSizeAs(version);
        int buildinfo = (int) ElfFile.of(b).section(".go.buildinfo").orElseThrow().offset();
        int at = indexOf(b, version.getBytes(StandardCharsets.ISO_8859_1), buildinfo);
        System.arraycopy(old.getBytes(StandardCharsets.ISO_8859_1), 0, b, at, old.length());
        assertThat(refusal(write("go116.so", b))).isInstanceOf(UnsupportedLibraryException.class)
                .hasMessageContaining("built by " + old).hasMessageContaining("1.18 or newer");
    }

    /** Found by review, confirmed by the buildInfo fuzz target: a version number too big for an int. */
    @Test
    void aGoVersionWithAnAbsurdNumberDoesNotEscapeAsNumberFormatException() throws IOException {
        Path file = write("absurd-version.so", SyntheticGoElf.of("go1.99999999999", true, ".gopclntab", false));
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                GoBinary.open(file).functions();
            } catch (GoJackException e) {
                assertThat(e.getCause()).isNotInstanceOf(NumberFormatException.class);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Fixtures.DEFAULT, Fixtures.STRIPPED})
    void aLibraryWhosePclntabMagicIsStompedIsRefused(String variant) throws IOException {
        byte[] b = fixture(variant);
        ElfFile elf = ElfFile.of(b);
        long header = elf.fileOffset(Pclntab.find(elf).orElseThrow().headerAddress());
        for (int i = 0; i < 4; i++) {
            b[(int) header + i] = 0;
        }
        GoJackException e = refusal(write("stomped-" + variant + ".so", b));
        assertThat(e).isInstanceOf(InvalidLibraryException.class);
        // Found by name (.gopclntab, runtime.pclntab): the magic is wrong. Found by scanning: there is none.
        assertThat(e.getMessage()).containsAnyOf("unsupported pclntab magic 0x0", "no function table (pclntab)");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void randomByteFlipsInTheParsedStructuresAreRefusedOrRead(int seed) throws IOException {
        byte[] b = fixture(seed % 2 == 0 ? Fixtures.DEFAULT : Fixtures.STRIPPED);
        ElfFile elf = ElfFile.of(b);
        long pclntab = elf.fileOffset(Pclntab.find(elf).orElseThrow().headerAddress());
        long sectionHeaders = elf.bytes().u64(0x28);
        long[][] regions = {{0, 64}, {sectionHeaders, b.length - sectionHeaders}, {pclntab, 1 << 16}};
        Random random = new Random(seed);
        for (int i = 0; i < 8; i++) {
            long[] r = regions[random.nextInt(regions.length)];
            int at = (int) (r[0] + random.nextInt((int) Math.min(r[1], b.length - r[0])));
            b[at] ^= (byte) (1 << random.nextInt(8));
        }
        Path file = write("flipped-" + seed + ".so", b);
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                GoBinary binary = GoBinary.open(file);
                binary.functions();
                binary.variables();
                binary.inlinedFunctions();
            } catch (GoJackException e) {
                assertThat(e.getMessage()).contains(file.toString());
                for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                    assertThat(c).as("cause of " + e.getMessage())
                            .isInstanceOfAny(GoJackException.class, MalformedInputException.class,
                                    NotElfException.class, UnsupportedElfException.class, IOException.class);
                }
            }
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
