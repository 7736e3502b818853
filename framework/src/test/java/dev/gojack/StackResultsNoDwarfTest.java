package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.gojack.GoValue.array;
import static dev.gojack.GoValue.byteArray;
import static dev.gojack.GoValue.bytes;
import static dev.gojack.GoValue.error;
import static dev.gojack.GoValue.int64;
import static dev.gojack.GoValue.int8;
import static dev.gojack.GoValue.nilInterface;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18 item 5 without DWARF (sigs built with -ldflags=-w): values that fit the registers are placed as their
 * own types say; results on the stack need a declared signature, as only the parameters say where their slots
 * are (core: also on the Go 1.21 build).
 */
@Tag("core")
class StackResultsNoDwarfTest {
    static GoLibrary library;
    static SigsResultsLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("nodwarf", "sigs"));
        go = Fixtures.bind(SigsResultsLibrary.class, library);
    }

    @AfterEach
    void nothingStaysPatched() {
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void registerResultsNeedNoSignature() {
        try (StubPatch p = library.stubReturn("main.Payload", bytes(new byte[] {9}), error("no dwarf"))) {
            assertThat(go.SeePayload()).isEqualTo("09 len=1 cap=1 \"no dwarf\" written=f6 appended=f642");
            assertThat(p.describe()).contains("(unchecked: no signature)");
        }
    }

    @Test
    void stackResultsAreRefusedUntilASignatureIsDeclared() {
        assertThatThrownBy(() -> library.stubReturn("main.Shifted", array(int64(3), int64(4)), int8((byte) 1)))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.Shifted").hasMessageContaining("on the stack")
                .hasMessageContaining("GoLibrary.declareSignature(\"main.Shifted\"");
        library.declareSignature("main.Shifted", "func(a [2]int, b int) ([2]int, int8)");
        try (Patch p = library.stubReturn("main.Shifted", array(int64(3), int64(4)), int8((byte) 1))) {
            assertThat(go.SeeShifted(0)).isEqualTo("[3 4] 1");
            assertThat(p.describe()).doesNotContain("unchecked");
        }
        library.declareSignature("main.NewRandom", "func() ([16]uint8, error)");
        try (Patch p = library.stubReturn("main.NewRandom", byteArray(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                12, 13, 14, 15, 16}), nilInterface())) {
            assertThat(go.SeeNewRandom()).isEqualTo("0102030405060708090a0b0c0d0e0f10 <nil> is=true eof=false same=true");
        }
    }
}
