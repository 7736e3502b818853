package dev.gojack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a Go library loaded, a bad second file is reported for what it is (missing, a directory, not Go), not as
 * "two Go runtimes"; and LOCAL_ZONE on a library without time.Local says so instead of calling it stripped.
 */
@Tag("core")
class LoadErrorsAfterAGoLibraryTest {
    static GoLibrary library;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("calls"));
    }

    @Test
    void aMissingFileIsReportedAsMissing(@TempDir Path tmp) {
        Path missing = tmp.resolve("libnothere.so");
        assertThatThrownBy(() -> GoLibrary.load(missing))
                .isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining("libnothere.so").hasMessageContaining("no such file")
                .hasMessageNotContaining("two Go runtimes");
    }

    @Test
    void aDirectoryIsReportedAsADirectory(@TempDir Path tmp) {
        assertThatThrownBy(() -> GoLibrary.load(tmp))
                .isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("a directory")
                .hasMessageNotContaining("two Go runtimes");
    }

    @Test
    void aSharedLibraryNotBuiltByGoIsReportedAsNotGo() throws IOException {
        Path libc = Files.list(Path.of("/lib/x86_64-linux-gnu")).filter(p -> p.getFileName().toString()
                .equals("libc.so.6")).findFirst().orElseThrow();
        assertThatThrownBy(() -> GoLibrary.load(libc))
                .isInstanceOf(InvalidLibraryException.class)
                .hasMessageContaining("no Go build information").hasMessageNotContaining("two Go runtimes");
        assertThat(GoLibrary.loadedLibraries()).containsExactly(library);
    }

    @Test
    void localZoneOnALibraryWithoutTimeLocalSaysSoInsteadOfCallingItStripped() {
        assertThat(library.binary().isStripped()).isFalse();
        assertThat(library.binary().findVariable("time.Local")).isEmpty();
        assertThatThrownBy(() -> library.fakeClock(Instant.EPOCH, FakeClockOption.LOCAL_ZONE))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("time.Local").hasMessageContaining("not stripped")
                .hasMessageNotContaining("this library is stripped");
        assertThat(library.openPatches()).isEmpty();
    }
}
