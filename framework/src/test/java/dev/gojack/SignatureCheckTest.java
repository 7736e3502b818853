package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.GoValue.bool;
import static dev.gojack.GoValue.float32;
import static dev.gojack.GoValue.float64;
import static dev.gojack.GoValue.int32;
import static dev.gojack.GoValue.int64;
import static dev.gojack.GoValue.nilInterface;
import static dev.gojack.GoValue.nilPointer;
import static dev.gojack.GoValue.nilSlice;
import static dev.gojack.GoValue.string;
import static dev.gojack.GoValue.uint64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18 item 4: stubs and redirects checked against the functions' DWARF signatures, on the sigs fixture built
 * without flags (core: {@code make test-go121} runs it again on the Go 1.21 build).
 */
@Tag("core")
class SignatureCheckTest {
    static GoLibrary library;
    static SigsChecksLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library(Fixtures.DEFAULT, "sigs"));
        go = Fixtures.bind(SigsChecksLibrary.class, library);
    }

    @AfterEach
    void nothingStaysPatched() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.SigsPlaceOrder(3)).isEqualTo(6);
    }

    // ---------------------------------------------------------------- stubs: the examples

    @Test
    void twoIntsForAnIntAndAnErrorAreRefusedWithBothSignatures() {
        assertThatThrownBy(() -> library.stubReturn("main.PlaceOrder", int64(0), int64(1)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("main.PlaceOrder").hasMessageContaining("libsigs.so")
                .hasMessageContaining("its signature is func(qty int, name string) (int, error)")
                .hasMessageContaining("the values imply (int64, int64)")
                .hasMessageContaining("result 2 is error")
                .hasMessageContaining("GoValue.nilInterface()");
    }

    @Test
    void valuesOfTheResultsTypesAreAcceptedAndGoSeesThem() {
        try (StubPatch p = library.stubReturn("main.PlaceOrder", int64(42), nilInterface())) {
            assertThat(go.SigsPlaceOrder(3)).isEqualTo(42);
            assertThat(p.describe()).doesNotContain("unchecked");
        }
        try (Patch p = library.stubReturn("main.(*Store).Get", int64(9), bool(true))) {
            assertThat(go.SigsStoreGet()).isEqualTo(9);
        }
    }

    @Test
    void nilAndNilForAnArrayAndAnErrorAreRefusedAsArraysHaveNoValueYet() {
        assertThatThrownBy(() -> library.stubReturn("main.NewID", nilPointer(), nilInterface()))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("func() ([16]uint8, error)")
                .hasMessageContaining("(nil pointer, nil interface)")
                .hasMessageContaining("result 1 is [16]uint8")
                .hasMessageContaining("no value for an array result yet");
    }

    @Test
    void aStringForAnIntAndAnErrorIsRefusedByTheCount() {
        assertThatThrownBy(() -> library.stubReturn("main.PlaceOrder", string("42")))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("(int, error)").hasMessageContaining("the values imply (string)")
                .hasMessageContaining("the function has 2 results and 1 value were given");
        assertThatThrownBy(() -> library.stubReturn("main.PlaceOrder", string("42"), nilInterface()))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("result 1 is int, which string is not; give GoValue.int64(…)");
    }

    @Test
    void threeValuesForTwoResultsAreRefused() {
        assertThatThrownBy(() -> library.stubReturn("main.PlaceOrder", int64(1), nilInterface(), int64(2)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("the values imply (int64, nil interface, int64)")
                .hasMessageContaining("2 results and 3 values");
    }

    @Test
    void anInt64ForTimeNowIsRefusedAsTimeIsAStruct() {
        assertThatThrownBy(() -> library.stubReturn("time.Now", int64(1_700_000_000L)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("Cannot stub time.Now").hasMessageContaining("func() time.Time")
                .hasMessageContaining("result 1 is time.Time").hasMessageContaining("no value for a struct result");
        assertThat(go.SigsNowUnix()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    }

    // ---------------------------------------------------------------- stubs: kinds, widths, signedness

    @Test
    void integerWidthAndSignednessMustMatchButIntTakesInt64() {
        try (Patch p = library.stubReturn("main.Add", int64(7))) {
            assertThat(go.SigsAdd(1, 2)).isEqualTo(7);
        }
        assertThatThrownBy(() -> library.stubReturn("main.Add", int32(7)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("result 1 is int, which int32 is not");
        assertThatThrownBy(() -> library.stubReturn("main.Add", uint64(7)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("which uint64 is not");
        assertThatThrownBy(() -> library.stubReturn("main.AddNarrow", int64(7)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("func(a int32, b int32) int32").hasMessageContaining("give GoValue.int32(…)");
        library.stubReturn("main.AddNarrow", int32(7)).close();
        library.stubReturn("main.AddUnsigned", uint64(7)).close();
        library.stubReturn("main.AddUnsigned", GoValue.uintptr(7)).close();
    }

    @Test
    void floatsMustHaveTheirWidthAndBoolsAreBools() {
        assertThatThrownBy(() -> library.stubReturn("main.Half", float32(1)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("give GoValue.float64(…)");
        assertThatThrownBy(() -> library.stubReturn("main.Ratio", float64(1)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("give GoValue.float32(…)");
        assertThatThrownBy(() -> library.stubReturn("main.Flag", int64(1)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("give GoValue.bool(…)");
        try (Patch flag = library.stubReturn("main.Flag", bool(true));
             Patch ratio = library.stubReturn("main.Ratio", float32(0.5f))) {
            assertThat(go.SigsFlagRatio(-4)).isEqualTo(0.5);
        }
    }

    @Test
    void nilPointerOnlyForPointerShapedResultsNilInterfaceOnlyForInterfaces() {
        try (Patch p = library.stubReturn("main.Lookup", nilPointer())) {
            assertThat(go.SigsLookupIsNil()).isEqualTo(1);
        }
        library.stubReturn("main.Table", nilPointer()).close();
        library.stubReturn("main.Bytes", nilSlice()).close();
        library.stubReturn("main.Fail", nilInterface()).close();
        assertThatThrownBy(() -> library.stubReturn("main.Add", nilPointer()))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("which nil pointer is not");
        assertThatThrownBy(() -> library.stubReturn("main.Lookup", nilInterface()))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("result 1 is *main.Order, which nil interface is not; give GoValue.nilPointer()");
        assertThatThrownBy(() -> library.stubReturn("main.Fail", nilPointer()))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("result 1 is error")
                .hasMessageContaining("GoValue.interfaceFrom(\"pkg.Var\")");
        assertThatThrownBy(() -> library.stubReturn("main.Bytes", nilPointer()))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("give GoValue.nilSlice()");
        // Refused by its type before the variable is even read (main.sinkWord is no interface either).
        assertThatThrownBy(() -> library.stubReturn("main.Add", GoValue.interfaceFrom("main.sinkWord")))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("the values imply (interface value of main.sinkWord)")
                .hasMessageContaining("which interface value of main.sinkWord is not");
    }

    @Test
    void everyRowOfASequenceIsChecked() {
        List<GoValue[]> rows = List.of(new GoValue[]{int64(1), nilInterface()}, new GoValue[]{int64(2), int64(0)});
        assertThatThrownBy(() -> library.stubSequence("main.PlaceOrder", rows))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("the values imply (int64, int64)").hasMessageContaining("row 1: result 2 is error");
        try (StubPatch p = library.stubSequence("main.PlaceOrder",
                List.of(new GoValue[]{int64(1), nilInterface()}, new GoValue[]{int64(2), nilInterface()}))) {
            assertThat(go.SigsPlaceOrder(3)).isEqualTo(1);
            assertThat(go.SigsPlaceOrder(3)).isEqualTo(2);
        }
    }

    @Test
    void valuesOfTheRightTypesThatGoOnTheStackAreStillRefusedByTheRegisterCount() {
        GoValue[] results = new GoValue[10];
        java.util.Arrays.fill(results, int64(0));
        results[9] = GoValue.int8((byte) 0);
        assertThatThrownBy(() -> library.stubReturn("main.Exhaust", results))
                .isInstanceOf(PatchRefusedException.class).isNotInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("10 integer").hasMessageContaining("on the stack");
    }

    @Test
    void aUintptrIsAnAddressForAPointerResult() {
        long address = library.variable("main.sinkWord").address();
        library.stubReturn("main.Lookup", GoValue.uintptr(address)).close();
        assertThatThrownBy(() -> library.stubReturn("main.Lookup", int64(address)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("give GoValue.nilPointer()");
    }

    // ---------------------------------------------------------------- generic base names

    @Test
    void valuesThatFitOnlyOneShapeOfAGenericAreRefusedNamingTheShapes() {
        assertThatThrownBy(() -> library.stubReturn("main.Swap", int64(1), int64(2)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("Cannot stub main.Swap").hasMessageContaining("2 shape instantiations")
                .hasMessageContaining("fit only some")
                .hasMessageContaining("They fit main.Swap[go.shape.int]")
                .hasMessageContaining("They do not fit main.Swap[go.shape.string]")
                .hasMessageContaining("result 1 is go.shape.string")
                .hasMessageContaining("stubReturn(\"main.Swap[go.shape.string]\", …)");
        assertThatThrownBy(() -> library.stubReturn("main.Swap", bool(true), bool(false)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("fit none of them");
        try (Patch ints = library.stubReturn("main.Swap[go.shape.int]", int64(1), int64(2));
             Patch strings = library.stubReturn("main.Swap[go.shape.string]", string("x"), string("yyyy"))) {
            assertThat(go.SigsSwapInts(7, 8)).isEqualTo(102);
            assertThat(go.SigsSwapStrings()).isEqualTo(14);
        }
    }

    // ---------------------------------------------------------------- redirects

    @Test
    void aStringFunctionCannotBeRedirectedToOneReturningAnIntegerAndAnInt() {
        assertThatThrownBy(() -> library.redirect("main.Text", "main.TwoWords"))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("Cannot redirect main.Text to main.TwoWords").hasMessageContaining("libsigs.so")
                .hasMessageContaining("main.Text is func() string and main.TwoWords is func() (uintptr, int)")
                .hasMessageContaining("result word 0: main.Text has string in RAX (pointer, 8 bytes), "
                        + "main.TwoWords has uintptr in RAX (integer, 8 bytes)")
                .hasMessageContaining("ALLOW_SIGNATURE_MISMATCH");
        try (Patch p = library.redirect("main.Text", "main.Other")) {
            assertThat(go.SigsTextLen()).isEqualTo(5);
            assertThat(p.describe()).doesNotContain("unchecked");
        }
    }

    @Test
    void equalArgumentSizesOnTheStackAndInRegistersAreTold() {
        assertThat(library.function("main.SumArray").argsSize()).isEqualTo(library.function("main.SumPair").argsSize());
        assertThatThrownBy(() -> library.redirect("main.SumArray", "main.SumPair"))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("func(a [2]int) int").hasMessageContaining("func(a int, b int) int")
                .hasMessageContaining("parameter word 0: main.SumArray has a [2]int in stack+0 (integer, 8 bytes), "
                        + "main.SumPair has a int in RAX");
        assertThatThrownBy(() -> library.redirect("main.SumArray", "main.SumPointers"))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("a [2]int in stack+0 (integer, 8 bytes), main.SumPointers has a [2]*int in "
                        + "stack+0 (pointer, 8 bytes)");
        assertThat(go.SigsSumArray(2, 3)).isEqualTo(5);
    }

    @Test
    void widthsAndFloatsMustMatchSignednessNeedNot() {
        assertThatThrownBy(() -> library.redirect("main.Add", "main.AddNarrow"))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("(integer, 4 bytes)");
        assertThatThrownBy(() -> library.redirect("main.Half", "main.HalfSingle"))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("in X0 (floating point, 4 bytes)");
        try (Patch p = library.redirect("main.Add", "main.Sub")) {
            assertThat(go.SigsAdd(5, 3)).isEqualTo(2);
        }
        try (Patch p = library.redirect("main.Add", "main.AddUnsigned")) {
            assertThat(go.SigsAdd(5, 3)).isEqualTo(8);
        }
    }

    @Test
    void allowSignatureMismatchStillOverrides() {
        try (Patch p = library.redirect("main.Text", "main.TwoWords", PatchOption.ALLOW_SIGNATURE_MISMATCH)) {
            assertThat(p.describe()).contains("signature not checked: ALLOW_SIGNATURE_MISMATCH");
        }
        try (Patch p = library.stubReturn("main.Fail", List.of(int64(0), int64(0)), PatchOption.ALLOW_SIGNATURE_MISMATCH)) {
            assertThat(p.describe()).contains("signature not checked");
        }
    }
}
