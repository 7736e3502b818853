package dev.gojack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A library stripped with -ldflags="-s -w": functions resolve and patch through the pclntab alone. */
@Tag("core")
class StrippedLibraryTest {
    static GoLibrary library;
    static CallsLibrary calls;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library(Fixtures.STRIPPED, "calls"));
        calls = Fixtures.bind(CallsLibrary.class, library);
    }

    @Test
    void functionsAreRedirectedAndStubbedWithoutASymbolTable() {
        assertThat(library.binary().isStripped()).isTrue();
        try (Patch p = library.redirect("main.add", "main.addReplacement")) {
            assertThat(calls.CallAddViaFuncValue(2, 3)).isEqualTo(203);
        }
        try (Patch p = library.stubReturn("main.leafConst", GoValue.int64(1))) {
            assertThat(calls.CallLeafConst()).isEqualTo(1);
        }
        assertThat(calls.CallAddViaFuncValue(2, 3)).isEqualTo(5);
        assertThat(calls.CallLeafConst()).isEqualTo(42);
    }

    @Test
    void variablesCannotBeNamedAndTheMessageSaysWhy() {
        assertThatThrownBy(() -> library.variable("main.scaler"))
                .isInstanceOf(SymbolNotFoundException.class)
                .hasMessageContaining("main.scaler").hasMessageContaining("stripped")
                .hasMessageContaining("without -s");
    }
}
