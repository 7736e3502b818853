package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.gojack.GoValue.int64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18 item 4 without DWARF (sigs built with -ldflags=-w): the argument size check stays, patches say they are
 * unchecked, and a declared signature is checked like DWARF's (core: also on the Go 1.21 build).
 */
@Tag("core")
class SignatureCheckNoDwarfTest {
    static GoLibrary library;
    static SigsChecksLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("nodwarf", "sigs"));
        go = Fixtures.bind(SigsChecksLibrary.class, library);
    }

    @AfterEach
    void nothingStaysPatched() {
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void withoutASignatureAStubIsAppliedAndSaysItIsUnchecked() {
        assertThat(library.function("main.Add").signature()).isEmpty();
        try (StubPatch p = library.stubReturn("main.Add", int64(7))) {
            assertThat(go.SigsAdd(1, 2)).isEqualTo(7);
            assertThat(p.describe()).contains("(unchecked: no signature)");
        }
    }

    @Test
    void withoutASignatureTheRowsOfASequenceMustStillAgree() {
        assertThatThrownBy(() -> library.stubSequence("main.Add",
                java.util.List.of(new GoValue[]{int64(1)}, new GoValue[]{GoValue.float64(1)})))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same Go types");
    }

    @Test
    void withoutSignaturesARedirectHasTodaysSizeCheckAndSaysItIsUnchecked() {
        try (Patch p = library.redirect("main.Add", "main.Sub")) {
            assertThat(go.SigsAdd(5, 3)).isEqualTo(2);
            assertThat(p.describe()).contains("main.Sub (unchecked: no signature)");
        }
        assertThatThrownBy(() -> library.redirect("main.Add", "main.Half"))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("take 16 and 8 bytes (pclntab args size)");
    }

    @Test
    void aDeclaredSignatureChecksStubs() {
        library.declareSignature("main.PlaceOrder", "func(qty int, name string) (int, error)");
        assertThatThrownBy(() -> library.stubReturn("main.PlaceOrder", int64(0), int64(1)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("func(qty int, name string) (int, error)")
                .hasMessageContaining("the values imply (int64, int64)").hasMessageContaining("libsigs.so");
        try (StubPatch p = library.stubReturn("main.PlaceOrder", int64(5), GoValue.nilInterface())) {
            assertThat(go.SigsPlaceOrder(3)).isEqualTo(5);
            assertThat(p.describe()).doesNotContain("unchecked");
        }
    }

    @Test
    void declaredSignaturesCheckRedirectsByLayout() {
        library.declareSignature("main.Text", "func() string");
        // One side declared, the other not: the size check only (both take 0 argument bytes).
        try (Patch p = library.redirect("main.Text", "main.Other")) {
            assertThat(p.describe()).contains("unchecked: no signature");
            assertThat(go.SigsTextLen()).isEqualTo(5);
        }
        library.declareSignature("main.TwoWords", "func() (uintptr, int)");
        assertThatThrownBy(() -> library.redirect("main.Text", "main.TwoWords"))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("main.Text is func() string and main.TwoWords is func() (uintptr, int)");
    }
}
