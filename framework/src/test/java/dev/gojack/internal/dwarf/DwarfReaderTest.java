package dev.gojack.internal.dwarf;

import dev.gojack.fuzz.SyntheticDwarfElf;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DWARF reader on hand-built Go-shaped DWARF (the fuzz seeds): forms of DWARF 4 and 5, zlib, bounds. */
class DwarfReaderTest {

    @ParameterizedTest(name = "DWARF {0}, compressed {1}")
    @CsvSource({"4, false", "5, false", "4, true", "5, true"})
    void functionsParametersResultsAndTypesAreRead(int version, boolean compressed) {
        DwarfReader r = DwarfReader.open(ElfFile.of(SyntheticDwarfElf.of(version, compressed))).orElseThrow();
        assertThat(r.functionNames()).containsExactlyInAnyOrder("main.F", "main.G");
        FunctionInfo f = r.function("main.F", 0x1000).orElseThrow();
        assertThat(f.parameters()).extracting(p -> p.name() + " " + p.type().name())
                .containsExactly("a int", "s string", "m map[string]int");
        assertThat(f.results()).extracting(p -> p.type().name()).containsExactly("int", "main.Money");
        assertThat(f.results()).extracting(Parameter::name).containsExactly("", "");
        assertThat(f.results().get(1).type().kind()).isEqualTo(TypeKind.INT64);
        assertThat(f.parameters().get(1).type().kind()).isEqualTo(TypeKind.STRING);
        TypeInfo map = f.parameters().get(2).type();
        assertThat(map.kind()).isEqualTo(TypeKind.MAP);
        assertThat(map.key().name()).isEqualTo("string");
        assertThat(map.elem().name()).isEqualTo("int");

        // An out-of-line copy of an inlinable function: names and types come from its abstract origin.
        FunctionInfo g = r.function("main.G", 0).orElseThrow();
        assertThat(g.parameters()).extracting(p -> p.name() + " " + p.type().name()).containsExactly("p *main.Money");
        assertThat(g.parameters().get(0).type().elem().name()).isEqualTo("main.Money");
        TypeInfo array = g.results().get(0).type();
        assertThat(array.length()).isEqualTo(2);
        assertThat(array.size()).isEqualTo(16);
        assertThat(array.elem().name()).isEqualTo("int");
        assertThat(r.function("main.H", 0)).isEmpty();
    }

    @Test
    void aCompressedSectionIsInflatedOnlyAsFarAsItIsRead() {
        DwarfReader r = DwarfReader.open(ElfFile.of(SyntheticDwarfElf.of(5, true))).orElseThrow();
        assertThat(r.infoBytesRead()).isZero();
        r.function("main.F", 0x1000);
        assertThat(r.infoBytesRead()).isPositive();
    }

    @Test
    void aLibraryWithoutDwarfHasNoReader() {
        assertThat(DwarfReader.open(ElfFile.of(dev.gojack.fuzz.SyntheticGoElf.standard()))).isEmpty();
    }

    @Test
    void truncatedOrCorruptDwarfIsAMalformedInputError() {
        byte[] good = SyntheticDwarfElf.of(5, true);
        // Flip bytes inside the compressed .debug_info: zlib fails, or the entries do.
        for (int at = 200; at < good.length - 400; at += 37) {
            byte[] bad = Arrays.copyOf(good, good.length);
            bad[at] ^= 0x5a;
            try {
                DwarfReader.open(ElfFile.of(bad)).ifPresent(r -> r.functionNames().forEach(n -> r.function(n, 0)));
            } catch (MalformedInputException expected) {
                // the documented answer
            }
        }
        byte[] plain = SyntheticDwarfElf.of(4, false);
        byte[] cut = Arrays.copyOf(plain, plain.length);
        for (int i = 0x40; i < 0x60; i++) {
            cut[i] = (byte) 0xff; // the unit header now claims a length past the section
        }
        assertThatThrownBy(() -> DwarfReader.open(ElfFile.of(cut)).orElseThrow().functionNames())
                .isInstanceOf(MalformedInputException.class);
    }
}
