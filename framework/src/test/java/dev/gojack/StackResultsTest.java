package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.GoValue.array;
import static dev.gojack.GoValue.bool;
import static dev.gojack.GoValue.byteArray;
import static dev.gojack.GoValue.bytes;
import static dev.gojack.GoValue.error;
import static dev.gojack.GoValue.float32;
import static dev.gojack.GoValue.float64;
import static dev.gojack.GoValue.int32;
import static dev.gojack.GoValue.int64;
import static dev.gojack.GoValue.int8;
import static dev.gojack.GoValue.interfaceFrom;
import static dev.gojack.GoValue.nilInterface;
import static dev.gojack.GoValue.string;
import static dev.gojack.GoValue.struct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 5: stubs return results of every shape where Go's register ABI puts them — registers, the
 * caller's result slots on the stack, or both — and Go code calling the stubbed function sees exactly the values
 * given (core: {@code make test-go121} runs it again on the Go 1.21 build).
 */
@Tag("core")
class StackResultsTest {
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
    }

    private static byte[] uuid() {
        byte[] id = new byte[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (0xa0 + i);
        }
        return id;
    }

    @Test
    void anArrayOnTheStackAndANilErrorInRegistersAreWhatGoSees() {
        assertThat(go.SeeNewRandom()).startsWith("dead0000000000000000000000000000 \"not stubbed\"");
        try (StubPatch p = library.stubReturn("main.NewRandom", byteArray(uuid()), nilInterface())) {
            assertThat(go.SeeNewRandom()).isEqualTo("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf <nil> is=true eof=false same=true");
            assertThat(p.callCount()).isEqualTo(2);
            assertThat(p.describe()).doesNotContain("unchecked");
        }
        assertThat(go.SeeNewRandom()).startsWith("dead0000");
    }

    @Test
    void anErrorMadeInJavaIsSeenByErrorAndIsAndIsNotEof() {
        try (Patch p = library.stubReturn("main.NewRandom", byteArray(new byte[16]), error("entropy ran out"))) {
            assertThat(go.SeeNewRandom()).isEqualTo(
                    "00000000000000000000000000000000 \"entropy ran out\" is=true eof=false same=true");
        }
        try (Patch p = library.stubReturn("main.Failure", error("disk full"))) {
            assertThat(go.SeeFailure()).isEqualTo("\"disk full\" is=true eof=false again=true wrapped=true as=false");
        }
    }

    @Test
    void twoErrorsOfTheSameTextAreDifferentErrorsAsWithErrorsNew() {
        GoValue first = error("same text");
        try (Patch p = library.stubSequence("main.NewRandom", List.of(
                new GoValue[] {byteArray(new byte[16]), first},
                new GoValue[] {byteArray(new byte[16]), error("same text")}))) {
            assertThat(go.SeeNewRandom()).contains("\"same text\" is=false");
        }
        // The same GoValue is the same error wherever it is returned.
        try (Patch p = library.stubSequence("main.NewRandom", List.of(
                new GoValue[] {byteArray(new byte[16]), first},
                new GoValue[] {byteArray(new byte[16]), first}))) {
            assertThat(go.SeeNewRandom()).contains("\"same text\" is=true");
        }
    }

    @Test
    void theIoEofSentinelStillComesFromTheLibrary() {
        try (Patch p = library.stubReturn("main.Failure", interfaceFrom("io.EOF"))) {
            assertThat(go.SeeFailure()).isEqualTo("\"EOF\" is=true eof=true again=true wrapped=true as=false");
        }
    }

    @Test
    void anErrorForAnEmptyInterfaceCarriesTheErrorStringType() {
        try (Patch p = library.stubReturn("main.AnyValue", error("as any"))) {
            assertThat(go.SeeAny()).isEqualTo("*errors.errorString \"as any\"");
        }
    }

    @Test
    void aStructOfTenIntsGoesToTheStack() {
        GoValue[] fields = new GoValue[10];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = int64(100 + i);
        }
        try (Patch p = library.stubReturn("main.MakeBig", struct(fields))) {
            assertThat(go.SeeBig()).isEqualTo("{100 101 102 103 104 105 106 107 108 109}");
        }
    }

    @Test
    void arraysOfZeroOneAndManyElementsGoWhereTheAbiPutsThem() {
        try (Patch p = library.stubReturn("main.Arrays", array(), array(float64(2.5)),
                array(int32(-1), int32(7), int32(1 << 30)), array(string("left"), string("right")))) {
            assertThat(go.SeeArrays()).isEqualTo("0 [2.5] [-1 7 1073741824] [\"left\" \"right\"]");
        }
    }

    @Test
    void structsMixingIntegersAndFloatsTakeBothRegisterFiles() {
        try (Patch p = library.stubReturn("main.MakeMixed", struct(int8((byte) -3), float32(1.5f), int64(1L << 40)),
                struct(float64(-0.25), float64(8)), float32(3.75f), string("mixed"))) {
            assertThat(go.SeeMixed()).isEqualTo("{A:-3 F:1.5 B:1099511627776} {X:-0.25 Y:8} 3.75 \"mixed\"");
        }
    }

    @Test
    void nestedStructsZeroSizedFieldsAndAnErrorTogether() {
        GoValue nested = struct(struct(float64(1), float64(2)), struct(int8((byte) 4), float32(5), int64(6)),
                struct());
        GoValue withZero = struct(int32(7), array(), int32(8));
        try (Patch p = library.stubReturn("main.MakeNested", nested, withZero, error("nested"))) {
            assertThat(go.SeeNested()).isEqualTo(
                    "{P:{X:1 Y:2} M:{A:4 F:5 B:6} Z:{}} {A:7 Z:[] B:8} \"nested\"");
        }
    }

    @Test
    void aStructOfMoreFloatsThanRegistersGoesToTheStackBetweenRegisterResults() {
        GoValue[] floats = new GoValue[20];
        StringBuilder expected = new StringBuilder("-9 {");
        for (int i = 0; i < floats.length; i++) {
            floats[i] = float64(i + 0.5);
            expected.append(i == 0 ? "" : " ").append(i + 0.5);
        }
        expected.append("} true");
        try (Patch p = library.stubReturn("main.MakeFloaty", int64(-9), struct(floats), bool(true))) {
            assertThat(go.SeeFloaty()).isEqualTo(expected.toString());
        }
    }

    @Test
    void aStackParameterMovesTheResultSlots() {
        assertThat(go.SeeShifted(5)).isEqualTo("[1 2] 5");
        try (Patch p = library.stubReturn("main.Shifted", array(int64(30), int64(40)), int8((byte) -2))) {
            assertThat(go.SeeShifted(5)).isEqualTo("[30 40] -2");
        }
    }

    @Test
    void theShapesOfAGenericGetAStubEachWhereTheirSlotsLieAndShareOneCounter() {
        assertThat(library.resolveTargets("main.Window")).hasSize(2);
        // The [3]int shape's parameter p takes the first 24 bytes of the argument area.
        assertThat(library.function("main.Window[go.shape.int]").signature().orElseThrow().results().get(0)
                .location()).contains("stack+0");
        assertThat(library.function("main.Window[go.shape.[3]int]").signature().orElseThrow().results().get(0)
                .location()).contains("stack+24");
        assertThat(go.SeeWindow()).isEqualTo("[1 1] [2 2]");
        try (Patch p = library.stubReturn("main.Window", array(int64(5), int64(6)))) {
            assertThat(go.SeeWindow()).isEqualTo("[5 6] [5 6]");
        }
        try (StubPatch p = library.stubSequence("main.Window", List.of(
                new GoValue[] {array(int64(10), int64(11))}, new GoValue[] {array(int64(20), int64(21))}))) {
            assertThat(go.SeeWindow()).isEqualTo("[10 11] [20 21]");
            assertThat(p.callCount()).isEqualTo(2);
        }
        assertThat(go.SeeWindow()).isEqualTo("[1 1] [2 2]");
    }

    @Test
    void bytesLiveOffTheHeapAndGoCanWriteAndAppend() {
        try (Patch p = library.stubReturn("main.Payload", bytes(new byte[] {1, 2, 3, 4}), nilInterface())) {
            assertThat(go.SeePayload()).isEqualTo("01020304 len=4 cap=4 <nil> written=fe020304 appended=fe02030442");
        }
        try (Patch p = library.stubReturn("main.Payload", bytes(new byte[0]), error("short"))) {
            assertThat(go.SeePayload()).isEqualTo(" len=0 cap=0 \"short\" written= appended=42");
        }
    }

    @Test
    void sequencesOfStackResultsReturnEachRowInTurn() {
        try (StubPatch p = library.stubSequence("main.Shifted", List.of(
                new GoValue[] {array(int64(1), int64(1)), int8((byte) 1)},
                new GoValue[] {array(int64(2), int64(2)), int8((byte) 2)}))) {
            assertThat(go.SeeShifted(0)).isEqualTo("[1 1] 1");
            assertThat(go.SeeShifted(0)).isEqualTo("[2 2] 2");
            assertThat(go.SeeShifted(0)).isEqualTo("[2 2] 2");
            assertThat(p.callCount()).isEqualTo(3);
        }
    }
}
