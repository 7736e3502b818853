package dev.gojack;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GoJack's computed register assignment (amd64) is what Go's compiler does, checked two ways on functions of the
 * sigs fixture that cover every rule of abi-internal.md:
 * <ul>
 * <li>by calling: Go code calls a function value typed as the case's signature whose code records every argument
 * register and the argument area (go-fixtures/sigs {@code dump}), then returns a known value in every result
 * register and writes the stack results where GoJack says they live; each argument component must arrive where
 * GoJack computed, and each result the caller reads must be the one GoJack placed;</li>
 * <li>by the compiled code: the function's stack-growth path reloads every register argument from its spill slot
 * ({@code CALL runtime.morestack_noctxt; MOV disp(SP), reg…; JMP entry}); the set of (register, slot, width) it
 * reloads must equal the spill area GoJack computed.</li>
 * </ul>
 * The signature comes from the library's DWARF, so the DWARF reader is checked on the way. Tagged core: runs
 * against the Go 1.26 and the Go 1.21 build.
 */
@Tag("core")
class RegisterAbiTest {
    private static final int INTS = 9;
    private static final int FLOATS = 15;
    private static final int STACK_WORDS = 32;
    private static GoLibrary library;
    private static SigsLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library(Fixtures.DEFAULT, "sigs"));
        go = Fixtures.bind(SigsLibrary.class, library);
    }

    /** One base value of an argument or result in memory order: offset within the value, size, kind. */
    record Component(long offset, int size, TypeKind kind) {
    }

    /** The base values of a type, found independently of the ABI code (every array element, every field). */
    static void components(TypeInfo t, long at, List<Component> out) {
        TypeKind k = t.kind();
        switch (k) {
            case STRING -> {
                out.add(new Component(at, 8, TypeKind.UINTPTR));
                out.add(new Component(at + 8, 8, TypeKind.INT));
            }
            case INTERFACE -> {
                out.add(new Component(at, 8, TypeKind.UINTPTR));
                out.add(new Component(at + 8, 8, TypeKind.UINTPTR));
            }
            case SLICE -> {
                for (int i = 0; i < 3; i++) {
                    out.add(new Component(at + 8L * i, 8, TypeKind.UINTPTR));
                }
            }
            case COMPLEX64, COMPLEX128 -> {
                int half = (int) t.size() / 2;
                TypeKind part = half == 4 ? TypeKind.FLOAT32 : TypeKind.FLOAT64;
                out.add(new Component(at, half, part));
                out.add(new Component(at + half, half, part));
            }
            case STRUCT -> t.fields().forEach(f -> components(f.type(), at + f.offset(), out));
            case ARRAY -> {
                for (long i = 0; i < t.length(); i++) {
                    components(t.elem(), at + i * t.elem().size(), out);
                }
            }
            default -> out.add(new Component(at, (int) t.size(), k));
        }
    }

    /** The value the probe passes for the k-th argument component (go-fixtures/sigs: k+1, k+1.25, true). */
    static long argumentTag(int k, Component c) {
        return switch (c.kind()) {
            case FLOAT32 -> Float.floatToRawIntBits(k + 1.25f) & 0xffffffffL;
            case FLOAT64 -> Double.doubleToRawLongBits(k + 1.25);
            case BOOL -> 1;
            default -> k + 1;
        };
    }

    static long mask(long v, int size) {
        return size >= 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    static long stackBytes(long[] out, long offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            long at = offset + i;
            long word = out[INTS + FLOATS + (int) (at / 8)];
            v |= ((word >>> (8 * (at % 8))) & 0xff) << (8 * i);
        }
        return v;
    }

    private static AbiAssignment assignment(String function) {
        GoSignature sig = library.function(function).signature().orElseThrow();
        return sig.assignment();
    }

    private static int probe(String name, long[] out, long[] writes) {
        return switch (name) {
            case "ABIExample" -> go.ProbeABIExample(out, writes, writes.length);
            case "Exhaust" -> go.ProbeExhaust(out, writes, writes.length);
            case "Backfill" -> go.ProbeBackfill(out, writes, writes.length);
            case "Floats" -> go.ProbeFloats(out, writes, writes.length);
            case "Structs" -> go.ProbeStructs(out, writes, writes.length);
            case "Nesting" -> go.ProbeNesting(out, writes, writes.length);
            case "Stacked" -> go.ProbeStacked(out, writes, writes.length);
            case "Words" -> go.ProbeWords(out, writes, writes.length);
            case "FloatStruct" -> go.ProbeFloatStruct(out, writes, writes.length);
            case "Order.Total" -> go.ProbeTotal(out, writes, writes.length);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "main.{0}")
    @ValueSource(strings = {"ABIExample", "Exhaust", "Backfill", "Floats", "Structs", "Nesting", "Stacked", "Words",
            "FloatStruct", "Order.Total"})
    void goPassesEveryArgumentAndReadsEveryResultWhereTheComputedAssignmentSays(String name) {
        AbiAssignment abi = assignment("main." + name);
        assertThat(abi.frameSize()).isLessThanOrEqualTo(8L * STACK_WORDS);

        // Results: registers carry the probe's fixed tags; stack results get values we choose and write.
        List<Long> writes = new ArrayList<>();
        List<Long> expectedResults = new ArrayList<>();
        int stackTag = 0;
        for (AbiAssignment.Value r : abi.results()) {
            List<Component> cs = new ArrayList<>();
            components(r.type(), 0, cs);
            if (r.onStack()) {
                for (Component c : cs) {
                    long v = mask(0x5a00 + stackTag++, c.size());
                    writes.add(r.stackOffset() + c.offset());
                    writes.add((long) c.size());
                    writes.add(v);
                    expectedResults.add(v);
                }
            } else {
                assertThat(r.pieces()).hasSameSizeAs(cs);
                for (int i = 0; i < cs.size(); i++) {
                    AbiAssignment.Piece p = r.pieces().get(i);
                    Component c = cs.get(i);
                    assertThat(p.offset()).isEqualTo(c.offset());
                    // go-fixtures/sigs dump: 0xa0+i in integer register i; in float register j a float64 whose
                    // low 32 bits (what a float32 read sees) are 0xf0+j.
                    long v = p.register().floating()
                            ? mask(0x4059000000000000L | (0xf0 + p.register().index()), c.size())
                            : mask(0xa0 + p.register().index(), c.size());
                    expectedResults.add(v);
                }
            }
        }
        long[] out = new long[INTS + FLOATS + STACK_WORDS + 64];
        long[] w = writes.stream().mapToLong(Long::longValue).toArray();
        int received = probe(name, out, w);
        assertThat(received).as("result components").isEqualTo(expectedResults.size());

        // Arguments: every component where the assignment puts it, with the value the probe passed.
        int k = 0;
        for (AbiAssignment.Value p : abi.parameters()) {
            List<Component> cs = new ArrayList<>();
            components(p.type(), 0, cs);
            if (!p.onStack()) {
                assertThat(p.pieces()).as(p.name()).hasSameSizeAs(cs);
            }
            for (int i = 0; i < cs.size(); i++, k++) {
                Component c = cs.get(i);
                long expected = argumentTag(k, c);
                long actual;
                String where;
                if (p.onStack()) {
                    actual = stackBytes(out, p.stackOffset() + c.offset(), c.size());
                    where = "stack+" + (p.stackOffset() + c.offset());
                } else {
                    AbiAssignment.Piece piece = p.pieces().get(i);
                    assertThat(piece.offset()).isEqualTo(c.offset());
                    int index = piece.register().index();
                    long raw = piece.register().floating() ? out[INTS + index] : out[index];
                    actual = mask(raw, c.size());
                    where = piece.register().name();
                }
                assertThat(actual).as("%s component %d (offset %d) in %s", p.name(), i, c.offset(), where)
                        .isEqualTo(mask(expected, c.size()));
            }
        }
        List<Long> actualResults = new ArrayList<>();
        for (int i = 0; i < expectedResults.size(); i++) {
            actualResults.add(out[INTS + FLOATS + STACK_WORDS + i]);
        }
        List<Long> maskedExpected = new ArrayList<>(expectedResults);
        assertThat(actualResults).as("results as the caller read them").isEqualTo(maskedExpected);
    }

    @ParameterizedTest(name = "main.{0}")
    @ValueSource(strings = {"ABIExample", "Exhaust", "Backfill", "Floats", "Structs", "Nesting", "Stacked", "Words",
            "FloatStruct", "Order.Total", "PlaceOrder", "(*Store).Get"})
    void theStackGrowthPathReloadsEveryRegisterArgumentFromItsComputedSpillSlot(String name) {
        GoFunction f = library.binary().function("main." + name);
        AbiAssignment abi = f.signature().orElseThrow().assignment();
        Set<String> expected = new HashSet<>();
        for (AbiAssignment.Value p : abi.parameters()) {
            for (AbiAssignment.Piece piece : p.pieces()) {
                expected.add(piece.register().name() + "<-" + (8 + p.spillOffset() + piece.offset()) + "/" + piece.size());
            }
        }
        assertThat(SpillReloads.of(library.binary(), f)).isEqualTo(expected);
    }
}
