package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.GoValue.array;
import static dev.gojack.GoValue.byteArray;
import static dev.gojack.GoValue.bytes;
import static dev.gojack.GoValue.error;
import static dev.gojack.GoValue.float32;
import static dev.gojack.GoValue.float64;
import static dev.gojack.GoValue.int32;
import static dev.gojack.GoValue.int64;
import static dev.gojack.GoValue.int8;
import static dev.gojack.GoValue.nilInterface;
import static dev.gojack.GoValue.string;
import static dev.gojack.GoValue.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18 item 5: composite values are checked against the results' DWARF types element by element and field by
 * field, and refused with both signatures before anything is written (core: also run on the Go 1.21 build).
 */
@Tag("core")
class CompositeValueCheckTest {
    static GoLibrary library;
    static SigsResultsLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library(Fixtures.DEFAULT, "sigs"));
        go = Fixtures.bind(SigsResultsLibrary.class, library);
    }

    @AfterEach
    void nothingStaysPatched() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.SeeShifted(5)).isEqualTo("[1 2] 5");
    }

    @Test
    void aByteArrayOfTheWrongLengthIsRefusedWithBothSignatures() {
        assertThatThrownBy(() -> library.stubReturn("main.NewRandom", byteArray(new byte[15]), nilInterface()))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("main.NewRandom").hasMessageContaining("libsigs.so")
                .hasMessageContaining("its signature is func() ([16]uint8, error)")
                .hasMessageContaining("the values imply ([15]uint8, nil interface)")
                .hasMessageContaining("result 1 is [16]uint8, of 16 elements, and the value [15]uint8 has 15")
                .hasMessageContaining("give GoValue.byteArray(…) of 16 bytes");
    }

    @Test
    void aStructFieldOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> library.stubReturn("main.MakeMixed", struct(int64(1), float32(1), int64(2)),
                struct(float64(0), float64(0)), float32(0), string("")))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("func() (main.Mixed, main.Point, float32, string)")
                .hasMessageContaining("(struct { int64; float32; int64 }, struct { float64; float64 }, float32, string)")
                .hasMessageContaining("result 1 field 1 (A) is int8, which int64 is not; give GoValue.int8(…)");
    }

    @Test
    void aStructWithTooFewFieldsIsRefused() {
        assertThatThrownBy(() -> library.stubReturn("main.MakeBig", struct(int64(1), int64(2))))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("result 1 is main.Big, of 10 fields, and the value struct { int64; int64 } has 2")
                .hasMessageContaining("give GoValue.struct(…) of its 10 fields, in order");
    }

    @Test
    void anArrayElementOfTheWrongWidthIsNamed() {
        assertThatThrownBy(() -> library.stubReturn("main.Arrays", array(), array(float64(1)),
                array(int64(1), int64(2), int64(3)), array(string("a"), string("b"))))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("result 3 element 0 is int32, which int64 is not; give GoValue.int32(…)");
        assertThatThrownBy(() -> library.stubReturn("main.Arrays", array(), float64(1),
                array(int32(1), int32(2), int32(3)), array(string("a"), string("b"))))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("result 2 is [1]float64, which float64 is not; give GoValue.array(…) of 1 element");
    }

    @Test
    void arrayElementsMustBeOfOneType() {
        assertThatThrownBy(() -> array(int32(1), int64(2)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("the first is int32 and another is int64");
    }

    @Test
    void bytesOnlyForByteSlicesAndErrorsOnlyForErrorOrAny() {
        assertThatThrownBy(() -> library.stubReturn("main.NewRandom", bytes(new byte[16]), nilInterface()))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("result 1 is [16]uint8, which []uint8 is not");
        assertThatThrownBy(() -> library.stubReturn("main.MakeShape", error("not a shape")))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("func() main.Shape")
                .hasMessageContaining("result 1 is main.Shape, which error \"not a shape\" is not");
        assertThatThrownBy(() -> library.stubReturn("main.Payload", string("x"), error("e")))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("give GoValue.bytes(…) or GoValue.nilSlice()");
    }

    @Test
    void everyRowOfASequenceOfCompositesIsChecked() {
        assertThatThrownBy(() -> library.stubSequence("main.Shifted", List.of(
                new GoValue[] {array(int64(1), int64(1)), int8((byte) 1)},
                new GoValue[] {array(int64(2)), int8((byte) 2)})))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("row 1: result 1 is [2]int, of 2 elements, and the value [1]int64 has 1");
    }

    @Test
    void valuesThatWouldGoOnTheStackAreRefusedForAFunctionWithoutSignatureUnlessDeclared() {
        // ALLOW_SIGNATURE_MISMATCH lets the values stand for themselves: result slots they imply are never written.
        assertThatThrownBy(() -> library.stubReturn("main.Failure", List.of(array(int32(1), int32(2))),
                PatchOption.ALLOW_SIGNATURE_MISMATCH))
                .isInstanceOf(PatchRefusedException.class).isNotInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("main.Failure").hasMessageContaining("on the stack")
                .hasMessageContaining("would overwrite its caller's frame");
    }
}
