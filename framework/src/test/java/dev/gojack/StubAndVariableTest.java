package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Return stubs of every GoValue kind, sequences, and patched package variables, on the vars fixture. */
@Tag("core")
class StubAndVariableTest {
    static GoLibrary library;
    static VarsLibrary vars;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("vars"));
        vars = Fixtures.bind(VarsLibrary.class, library);
    }

    @AfterEach
    void everythingRestored() {
        assertNothingLeftPatched(library);
        assertThat(vars.CallAnswerInt()).isEqualTo(42);
        assertThat(GoStrings.read(vars::CallAnswerString)).isEqualTo("original");
        assertThat(vars.GetCounter()).isEqualTo(41);
        assertThat(GoStrings.read(vars::GetGreeting)).isEqualTo("hello");
    }

    @Test
    void integersOfEveryWidthAreReturnedWithTheirSign() {
        try (Patch a = library.stubReturn("main.answerInt", GoValue.int64(-9_000_000_000L));
             Patch b = library.stubReturn("main.answerInt32", GoValue.int32(Integer.MIN_VALUE));
             Patch c = library.stubReturn("main.answerInt8", GoValue.int8((byte) -128));
             Patch d = library.stubReturn("main.answerUint16", GoValue.uint16(65535))) {
            assertThat(vars.CallAnswerInt()).isEqualTo(-9_000_000_000L);
            assertThat(vars.CallAnswerInt32()).isEqualTo(Integer.MIN_VALUE);
            assertThat(vars.CallAnswerInt8()).isEqualTo(-128);
            assertThat(vars.CallAnswerUint16()).isEqualTo(65535);
        }
        assertThat(vars.CallAnswerInt32()).isEqualTo(-32);
        assertThat(vars.CallAnswerInt8()).isEqualTo(-8);
        assertThat(vars.CallAnswerUint16()).isEqualTo(16000);
    }

    @Test
    void boolsAndFloatsAreReturnedInTheirRegisters() {
        try (Patch a = library.stubReturn("main.answerBool", GoValue.bool(false));
             Patch b = library.stubReturn("main.answerFloat64", GoValue.float64(-0.1));
             Patch c = library.stubReturn("main.answerFloat32", GoValue.float32(Float.MIN_VALUE))) {
            assertThat(vars.CallAnswerBool()).isZero();
            assertThat(vars.CallAnswerFloat64()).isEqualTo(-0.1);
            assertThat(vars.CallAnswerFloat32()).isEqualTo(Float.MIN_VALUE);
        }
        assertThat(vars.CallAnswerBool()).isEqualTo(1);
        assertThat(vars.CallAnswerFloat64()).isEqualTo(3.25);
        assertThat(vars.CallAnswerFloat32()).isEqualTo(1.5f);
    }

    @Test
    void stringsAreReturnedAsUtf8HeldOffTheGoHeap() {
        try (Patch p = library.stubReturn("main.answerString", GoValue.string("grüße, 世界"))) {
            assertThat(GoStrings.read(vars::CallAnswerString)).isEqualTo("grüße, 世界");
        }
        try (Patch p = library.stubReturn("main.answerString", GoValue.string(""))) {
            assertThat(GoStrings.read(vars::CallAnswerString)).isEmpty();
        }
    }

    @Test
    void mixedResultsTakeIntegerAndFloatRegistersInAbiOrder() {
        try (Patch pair = library.stubReturn("main.answerPair", GoValue.int64(-1), GoValue.string("minus one"));
             Patch triple = library.stubReturn("main.answerTriple", GoValue.int64(1L << 40), GoValue.float64(2.5),
                     GoValue.bool(false))) {
            assertThat(GoStrings.read(vars::CallAnswerPair)).isEqualTo("-1|minus one");
            assertThat(GoStrings.read(vars::CallAnswerTriple)).isEqualTo("1099511627776|2.5|false");
        }
        assertThat(GoStrings.read(vars::CallAnswerTriple)).isEqualTo("64|6.4|true");
    }

    @Test
    void nilPointersSlicesAndInterfacesAndInterfaceValuesCopiedFromVariables() {
        try (Patch p = library.stubReturn("main.answerPointer", GoValue.nilPointer());
             Patch s = library.stubReturn("main.answerSlice", GoValue.nilSlice())) {
            assertThat(vars.CallAnswerPointerIsNil()).isEqualTo(1);
            assertThat(vars.CallAnswerSliceLen()).isZero();
        }
        assertThat(vars.CallAnswerPointerValue()).isNotEqualTo(-1);
        assertThat(vars.CallAnswerSliceSum()).isEqualTo(6);
        try (Patch e = library.stubReturn("main.answerError", GoValue.interfaceFrom("io.EOF"))) {
            assertThat(vars.CallAnswerErrorIsNil()).isZero();
            assertThat(vars.CallAnswerErrorIsEOF()).isEqualTo(1);
            assertThat(GoStrings.read(vars::CallAnswerErrorMessage)).isEqualTo("EOF");
        }
        try (Patch e = library.stubReturn("main.answerError", GoValue.interfaceFrom("main.errSentinel"))) {
            assertThat(vars.CallAnswerErrorIsSentinel()).isEqualTo(1);
            assertThat(GoStrings.read(vars::CallAnswerErrorMessage)).isEqualTo("sentinel");
        }
        try (Patch e = library.stubReturn("main.answerError", GoValue.nilInterface())) {
            assertThat(vars.CallAnswerErrorIsNil()).isEqualTo(1);
        }
    }

    @Test
    void sequencesReturnRowAfterRowThenRepeatTheLastAndCountCalls() {
        List<GoValue[]> rows = List.of(new GoValue[] {GoValue.int64(1)}, new GoValue[] {GoValue.int64(2)},
                new GoValue[] {GoValue.int64(3)});
        try (StubPatch p = library.stubSequence("main.answerInt", rows)) {
            assertThat(p.callCount()).isZero();
            assertThat(vars.CallAnswerInt()).isEqualTo(1);
            assertThat(vars.CallAnswerInt()).isEqualTo(2);
            assertThat(vars.CallAnswerInt()).isEqualTo(3);
            assertThat(vars.CallAnswerInt()).isEqualTo(3);
            assertThat(p.callCount()).isEqualTo(4);
        }
        try (StubPatch p = library.stubSequence("main.answerString", List.of(
                new GoValue[] {GoValue.string("first")}, new GoValue[] {GoValue.string("second")}))) {
            assertThat(GoStrings.read(vars::CallAnswerString)).isEqualTo("first");
            assertThat(GoStrings.read(vars::CallAnswerString)).isEqualTo("second");
            assertThat(GoStrings.read(vars::CallAnswerString)).isEqualTo("second");
        }
    }

    @Test
    void sequencesOfMixedTypesAreRefused() {
        // The signature check refuses the float64 row first (row 1 names it); without it, the rows must agree.
        List<GoValue[]> mixed = List.of(new GoValue[] {GoValue.int64(1)}, new GoValue[] {GoValue.float64(1)});
        assertThatThrownBy(() -> library.stubSequence("main.answerInt", mixed))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("row 1: result 1 is int");
        assertThatThrownBy(() -> library.stubSequence("main.answerInt", mixed, PatchOption.ALLOW_SIGNATURE_MISMATCH))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same Go types");
    }

    @Test
    void resultsThatWouldSpillToTheStackAreRefused() {
        GoValue[] tooMany = new GoValue[10];
        java.util.Arrays.fill(tooMany, GoValue.int64(0));
        // Ten values for one int result: the signature check refuses them first; past it, the register count does.
        assertThatThrownBy(() -> library.stubReturn("main.answerInt", tooMany))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("1 result and 10 values");
        assertThatThrownBy(() -> library.stubReturn("main.answerInt", java.util.Arrays.asList(tooMany),
                PatchOption.ALLOW_SIGNATURE_MISMATCH))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.answerInt").hasMessageContaining("10 integer")
                .hasMessageContaining("on the stack");
    }

    @Test
    void variablesOfEveryKindAreReadAndSetUntilThePatchCloses() {
        LiveVariable counter = library.variable("main.counter");
        assertThat(counter.getInt64()).isEqualTo(41);
        try (Patch a = counter.set(GoValue.int64(1_000));
             Patch b = library.variable("main.level").set(GoValue.int32(12));
             Patch c = library.variable("main.small").set(GoValue.int8((byte) 100));
             Patch d = library.variable("main.port").set(GoValue.uint16(443));
             Patch e = library.variable("main.flags").set(GoValue.uint64(-1L));
             Patch f = library.variable("main.enabled").set(GoValue.bool(false));
             Patch g = library.variable("main.ratio").set(GoValue.float64(0.75));
             Patch h = library.variable("main.ratio32").set(GoValue.float32(8.5f));
             Patch i = library.variable("main.greeting").set(GoValue.string("bonjour"));
             Patch j = library.variable("main.target").set(GoValue.nilPointer())) {
            assertThat(vars.GetCounter()).isEqualTo(1_000);
            assertThat(counter.getInt64()).isEqualTo(1_000);
            assertThat(vars.GetLevel()).isEqualTo(12);
            assertThat(vars.GetSmall()).isEqualTo(100);
            assertThat(vars.GetPort()).isEqualTo(443);
            assertThat(vars.GetFlags()).isEqualTo(-1L);
            assertThat(vars.GetEnabled()).isZero();
            assertThat(library.variable("main.enabled").getBool()).isFalse();
            assertThat(vars.GetRatio()).isEqualTo(0.75);
            assertThat(vars.GetRatio32()).isEqualTo(8.5f);
            assertThat(GoStrings.read(vars::GetGreeting)).isEqualTo("bonjour");
            assertThat(library.variable("main.greeting").getString()).isEqualTo("bonjour");
            assertThat(vars.DerefTarget()).isEqualTo(-1);
        }
        assertThat(vars.GetLevel()).isEqualTo(-7);
        assertThat(vars.GetSmall()).isEqualTo(-3);
        assertThat(vars.GetPort()).isEqualTo(8080);
        assertThat(vars.GetFlags()).isEqualTo(0xDEADBEEFL);
        assertThat(vars.GetEnabled()).isEqualTo(1);
        assertThat(vars.GetRatio()).isEqualTo(1.5);
        assertThat(vars.DerefTarget()).isEqualTo(41);
    }

    @Test
    void closingAVariablePatchPutsBackTheOldValueEvenAfterGoWroteIt() {
        try (Patch p = library.variable("main.counter").set(GoValue.int64(5))) {
            assertThat(vars.IncrementCounter()).isEqualTo(6);
        }
        assertThat(vars.GetCounter()).isEqualTo(41);
    }

    @Test
    void funcVariablesTakeTheFuncValueOfAnotherVariable() {
        assertThat(vars.ApplyTransform(5)).isEqualTo(10);
        try (Patch p = library.variable("main.transform").setFuncValue("main.altTransform")) {
            assertThat(vars.ApplyTransform(5)).isEqualTo(15);
        }
        assertThat(vars.ApplyTransform(5)).isEqualTo(10);
    }

    @Test
    void valuesOfTheWrongSizeAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> library.variable("main.level").set(GoValue.int64(1)))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.level").hasMessageContaining("4 bytes").hasMessageContaining("int64");
        assertThatThrownBy(() -> library.variable("main.counter").getString())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("main.counter");
        assertThat(vars.GetLevel()).isEqualTo(-7);
    }

    @Test
    void unknownVariablesAreRefusedWithNearestNames() {
        assertThatThrownBy(() -> library.variable("main.countr"))
                .isInstanceOf(SymbolNotFoundException.class)
                .hasMessageContaining("main.countr").hasMessageContaining("main.counter");
    }

    @Test
    void stubsNeverLeaveMemoryWritableAndExecutable() {
        try (Patch p = library.stubReturn("main.answerString", GoValue.string("x"))) {
            assertThat(library.writableExecutablePages()).isEmpty();
        }
    }
}
