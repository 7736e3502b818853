package dev.gojack.junit;

import dev.gojack.GoValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code type:value} syntax of {@code @PatchGoFunction(returns = ...)}; no library needed. */
class GoValueSyntaxTest {

    static Stream<Arguments> written() {
        return Stream.of(
                Arguments.of("int64:42", GoValue.int64(42)),
                Arguments.of("int:-7", GoValue.int64(-7)),
                Arguments.of("int64:0x7fffffffffffffff", GoValue.int64(Long.MAX_VALUE)),
                Arguments.of("int64:-9223372036854775808", GoValue.int64(Long.MIN_VALUE)),
                Arguments.of("int32:-2147483648", GoValue.int32(Integer.MIN_VALUE)),
                Arguments.of("rune:65", GoValue.int32(65)),
                Arguments.of("int16:1_000", GoValue.int16((short) 1000)),
                Arguments.of("int8:-128", GoValue.int8((byte) -128)),
                Arguments.of("uint64:18446744073709551615", GoValue.uint64(-1L)),
                Arguments.of("uint:1", GoValue.uint64(1)),
                Arguments.of("uintptr:0x1000", GoValue.uintptr(0x1000)),
                Arguments.of("uint32:0xffffffff", GoValue.uint32(0xffffffffL)),
                Arguments.of("uint16:8080", GoValue.uint16(8080)),
                Arguments.of("uint8:255", GoValue.uint8(255)),
                Arguments.of("byte:10", GoValue.uint8(10)),
                Arguments.of("bool:true", GoValue.bool(true)),
                Arguments.of("bool:false", GoValue.bool(false)),
                Arguments.of("float64:2.5", GoValue.float64(2.5)),
                Arguments.of("float64:-Inf", GoValue.float64(Double.NEGATIVE_INFINITY)),
                Arguments.of("float32:1.5", GoValue.float32(1.5f)),
                Arguments.of("string:hello", GoValue.string("hello")),
                Arguments.of("string:", GoValue.string("")),
                Arguments.of("string: a:b ", GoValue.string(" a:b ")),
                Arguments.of("nil", GoValue.nilPointer()),
                Arguments.of(" nil ", GoValue.nilPointer()),
                Arguments.of("pointer:nil", GoValue.nilPointer()),
                Arguments.of("map:nil", GoValue.nilPointer()),
                Arguments.of("chan:nil", GoValue.nilPointer()),
                Arguments.of("func:nil", GoValue.nilPointer()),
                Arguments.of("slice:nil", GoValue.nilSlice()),
                Arguments.of("error:nil", GoValue.nilInterface()),
                Arguments.of("interface:nil", GoValue.nilInterface()),
                Arguments.of("error:io.EOF", GoValue.interfaceFrom("io.EOF")),
                Arguments.of("interface: main.errSentinel", GoValue.interfaceFrom("main.errSentinel")),
                Arguments.of("bytes:0xdeadBEEF", GoValue.bytes(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe,
                        (byte) 0xef})),
                Arguments.of("bytes:0x", GoValue.bytes(new byte[0])),
                Arguments.of("bytes:0x00_01", GoValue.bytes(new byte[] {0, 1})),
                Arguments.of("bytes:nil", GoValue.nilSlice()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("written")
    void eachFormParsesToTheGoValueItSpells(String written, GoValue expected) {
        assertThat(GoValueSyntax.parse(written)).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("42", "it has no type; a Go value is written type:value."),
                Arguments.of("int65:1", "unknown type 'int65'."),
                Arguments.of("Int64:1", "unknown type 'Int64'."),
                Arguments.of("int8:128", "128 does not fit in int8 (-128 to 127)."),
                Arguments.of("uint8:-1", "-1 does not fit in uint8 (0 to 255)."),
                Arguments.of("uint64:18446744073709551616",
                        "18446744073709551616 does not fit in uint64 (0 to 18446744073709551615)."),
                Arguments.of("int64:", "'' is not an integer."),
                Arguments.of("int64:--1", "'--1' is not an integer."),
                Arguments.of("int64:1.5", "'1.5' is not an integer."),
                Arguments.of("bool:yes", "'yes' is not a bool; write true or false."),
                Arguments.of("float64:2.5f", "'2.5f' is not a floating-point number."),
                Arguments.of("float64:", "'' is not a floating-point number."),
                Arguments.of("slice:[1]", "a slice can only be written as slice:nil."),
                Arguments.of("error:EOF", "'EOF' is neither nil nor a package variable such as io.EOF."),
                Arguments.of("bytes:dead", "'dead' is not hex bytes; write bytes:0x0a0b (or bytes:nil)."),
                Arguments.of("bytes:0xabc", "'0xabc' is not hex bytes: it has an odd number of digits."),
                Arguments.of("bytes:0xzz", "'0xzz' is not hex bytes: it has a character that is no hex digit."),
                Arguments.of("error:\"open", "\"open has no closing quote; write error:\"message\"."),
                Arguments.of("error:\"a\"b\"", "\"a\"b\" has a quote inside; write it as \\\"."),
                Arguments.of("error:\"a\\x\"", "\"a\\x\" has the escape \\x, which GoJack does not know; use "
                        + "\\\\, \\\", \\n or \\t."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedValuesSayWhatIsWrong(String written, String message) {
        assertThatThrownBy(() -> GoValueSyntax.parse(written))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aQuotedErrorIsANewErrorOfThatText() {
        GoValue e = GoValueSyntax.parse("error:\"disk \\\"full\\\"\\n\"");
        assertThat(e.kind()).isEqualTo(GoValue.Kind.ERROR);
        assertThat(e.text()).isEqualTo("disk \"full\"\n");
        // Each parse is a new error, as each errors.New call is in Go.
        assertThat(GoValueSyntax.parse("error:\"x\"")).isNotEqualTo(GoValueSyntax.parse("error:\"x\""));
    }

    @Test
    void voidAloneMeansNoResults() {
        assertThat(GoValueSyntax.parseAll(new String[]{"void"})).isEmpty();
    }

    @Test
    void voidAmongOtherValuesIsRefused() {
        assertThatThrownBy(() -> GoValueSyntax.parseAll(new String[]{"int:1", "void"}))
                .hasMessageStartingWith("returns[1] = \"void\" is not a Go value: \"void\" means the function has no "
                        + "results and must be the only element of returns.");
    }

    @Test
    void severalResultsKeepTheirOrder() {
        assertThat(GoValueSyntax.parseAll(new String[]{"int:8", "string:eight", "error:nil"}))
                .containsExactly(GoValue.int64(8), GoValue.string("eight"), GoValue.nilInterface());
    }

    @Test
    void theErrorNamesTheElementIndexAndTheValue() {
        assertThatThrownBy(() -> GoValueSyntax.parseAll(new String[]{"int:8", "bool:maybe"}))
                .hasMessageStartingWith("returns[1] = \"bool:maybe\" is not a Go value: 'maybe' is not a bool; "
                        + "write true or false. Write type:value, e.g. ");
    }
}
