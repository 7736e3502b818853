package dev.gojack;

import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures read from the DWARF of the sigs fixture (file only, nothing loaded). Tagged core, so it runs against
 * the Go 1.26 (DWARF 5) and the Go 1.21 (DWARF 4) builds.
 */
@Tag("core")
class GoSignatureTest {
    static GoBinary sigs;

    @BeforeAll
    static void open() {
        sigs = GoBinary.open(Fixtures.library(Fixtures.DEFAULT, "sigs"));
    }

    private static GoSignature signature(String name) {
        return sigs.function(name).signature().orElseThrow(() -> new AssertionError("no signature for " + name));
    }

    private static TypeInfo type(GoParameter p) {
        return p.info().type();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "main.PlaceOrder | func(qty int, name string) (int, error)",
            "main.NewID | func() ([16]uint8, error)",
            "main.Find | func(o *main.Order, data []uint8, index map[string]int) (main.Money, bool)",
            "main.Anonymous | func(s struct { A int; B string }) struct { C float64 }",
            "main.Misc | func(c chan int, f func(int) string, a interface {}, sh main.Shape, u unsafe.Pointer, p uintptr, z complex128) int32",
            "main.(*Store).Get | func(s *main.Store, key string) (int, bool)",
            "main.Money.Add | func(m main.Money, o main.Money) main.Money",
            "main.Named | func(qty int, name string) (total int, err error)",
            "main.Swap[go.shape.int] | func(.dict uintptr, a go.shape.int, b go.shape.int) (go.shape.int, go.shape.int)",
            "main.MakePair[go.shape.string,go.shape.float64] | func(.dict uintptr, k go.shape.string, v go.shape.float64) main.Pair[go.shape.string,go.shape.float64]",
    })
    void signaturesReadAsGoWritesThem(String function, String expected) {
        assertThat(signature(function)).hasToString(expected);
        assertThat(signature(function).isDeclared()).isFalse();
        assertThat(signature(function).functionName()).isEqualTo(function);
    }

    @Test
    void parametersAndResultsHaveNameTypeAndSize() {
        GoSignature s = signature("main.PlaceOrder");
        assertThat(s.parameters()).extracting(GoParameter::name).containsExactly("qty", "name");
        assertThat(s.parameters()).extracting(GoParameter::typeName).containsExactly("int", "string");
        assertThat(s.parameters()).extracting(GoParameter::size).containsExactly(8L, 16L);
        assertThat(s.results()).extracting(GoParameter::name).containsExactly("", "");
        assertThat(s.results()).extracting(GoParameter::typeName).containsExactly("int", "error");
        assertThat(s.results()).extracting(GoParameter::kind).containsExactly(GoType.Kind.INT, GoType.Kind.INTERFACE);
        assertThat(s.results()).allMatch(GoParameter::isResult);
        assertThat(s.parameters().get(1).location()).contains("RBX+RCX");
        assertThat(s.frameSize()).contains(24L); // spill area of qty and name; pclntab args say the same
    }

    @Test
    void aMethodsReceiverIsTheFirstParameter() {
        assertThat(signature("main.(*Store).Get").parameters().get(0).typeName()).isEqualTo("*main.Store");
        assertThat(signature("main.Order.Total").parameters().get(0)).hasToString("o main.Order");
    }

    @Test
    void typesCarryKindSizeAlignmentAndStructure() {
        TypeInfo order = type(signature("main.Find").parameters().get(0)).elem();
        assertThat(order.name()).isEqualTo("main.Order");
        assertThat(order.kind()).isEqualTo(TypeKind.STRUCT);
        assertThat(order.size()).isEqualTo(48);
        assertThat(order.alignment()).isEqualTo(8);
        assertThat(order.fields()).extracting(TypeInfo.Field::name).containsExactly("ID", "Qty", "Price", "Tags");
        assertThat(order.fields()).extracting(TypeInfo.Field::offset).containsExactly(0L, 8L, 16L, 24L);
        assertThat(order.fields().get(3).type().name()).isEqualTo("[]string");
        assertThat(order.fields().get(3).type().elem().kind()).isEqualTo(TypeKind.STRING);

        TypeInfo id = type(signature("main.NewID").results().get(0));
        assertThat(id.kind()).isEqualTo(TypeKind.ARRAY);
        assertThat(id.length()).isEqualTo(16);
        assertThat(id.elem().name()).isEqualTo("uint8");
        assertThat(id.alignment()).isEqualTo(1);

        TypeInfo index = type(signature("main.Find").parameters().get(2));
        assertThat(index.kind()).isEqualTo(TypeKind.MAP);
        assertThat(index.key().name()).isEqualTo("string");
        assertThat(index.elem().name()).isEqualTo("int");
        assertThat(index.size()).isEqualTo(8);

        TypeInfo money = type(signature("main.Find").results().get(0));
        assertThat(money.kind()).isEqualTo(TypeKind.INT64);
        assertThat(money.name()).isEqualTo("main.Money");

        List<GoParameter> nesting = signature("main.Nesting").parameters();
        TypeInfo withZero = type(nesting.get(1));
        assertThat(withZero.fields()).extracting(f -> f.type().name()).containsExactly("int32", "[0]int64", "int32");
        assertThat(withZero.fields().get(1).type().length()).isZero();
        assertThat(withZero.alignment()).isEqualTo(8); // the [0]int64 field aligns the struct
        assertThat(type(nesting.get(2)).size()).isZero();
        TypeInfo mixed = type(signature("main.Structs").parameters().get(0));
        assertThat(mixed.fields()).extracting(TypeInfo.Field::offset).containsExactly(0L, 4L, 8L);

        assertThat(type(signature("main.Misc").parameters().get(0)).elem().name()).isEqualTo("int");
        assertThat(type(signature("main.Misc").parameters().get(4)).kind()).isEqualTo(TypeKind.UNSAFE_POINTER);
        assertThat(type(signature("main.Misc").parameters().get(6)).alignment()).isEqualTo(8);
    }

    @Test
    void everyGoFunctionWithASignatureLaysOutTheArgumentAreaThePclntabRecords() {
        int checked = 0;
        for (GoFunction f : sigs.functions()) {
            if (f.signature().isPresent()) {
                assertThat(f.signature().get().frameSize()).as(f.name()).contains((long) f.argsSize());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void laterRequestsAreAnsweredFromMemory() {
        GoFunction f = sigs.function("main.Words");
        assertThat(f.signature().get()).isSameAs(f.signature().get());
        assertThat(sigs.function("main.Words").signature().get()).isSameAs(f.signature().get());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nodwarf", Fixtures.STRIPPED})
    void aLibraryWithoutDwarfHasNoSignatures(String variant) {
        GoBinary bare = GoBinary.open(Fixtures.library(variant, "sigs"));
        // Before Go 1.26, -w keeps the DWARF of the cgo C files: a .debug_info that describes no Go function
        // (readelf -S on the nodwarf builds of go1.21.13 ... go1.25.14 shows it, go1.26.x has none).
        assertThat(bare.hasDebugInfo()).isEqualTo(variant.equals("nodwarf") && goMinor(bare.goVersion()) < 26);
        assertThat(bare.function("main.PlaceOrder").signature()).isEmpty();
        assertThat(bare.function("main.Words").signature()).isEmpty();
        assertThat(sigs.hasDebugInfo()).isTrue();
    }

    @Test
    void assemblyBodiesHaveNoSignature() {
        assertThat(sigs.function("runtime.memmove").signature()).isEmpty();
    }

    /** 21 for "go1.21.13". */
    private static int goMinor(String goVersion) {
        return Integer.parseInt(goVersion.replaceFirst("^go1\\.(\\d+).*$", "$1"));
    }
}
