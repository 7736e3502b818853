package dev.gojack.fuzz;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz seeds are only worth something if every parser gets all the way through them: each synthetic
 * layout opens as a GoBinary with its five functions, their sizes and frames, the inline tree and (unstripped)
 * the variable.
 */
class SyntheticGoElfTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "go1.22.5, true, .gopclntab, false",
        "go1.22.5, false, .data.rel.ro, false",
        "go1.19.13, true, .data.rel.ro, false",
        "go1.19.13, false, .gopclntab, false",
        "go1.26.0, false, .gopclntab, true",
        "go1.26.0, true, .data.rel.ro, true",
    })
    void everyParserReadsTheSyntheticLibrary(String version, boolean symtab, String section, boolean zeroText)
            throws IOException {
        Path file = dir.resolve("synthetic.so");
        Files.write(file, SyntheticGoElf.of(version, symtab, section, zeroText));

        GoBinary binary = GoBinary.open(file);

        assertThat(binary.goVersion()).isEqualTo(version);
        assertThat(binary.modulePath()).isEqualTo("example.com/synthetic");
        assertThat(binary.inliningDisabled()).isTrue();
        assertThat(binary.isStripped()).isEqualTo(!symtab);
        assertThat(binary.functions()).extracting(GoFunction::name).containsExactlyElementsOf(SyntheticGoElf.FUNCTIONS);
        GoFunction add = binary.function("main.add");
        assertThat(add.size()).isEqualTo(SyntheticGoElf.CODE_SIZE);
        assertThat(add.frameSize()).isEqualTo(SyntheticGoElf.FRAME_SIZE);
        assertThat(add.argsSize()).isEqualTo(24);
        assertThat(binary.inlinedInto(SyntheticGoElf.INLINED)).containsExactly(SyntheticGoElf.INLINED_INTO);
        assertThat(binary.findVariable(SyntheticGoElf.VARIABLE).isPresent()).isEqualTo(symtab);
    }
}
