package dev.gojack.internal.patch;

import dev.gojack.GoFunction;
import dev.gojack.GoValue;
import dev.gojack.PatchOption;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.dwarf.Parameter;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Check 5 of {@link Checks}, with the function's typed signature (issue 18): a patch must give Go what the
 * function's callers expect. Without a signature (no DWARF, none declared) only the pclntab's argument size is
 * compared ({@link Checks#signatureSize}) and the patch says {@value #UNCHECKED} in its {@code describe()}.
 *
 * <p><b>Stubs</b>: one {@link GoValue} per result, in order, of the result's kind and size: {@code int64} for
 * {@code int}/{@code int64} (and named types over them), {@code uint64} or {@code uintptr} for {@code uint},
 * {@code uint64} and {@code uintptr}, narrower integers of their exact width and signedness, {@code float32} and
 * {@code float64} exactly, {@code bool}, {@code string}; {@code nilPointer} only for pointers, maps, channels,
 * funcs and {@code unsafe.Pointer}, which also take a {@code uintptr} (an address the test chose, such as a
 * package variable's: the GC ignores pointers outside its heap, and GoJack has no other non-nil pointer value);
 * {@code nilSlice} only for slices; {@code nilInterface} and
 * {@code interfaceFrom} only for interfaces ({@code error} included); {@code error} only for {@code error} and the
 * empty interface; {@code bytes} only for {@code []byte}; {@code array} and {@code byteArray} for arrays of the same
 * length, element by element; {@code struct} for structs of as many fields, field by field (the fields are laid
 * out at the offsets of the result's type). Complex numbers have no value yet and are refused. The base name of a generic function checks every shape instantiation on its own.
 *
 * <p><b>Redirects</b>: both sides must lay out their parameters and results the same under Go's register ABI —
 * every base value (a word of a string, a field of a struct, an element of an array on the stack) in the same
 * register or at the same stack offset, of the same size and the same class: integer, floating point, pointer,
 * or the type word of an interface of the same interface type. Signedness and pointed-to types are not compared
 * ({@code int}/{@code uint}, {@code bool}/{@code uint8}, {@code *A}/{@code *B} pass the same bits). Pointer
 * versus integer is compared in registers too, not only in stack slots: the callee spills its register arguments
 * to the spill area and keeps values live in its frame, and its own stack maps tell the garbage collector which of
 * those slots are pointers — an integer where the replacement's maps say pointer is a bad pointer to Go's GC
 * (and a pointer where they say integer is a object the GC may free), whichever register brought it.
 * {@link PatchOption#ALLOW_SIGNATURE_MISMATCH} skips both checks.
 */
final class SignatureCheck {
    static final String UNCHECKED = "unchecked: no signature";
    private static final String OVERRIDDEN = "signature not checked: ALLOW_SIGNATURE_MISMATCH";

    private SignatureCheck() {
    }

    // ---------------------------------------------------------------- stubs

    /**
     * Refuses {@code rows} unless each row fits the results of every function of {@code targets} (the shape
     * instantiations of a generic base name {@code name}, or the one function of that name).
     *
     * @return what the patch's description adds: empty when every target was checked
     */
    static String stub(String name, List<GoFunction> targets, List<GoValue[]> rows,
                       Function<GoFunction, Optional<TypedSignature>> signatures, Path library,
                       PatchOption... options) {
        if (Checks.has(options, PatchOption.ALLOW_SIGNATURE_MISMATCH)) {
            return note(OVERRIDDEN);
        }
        List<String> unchecked = new ArrayList<>();
        Map<String, String> fit = new LinkedHashMap<>();
        Map<String, String> misfit = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        String misfitValues = null;
        for (GoFunction t : targets) {
            Optional<TypedSignature> s = signatures.apply(t);
            if (s.isEmpty()) {
                unchecked.add(t.name());
                continue;
            }
            String why = null;
            for (int r = 0; r < rows.size() && why == null; r++) {
                why = valuesMismatch(s.get().info().results(), rows.get(r));
                if (why != null) {
                    why = rows.size() > 1 ? "row " + r + ": " + why : why;
                    misfitValues = misfitValues == null ? values(rows.get(r)) : misfitValues;
                }
            }
            (why == null ? fit : misfit).put(t.name(), s.get().goSyntax());
            if (why != null) {
                reasons.put(t.name(), why);
            }
        }
        if (!misfit.isEmpty()) {
            if (targets.size() == 1) {
                String only = targets.get(0).name();
                throw Problems.stubValuesMismatch(only, library, misfit.get(only), misfitValues, reasons.get(only));
            }
            throw Problems.stubValuesFitSomeShapes(name, library, misfitValues, fit, misfit, reasons, unchecked);
        }
        return unchecked(unchecked, targets.size());
    }

    /** Why {@code row} does not fit {@code results}, or null when it does. */
    static String valuesMismatch(List<Parameter> results, GoValue[] row) {
        if (results.size() != row.length) {
            return "the function has " + count(results.size(), "result") + " and " + count(row.length, "value")
                    + " were given";
        }
        for (int i = 0; i < row.length; i++) {
            String why = mismatch("result " + (i + 1), results.get(i).type(), row[i]);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /**
     * Why {@code v} is no value of {@code type}, naming the part ({@code what}: "result 1", "result 1 field 2 (F)",
     * "result 2 element 3") where they differ first; null when it is one. Arrays match element by element, structs
     * field by field.
     */
    static String mismatch(String what, TypeInfo type, GoValue v) {
        TypeKind k = type.kind();
        switch (v.kind()) {
            case ARRAY, BYTE_ARRAY -> {
                if (k != TypeKind.ARRAY) {
                    return misfit(what, type, v);
                }
                if (type.length() != v.length()) {
                    return what + " is " + type.name() + ", of " + count((int) type.length(), "element")
                            + ", and the value " + v.typeName() + " has " + v.length() + "; " + hint(type);
                }
                if (v.kind() == GoValue.Kind.BYTE_ARRAY) {
                    return type.length() == 0 || (type.elem() != null && type.elem().kind() == TypeKind.UINT8)
                            ? null : misfit(what, type, v);
                }
                for (int i = 0; i < v.length(); i++) {
                    String why = mismatch(what + " element " + i, type.elem(), v.elements().get(i));
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            }
            case STRUCT -> {
                if (k != TypeKind.STRUCT) {
                    return misfit(what, type, v);
                }
                if (type.fields().size() != v.length()) {
                    return what + " is " + type.name() + ", of " + count(type.fields().size(), "field")
                            + ", and the value " + v.typeName() + " has " + v.length() + "; " + hint(type);
                }
                for (int i = 0; i < v.length(); i++) {
                    TypeInfo.Field f = type.fields().get(i);
                    String why = mismatch(what + " field " + (i + 1) + (f.name().isEmpty() ? "" : " (" + f.name()
                            + ")"), f.type(), v.elements().get(i));
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            }
            default -> {
                return fits(type, v.kind()) ? null : misfit(what, type, v);
            }
        }
    }

    private static String misfit(String what, TypeInfo type, GoValue v) {
        return what + " is " + type.name() + ", which " + value(v) + " is not; " + hint(type);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The rule of this class's Javadoc: the Go kinds a value of {@code kind} stands for. */
    static boolean fits(TypeInfo type, GoValue.Kind kind) {
        TypeKind k = type.kind();
        return switch (kind) {
            case INT64 -> k == TypeKind.INT || k == TypeKind.INT64;
            case UINT64 -> k == TypeKind.UINT || k == TypeKind.UINT64 || k == TypeKind.UINTPTR;
            // An address the caller chose (a package variable's, GoJack's memory): Go's uintptr for a pointer.
            case UINTPTR -> k == TypeKind.UINT || k == TypeKind.UINT64 || k == TypeKind.UINTPTR
                    || k.isPointerShaped();
            case INT32 -> k == TypeKind.INT32;
            case INT16 -> k == TypeKind.INT16;
            case INT8 -> k == TypeKind.INT8;
            case UINT32 -> k == TypeKind.UINT32;
            case UINT16 -> k == TypeKind.UINT16;
            case UINT8 -> k == TypeKind.UINT8;
            case BOOL -> k == TypeKind.BOOL;
            case FLOAT32 -> k == TypeKind.FLOAT32;
            case FLOAT64 -> k == TypeKind.FLOAT64;
            case STRING -> k == TypeKind.STRING;
            case NIL_POINTER -> k.isPointerShaped();
            case NIL_SLICE -> k == TypeKind.SLICE;
            case NIL_INTERFACE, INTERFACE_FROM -> k == TypeKind.INTERFACE;
            case BYTES -> k == TypeKind.SLICE && (type.name().equals("[]uint8")
                    || type.elem() != null && type.elem().kind() == TypeKind.UINT8);
            // *errors.errorString implements error and the empty interface, and no other interface.
            case ERROR -> k == TypeKind.INTERFACE && (type.name().equals("error")
                    || type.name().equals("interface {}") || type.name().equals("any"));
            case ARRAY, BYTE_ARRAY -> k == TypeKind.ARRAY;
            case STRUCT -> k == TypeKind.STRUCT;
        };
    }

    /** The value to give for a result of {@code type}. */
    private static String hint(TypeInfo type) {
        TypeKind k = type.kind();
        if (k.isPointerShaped()) {
            return "give GoValue.nilPointer()";
        }
        return switch (k) {
            case INT, INT64 -> "give GoValue.int64(…)";
            case UINT, UINT64 -> "give GoValue.uint64(…)";
            case UINTPTR -> "give GoValue.uintptr(…)";
            case INT32, INT16, INT8, UINT32, UINT16, UINT8, BOOL, FLOAT32, FLOAT64, STRING ->
                    "give GoValue." + k.name().toLowerCase(java.util.Locale.ROOT) + "(…)";
            case SLICE -> type.name().equals("[]uint8") ? "give GoValue.bytes(…) or GoValue.nilSlice()"
                    : "give GoValue.nilSlice()";
            case INTERFACE -> type.name().equals("error") ? "give GoValue.error(\"message\"), "
                    + "GoValue.nilInterface() or GoValue.interfaceFrom(\"pkg.Var\")"
                    : "give GoValue.nilInterface() or GoValue.interfaceFrom(\"pkg.Var\")";
            case ARRAY -> type.elem() != null && type.elem().kind() == TypeKind.UINT8
                    ? "give GoValue.byteArray(…) of " + count((int) type.length(), "byte")
                    : "give GoValue.array(…) of " + count((int) type.length(), "element");
            case STRUCT -> "give GoValue.struct(…) of its " + count(type.fields().size(), "field") + ", in order";
            case COMPLEX64, COMPLEX128 -> "GoJack has no complex value yet: redirect the function to a Go "
                    + "function of the same signature instead";
            default -> "GoJack does not know values of its kind (" + k + ")";
        };
    }

    /** The results the values imply, as Go writes a result list: {@code (int64, nil interface)}. */
    static String values(GoValue[] row) {
        List<String> each = new ArrayList<>();
        for (GoValue v : row) {
            each.add(value(v));
        }
        return "(" + String.join(", ", each) + ")";
    }

    private static String value(GoValue v) {
        return switch (v.kind()) {
            case NIL_POINTER -> "nil pointer";
            case NIL_SLICE -> "nil slice";
            case NIL_INTERFACE -> "nil interface";
            case INTERFACE_FROM -> "interface value of " + v.text();
            case ERROR -> "error \"" + v.text() + "\"";
            default -> v.typeName();
        };
    }

    // ---------------------------------------------------------------- redirects

    /**
     * Refuses a redirect of {@code targets} to {@code replacement} whose two sides do not lay out the same, then
     * runs today's argument size check ({@link Checks#signatureSize}) for every target.
     *
     * @return what the patch's description adds: empty when every target was checked
     */
    static String redirect(List<GoFunction> targets, GoFunction replacement,
                           Function<GoFunction, Optional<TypedSignature>> signatures, Path library,
                           PatchOption... options) {
        if (Checks.has(options, PatchOption.ALLOW_SIGNATURE_MISMATCH)) {
            return note(OVERRIDDEN);
        }
        Optional<TypedSignature> r = signatures.apply(replacement).filter(s -> s.assignment() != null);
        List<String> unchecked = new ArrayList<>();
        for (GoFunction t : targets) {
            Optional<TypedSignature> s = signatures.apply(t).filter(x -> x.assignment() != null);
            if (s.isEmpty() || r.isEmpty()) {
                unchecked.add(t.name());
                continue;
            }
            String why = comparedLayouts(t.name(), s.get().assignment(), replacement.name(), r.get().assignment());
            if (why != null) {
                throw Problems.redirectLayoutMismatch(t.name(), s.get().goSyntax(), replacement.name(),
                        r.get().goSyntax(), library, why);
            }
        }
        Checks.signatureSize(targets, replacement, library, options);
        return unchecked(unchecked, targets.size());
    }

    /**
     * {@link #layoutDifference} once per pair of assignments: a signature's assignment is computed once and kept
     * (a declared signature makes a new one), so the same pair gets the same answer, and re-checking it was a
     * tenth of a redirect's apply and restore.
     */
    private static final Map<Compared, Optional<String>> COMPARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The names and (by identity) the assignments of one comparison. */
    private record Compared(String aName, AbiAssignment a, String bName, AbiAssignment b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Compared c && c.a == a && c.b == b && c.aName.equals(aName) && c.bName.equals(bName);
        }

        @Override
        public int hashCode() {
            return (aName.hashCode() * 31 + bName.hashCode()) * 31 + System.identityHashCode(a) * 17
                    + System.identityHashCode(b);
        }
    }

    private static String comparedLayouts(String aName, AbiAssignment a, String bName, AbiAssignment b) {
        return COMPARED.computeIfAbsent(new Compared(aName, a, bName, b),
                c -> Optional.ofNullable(layoutDifference(aName, a, bName, b))).orElse(null);
    }

    /** Where the two assignments differ first, or null when every base value travels the same way. */
    static String layoutDifference(String aName, AbiAssignment a, String bName, AbiAssignment b) {
        String params = difference("parameter", aName, slots(a.parameters()), bName, slots(b.parameters()));
        if (params != null) {
            return params;
        }
        String results = difference("result", aName, slots(a.results()), bName, slots(b.results()));
        if (results != null) {
            return results;
        }
        if (a.frameSize() != b.frameSize()) {
            return "callers of " + aName + " reserve " + a.frameSize() + " bytes of argument area, and " + bName
                    + " uses " + b.frameSize();
        }
        return null;
    }

    /** One base value of a parameter or result: where it travels, its size and class, and what it belongs to. */
    record Slot(String where, long size, String kind, String owner) {
        String describe() {
            return owner + " in " + where + " (" + kind + ", " + size + " byte" + (size == 1 ? "" : "s") + ")";
        }
    }

    private static String difference(String what, String aName, List<Slot> a, String bName, List<Slot> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Slot x = i < a.size() ? a.get(i) : null;
            Slot y = i < b.size() ? b.get(i) : null;
            if (x == null || y == null) {
                Slot only = x == null ? y : x;
                return what + " word " + i + ": only " + (x == null ? bName : aName) + " has one, "
                        + only.describe();
            }
            if (!x.where().equals(y.where()) || x.size() != y.size() || !x.kind().equals(y.kind())) {
                return what + " word " + i + ": " + aName + " has " + x.describe() + ", " + bName + " has "
                        + y.describe();
            }
        }
        return null;
    }

    static List<Slot> slots(List<AbiAssignment.Value> values) {
        List<Slot> out = new ArrayList<>();
        for (AbiAssignment.Value v : values) {
            List<Leaf> leaves = new ArrayList<>();
            leaves(v.type(), 0, leaves);
            String owner = (v.name().isEmpty() ? "" : v.name() + " ") + v.type().name();
            // Shape-stenciled code's dictionary: DWARF-less, GoJack types it uintptr, replacements written in Go
            // take an unsafe.Pointer; it points at read-only data, which the GC never follows either way.
            boolean dictionary = v.name().equals(".dict");
            for (int i = 0; i < leaves.size(); i++) {
                Leaf l = leaves.get(i);
                String where;
                if (v.onStack()) {
                    where = "stack+" + (v.stackOffset() + l.offset());
                } else {
                    // The ABI register-assigns exactly these base values, in this order.
                    where = i < v.pieces().size() ? v.pieces().get(i).register().name() : "no register";
                }
                out.add(new Slot(where, l.size(), dictionary ? POINTER : l.kind(), owner));
            }
        }
        return out;
    }

    private record Leaf(long offset, long size, String kind) {
    }

    private static final String INTEGER = "integer";
    static final String FLOAT = "floating point";
    private static final String POINTER = "pointer";
    /** Arrays longer than this are compared as one block (their element type and whether it holds pointers). */
    private static final int ELEMENTS = 256;

    /** The base values of {@code t} at {@code at}, in the order the register ABI assigns them. */
    private static void leaves(TypeInfo t, long at, List<Leaf> out) {
        TypeKind k = t.kind();
        if (k == TypeKind.BOOL || k.isInteger()) {
            out.add(new Leaf(at, t.size(), INTEGER));
        } else if (k.isFloat()) {
            out.add(new Leaf(at, t.size(), FLOAT));
        } else if (k.isComplex()) {
            out.add(new Leaf(at, t.size() / 2, FLOAT));
            out.add(new Leaf(at + t.size() / 2, t.size() / 2, FLOAT));
        } else if (k.isPointerShaped()) {
            out.add(new Leaf(at, 8, POINTER));
        } else if (k == TypeKind.STRING) {
            out.add(new Leaf(at, 8, POINTER));
            out.add(new Leaf(at + 8, 8, INTEGER));
        } else if (k == TypeKind.INTERFACE) {
            out.add(new Leaf(at, 8, "type word of " + t.name()));
            out.add(new Leaf(at + 8, 8, POINTER));
        } else if (k == TypeKind.SLICE) {
            out.add(new Leaf(at, 8, POINTER));
            out.add(new Leaf(at + 8, 8, INTEGER));
            out.add(new Leaf(at + 16, 8, INTEGER));
        } else if (k == TypeKind.STRUCT) {
            for (TypeInfo.Field f : t.fields()) {
                leaves(f.type(), at + f.offset(), out);
            }
        } else if (k == TypeKind.ARRAY && t.length() > 0) {
            TypeInfo elem = t.elem();
            if (elem == null || t.length() > ELEMENTS) {
                out.add(new Leaf(at, t.size(), "array of " + (elem == null ? "?" : elem.name())
                        + (t.hasPointers() ? " with pointers" : "")));
            } else {
                for (long i = 0; i < t.length(); i++) {
                    leaves(elem, at + i * elem.size(), out);
                }
            }
        } else if (k != TypeKind.ARRAY && t.size() > 0) {
            out.add(new Leaf(at, t.size(), "value of " + t.name()));
        }
    }

    // ---------------------------------------------------------------- descriptions

    private static String unchecked(List<String> names, int targets) {
        if (names.isEmpty()) {
            return "";
        }
        return note(names.size() == targets ? UNCHECKED : UNCHECKED + " for " + String.join(", ", names));
    }

    private static String note(String text) {
        return " (" + text + ")";
    }
}
