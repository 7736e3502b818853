package dev.gojack.junit;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.GoStrings;
import dev.gojack.GoValue;
import dev.gojack.VarsLibrary;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form of {@code returns = {...}} reaches Go as the value it spells, and GoPatches.setVariable sets a
 * package variable for one test. Library: libvars.so (noinline), whose main.answer* functions return one type each.
 */
@Tag("core")
class ReturnValuesTest {
    private static GoLibrary library;
    private static VarsLibrary vars;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("vars"));
        vars = LibraryLoader.create(VarsLibrary.class).load(library.path().toString());
    }

    @AfterEach
    void originalsAreBack() {
        assertNothingLeftPatched(library);
        assertThat(vars.CallAnswerInt()).isEqualTo(42);
        assertThat(GoStrings.read(vars::CallAnswerString)).isEqualTo("original");
        assertThat(vars.GetCounter()).isEqualTo(41);
    }

    @Test
    void everyWrittenValueIsTheGoValueItSpells() {
        EngineExecutionResults results = TestKit.run(ReturnsCase.class);

        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly(
                "int=-5 int32=2147483647 int8=-128 uint16=65535 bool=0 float64=-0.125 float32=0.75",
                "string=with: colons pair=8|eight triple=1|2.5|false",
                "errorNil=0 eof=1 message=EOF pointerNil=1 sliceLen=0",
                "sentinel=1 message=sentinel");
    }

    @Test
    void setVariableLastsForTheTest() {
        EngineExecutionResults results = TestKit.run(VariableCase.class);

        TestKit.assertTests(results, s -> s.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("counter 100");
    }

    // ---------------------------------------------------------------- fixtures, run only through TestKit

    @GoJackTest(library = "vars")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ReturnsCase {
        @Test
        @PatchGoFunction(target = "main.answerInt", returns = "int:-5")
        @PatchGoFunction(target = "main.answerInt32", returns = "int32:2147483647")
        @PatchGoFunction(target = "main.answerInt8", returns = "int8:-128")
        @PatchGoFunction(target = "main.answerUint16", returns = "uint16:0xffff")
        @PatchGoFunction(target = "main.answerBool", returns = "bool:false")
        @PatchGoFunction(target = "main.answerFloat64", returns = "float64:-0.125")
        @PatchGoFunction(target = "main.answerFloat32", returns = "float32:0.75")
        @PatchGoFunction(target = "main.answerString", returns = "string:with: colons")
        @PatchGoFunction(target = "main.answerPair", returns = {"int:8", "string:eight"})
        @PatchGoFunction(target = "main.answerTriple", returns = {"int64:1", "float64:2.5", "bool:false"})
        @PatchGoFunction(target = "main.answerError", returns = "error:io.EOF")
        @PatchGoFunction(target = "main.answerPointer", returns = "nil")
        @PatchGoFunction(target = "main.answerSlice", returns = "slice:nil")
        void allStubbed(VarsLibrary vars) {
            Journal.record("int=" + vars.CallAnswerInt() + " int32=" + vars.CallAnswerInt32()
                    + " int8=" + vars.CallAnswerInt8() + " uint16=" + vars.CallAnswerUint16()
                    + " bool=" + vars.CallAnswerBool() + " float64=" + vars.CallAnswerFloat64()
                    + " float32=" + vars.CallAnswerFloat32());
            Journal.record("string=" + GoStrings.read(vars::CallAnswerString)
                    + " pair=" + GoStrings.read(vars::CallAnswerPair)
                    + " triple=" + GoStrings.read(vars::CallAnswerTriple));
            Journal.record("errorNil=" + vars.CallAnswerErrorIsNil() + " eof=" + vars.CallAnswerErrorIsEOF()
                    + " message=" + GoStrings.read(vars::CallAnswerErrorMessage)
                    + " pointerNil=" + vars.CallAnswerPointerIsNil() + " sliceLen=" + vars.CallAnswerSliceLen());
        }

        @Test
        @PatchGoFunction(target = "main.answerError", returns = "error:main.errSentinel")
        void errorFromAPackageVariable(VarsLibrary vars) {
            Journal.record("sentinel=" + vars.CallAnswerErrorIsSentinel()
                    + " message=" + GoStrings.read(vars::CallAnswerErrorMessage));
        }
    }

    @GoJackTest(library = "vars")
    static class VariableCase {
        @Test
        void counterIsSet(GoPatches patches, VarsLibrary vars) {
            patches.setVariable("main.counter", GoValue.int64(100));
            Journal.record("counter " + vars.GetCounter());
        }
    }
}
