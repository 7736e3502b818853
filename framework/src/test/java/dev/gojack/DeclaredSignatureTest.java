package dev.gojack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GoLibrary#declareSignature} on the sigs fixture built with -ldflags=-w (no DWARF). */
@Tag("core")
class DeclaredSignatureTest {
    static GoLibrary library;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("nodwarf", "sigs"));
    }

    @Test
    void aDeclaredSignatureIsTheFunctionsSignatureFromThenOn() {
        assertThat(library.function("main.PlaceOrder").signature()).isEmpty();
        GoSignature s = library.declareSignature("main.PlaceOrder", "func(qty int, name string) (int, error)");
        assertThat(s).hasToString("func(qty int, name string) (int, error)");
        assertThat(s.isDeclared()).isTrue();
        assertThat(library.function("main.PlaceOrder").signature()).contains(s);
        assertThat(library.binary().function("main.PlaceOrder").signature()).contains(s);
        assertThat(s.results().get(1).location()).contains("RBX+RCX");
    }

    @Test
    void namedTypesComeFromTheLibrarysTypeDescriptorsWithTheirStructure() {
        GoSignature s = library.declareSignature("main.Order.Total", "(o main.Order, discount float64, extra int16) (float64, bool)");
        assertThat(s.parameters().get(0).typeName()).isEqualTo("main.Order");
        assertThat(s.parameters().get(0).size()).isEqualTo(48);
        // Order{ID int; Qty int32; Price float64; Tags []string} decomposes into six registers
        assertThat(s.parameters().get(0).location()).contains("RAX+RBX+X0+RCX+RDI+RSI");
        assertThat(s.parameters().get(2).location()).contains("R8");
    }

    @Test
    void goSyntaxVariantsParseAndEvenAZeroSizedParameterCounts() {
        String results = " (struct { A, B, C, D, E, F, G, H, I, J int }, [2]uint16, float64)";
        // Without z the stack arguments after it would move: 200 bytes instead of the 208 Go compiled.
        assertThatThrownBy(() -> library.declareSignature("main.Stacked",
                "func(a, b [2]int8, big struct { A, B, C, D, E, F, G, H, I, J int }, x int, c [3]float32)" + results))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("lays out 200 bytes")
                .hasMessageContaining("says 208");
        GoSignature s = library.declareSignature("main.Stacked", "func(a [2]int8, z [0]int64, b [2]int8, "
                + "big struct { A, B, C, D, E, F, G, H, I, J int }, x int, c [3]float32)" + results);
        assertThat(s.parameters()).extracting(GoParameter::location).extracting(java.util.Optional::get)
                .containsExactly("stack+0", "stack+8", "stack+8", "stack+16", "RAX", "stack+96");
        assertThat(s.results().get(0).typeName()).isEqualTo("struct { A int; B int; C int; D int; E int; F int; "
                + "G int; H int; I int; J int }");
    }

    @Test
    void compositeTypesParseAsGoWritesThem() {
        // main.Money is never converted to an interface, so Go made no descriptor for it: its underlying type does.
        assertThatThrownBy(() -> library.declareSignature("main.Find",
                "func(o *main.Order, data []byte, index map[string]int) (main.Money, bool)"))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("unknown type main.Money")
                .hasMessageContaining("write its underlying type");
        GoSignature find = library.declareSignature("main.Find",
                "func(o *main.Order, data []byte, index map[string]int) (int64, bool)");
        assertThat(find).hasToString("func(o *main.Order, data []uint8, index map[string]int) (int64, bool)");
        assertThat(find.parameters()).extracting(p -> p.location().get()).containsExactly("RAX", "RBX+RCX+RDI", "RSI");
        GoSignature misc = library.declareSignature("main.Misc", "func(c chan int, f func(int) string, a any, "
                + "sh main.Shape, u unsafe.Pointer, p uintptr, z complex128) rune");
        assertThat(misc.parameters()).extracting(GoParameter::size).containsExactly(8L, 8L, 16L, 16L, 8L, 8L, 16L);
        assertThat(misc.parameters().get(6).location()).contains("X0+X1");
        assertThat(misc.results().get(0).typeName()).isEqualTo("int32");
    }

    @Test
    void aSignatureThatLaysOutDifferentlyThanThePclntabSaysIsRefused() {
        assertThatThrownBy(() -> library.declareSignature("main.NewID", "func() (int, error)"))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("main.NewID").hasMessageContaining("libsigs.so")
                .hasMessageContaining("func() (int, error)").hasMessageContaining("lays out 0 bytes")
                .hasMessageContaining("says 16");
        assertThat(library.function("main.NewID").signature()).isEmpty();
    }

    @Test
    void badSyntaxAndUnknownTypesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> library.declareSignature("main.PlaceOrder", "func(qty int, name string"))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("expected ')'")
                .hasMessageContaining("main.PlaceOrder");
        assertThatThrownBy(() -> library.declareSignature("main.PlaceOrder", "func(qty main.NoSuchType) int"))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("unknown type main.NoSuchType");
        assertThatThrownBy(() -> library.declareSignature("main.NoSuchFunction", "func()"))
                .isInstanceOf(SymbolNotFoundException.class);
    }
}
