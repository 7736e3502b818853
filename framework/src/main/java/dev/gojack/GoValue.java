package dev.gojack;

import dev.gojack.internal.Problems;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A Go value that GoJack can place where Go expects it: in result registers (for {@link GoLibrary#stubReturn})
 * or in a package variable ({@link LiveVariable#set}). Factories are named after Go's types. Go's {@code int}
 * and {@code uint} are 64-bit on the platforms GoJack supports: use {@link #int64} and {@link #uint64}.
 *
 * <p>Composite values: {@link #bytes} (a {@code []byte}), {@link #array} and {@link #byteArray} ({@code [N]T}),
 * {@link #struct} (fields in order) and {@link #error} (a new non-nil {@code error}). Everything a value points
 * at (string and slice bytes, an error's {@code *errors.errorString}) lives in GoJack's memory outside the Go
 * heap, which the garbage collector ignores, and is never freed while the JVM runs.
 *
 * <p>Where results go (linux/amd64, Go's register ABI): integer-shaped results take RAX, RBX, RCX, RDI, RSI,
 * R8, R9, R10, R11 in order — a {@code string} two of them (pointer, length), a slice three (pointer, length,
 * capacity), an interface two (type or itab, data), a struct one per field; {@code float32}/{@code float64}
 * take X0…X14 in order. A result that does not fit the registers left (an array longer than 1, a struct of more
 * words than there are registers) is returned in the caller's result slots on the stack, and a stub writes it
 * there; that needs the function's signature (DWARF or {@link GoLibrary#declareSignature}).
 */
public final class GoValue {
    /** What kind of Go value this is. */
    public enum Kind {
        INT64("int64", 8), INT32("int32", 4), INT16("int16", 2), INT8("int8", 1),
        UINT64("uint64", 8), UINT32("uint32", 4), UINT16("uint16", 2), UINT8("uint8", 1), UINTPTR("uintptr", 8),
        BOOL("bool", 1), FLOAT32("float32", 4), FLOAT64("float64", 8), STRING("string", 16),
        NIL_POINTER("nil pointer, map, chan or func", 8), NIL_SLICE("nil slice", 24),
        NIL_INTERFACE("nil interface or error", 16), INTERFACE_FROM("interface value", 16),
        BYTES("[]uint8", 24), ERROR("error", 16), ARRAY("array", -1), BYTE_ARRAY("byte array", -1),
        STRUCT("struct", -1);

        private final String goName;
        private final int size;

        Kind(String goName, int size) {
            this.goName = goName;
            this.size = size;
        }

        /** How Go's type is called in messages. */
        public String goName() {
            return goName;
        }

        /**
         * Bytes a value of this kind takes in memory, or -1 for arrays and structs, whose size depends on their
         * elements ({@link GoValue#size()}).
         */
        public int size() {
            return size;
        }
    }

    private final Kind kind;
    private final long bits;
    private final String text;
    private final byte[] bytes;
    private final List<GoValue> elements;

    private GoValue(Kind kind, long bits, String text) {
        this(kind, bits, text, null, List.of());
    }

    private GoValue(Kind kind, long bits, String text, byte[] bytes, List<GoValue> elements) {
        this.kind = kind;
        this.bits = bits;
        this.text = text;
        this.bytes = bytes;
        this.elements = elements;
    }

    public static GoValue int64(long v) {
        return new GoValue(Kind.INT64, v, null);
    }

    public static GoValue int32(int v) {
        return new GoValue(Kind.INT32, v, null);
    }

    public static GoValue int16(short v) {
        return new GoValue(Kind.INT16, v, null);
    }

    public static GoValue int8(byte v) {
        return new GoValue(Kind.INT8, v, null);
    }

    /** A {@code uint64}; Java's {@code long} carries its 64 bits unchanged. */
    public static GoValue uint64(long v) {
        return new GoValue(Kind.UINT64, v, null);
    }

    public static GoValue uint32(long v) {
        return new GoValue(Kind.UINT32, checkUnsigned(v, 32), null);
    }

    public static GoValue uint16(int v) {
        return new GoValue(Kind.UINT16, checkUnsigned(v, 16), null);
    }

    public static GoValue uint8(int v) {
        return new GoValue(Kind.UINT8, checkUnsigned(v, 8), null);
    }

    public static GoValue uintptr(long v) {
        return new GoValue(Kind.UINTPTR, v, null);
    }

    public static GoValue bool(boolean v) {
        return new GoValue(Kind.BOOL, v ? 1 : 0, null);
    }

    public static GoValue float32(float v) {
        return new GoValue(Kind.FLOAT32, Float.floatToRawIntBits(v) & 0xffffffffL, null);
    }

    public static GoValue float64(double v) {
        return new GoValue(Kind.FLOAT64, Double.doubleToRawLongBits(v), null);
    }

    /** A Go string with the UTF-8 bytes of {@code v}, held off the Go heap by GoJack. */
    public static GoValue string(String v) {
        return new GoValue(Kind.STRING, 0, Objects.requireNonNull(v, "v"));
    }

    /** A nil pointer, map, channel or func. */
    public static GoValue nilPointer() {
        return new GoValue(Kind.NIL_POINTER, 0, null);
    }

    public static GoValue nilSlice() {
        return new GoValue(Kind.NIL_SLICE, 0, null);
    }

    /** A nil interface or nil {@code error}. */
    public static GoValue nilInterface() {
        return new GoValue(Kind.NIL_INTERFACE, 0, null);
    }

    /**
     * The interface value held by the package variable {@code packageVariable} when the patch is applied,
     * e.g. {@code interfaceFrom("io.EOF")} for the sentinel error.
     */
    public static GoValue interfaceFrom(String packageVariable) {
        return new GoValue(Kind.INTERFACE_FROM, 0, Objects.requireNonNull(packageVariable, "packageVariable"));
    }

    /**
     * A non-nil {@code []byte} of a copy of {@code v} (length and capacity {@code v.length}), its bytes in
     * GoJack's memory outside the Go heap. Go may write to them and may append (which copies them into Go's heap,
     * as capacity is full); a stub returns the same bytes at every call.
     */
    public static GoValue bytes(byte[] v) {
        return new GoValue(Kind.BYTES, 0, null, Objects.requireNonNull(v, "v").clone(), List.of());
    }

    /**
     * A Go array {@code [N]T} of {@code elements} (N may be 0), all of one Go type: {@code array(int32(1),
     * int32(2))} is a {@code [2]int32}.
     */
    public static GoValue array(GoValue... elements) {
        List<GoValue> list = List.of(elements);
        for (GoValue e : list) {
            if (!e.typeName().equals(list.get(0).typeName())) {
                throw Problems.mixedArrayElements(list.get(0).typeName(), e.typeName());
            }
        }
        return new GoValue(Kind.ARRAY, 0, null, null, list);
    }

    /** A Go {@code [N]byte} ({@code [N]uint8}) holding a copy of {@code v}, e.g. a {@code uuid.UUID}. */
    public static GoValue byteArray(byte[] v) {
        return new GoValue(Kind.BYTE_ARRAY, 0, null, Objects.requireNonNull(v, "v").clone(), List.of());
    }

    /** A Go struct value whose fields, in declaration order, are {@code fields}; padding is laid out as Go does. */
    public static GoValue struct(GoValue... fields) {
        for (GoValue f : fields) {
            Objects.requireNonNull(f, "field");
        }
        return new GoValue(Kind.STRUCT, 0, null, null, List.of(fields));
    }

    /**
     * A new non-nil {@code error} whose {@code Error()} returns {@code message}: an {@code *errors.errorString}
     * (what Go's {@code errors.New} makes) laid out in GoJack's memory, with the library's own itab for
     * {@code *errors.errorString} as {@code error}. Like {@code errors.New}, every call makes a distinct error:
     * {@code errors.Is} against it is identity, so Go sees the same error from every stub given this value and
     * a different one from a second {@code GoValue.error} of the same text. Refused when the library has no such
     * itab (it never makes an {@code errors.New} error itself).
     */
    public static GoValue error(String message) {
        return new GoValue(Kind.ERROR, 0, Objects.requireNonNull(message, "message"));
    }

    private static long checkUnsigned(long v, int bits) {
        if (v < 0 || v >= (1L << bits)) {
            throw Problems.doesNotFitUnsigned(v, bits);
        }
        return v;
    }

    public Kind kind() {
        return kind;
    }

    /** The raw bits of a numeric value (floats as IEEE bits, narrow ints sign- or zero-extended). */
    public long bits() {
        return bits;
    }

    /**
     * The string of a {@code string} value, the variable name of an {@link #interfaceFrom} value, or the message
     * of an {@link #error} value.
     */
    public String text() {
        return text;
    }

    /** A copy of the bytes of a {@link #bytes} or {@link #byteArray} value; empty for other kinds. */
    public byte[] byteContents() {
        return bytes == null ? new byte[0] : bytes.clone();
    }

    /**
     * The elements of an {@link #array}, the fields of a {@link #struct}, the bytes of a {@link #byteArray} as
     * {@code uint8} values; empty for other kinds.
     */
    public List<GoValue> elements() {
        if (kind == Kind.BYTE_ARRAY) {
            GoValue[] each = new GoValue[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                each[i] = uint8(bytes[i] & 0xff);
            }
            return List.of(each);
        }
        return elements;
    }

    /** Number of elements of an array (bytes of a byte array, fields of a struct); 0 for other kinds. */
    public int length() {
        return kind == Kind.BYTE_ARRAY ? bytes.length : elements.size();
    }

    /** Bytes the value takes in memory, laid out as Go lays out its type (struct fields aligned, padded). */
    public long size() {
        return switch (kind) {
            case BYTE_ARRAY -> bytes.length;
            case ARRAY -> elements.isEmpty() ? 0 : elements.size() * elements.get(0).size();
            case STRUCT -> {
                long offset = 0;
                for (GoValue f : elements) {
                    offset = align(offset, f.alignment()) + f.size();
                }
                // Go pads a struct whose last field is zero-sized, so that its address stays inside the struct.
                if (!elements.isEmpty() && elements.get(elements.size() - 1).size() == 0 && offset > 0) {
                    offset++;
                }
                yield align(offset, alignment());
            }
            default -> kind.size();
        };
    }

    /** The alignment Go gives the value's type. */
    public int alignment() {
        return switch (kind) {
            case BYTE_ARRAY -> 1;
            case ARRAY -> elements.isEmpty() ? 1 : elements.get(0).alignment();
            case STRUCT -> elements.stream().mapToInt(GoValue::alignment).max().orElse(1);
            case STRING, BYTES, NIL_POINTER, NIL_SLICE, NIL_INTERFACE, INTERFACE_FROM, ERROR -> 8;
            default -> kind.size();
        };
    }

    /** Byte offset of each field of a {@link #struct} value, as Go lays them out; empty for other kinds. */
    public long[] fieldOffsets() {
        if (kind != Kind.STRUCT) {
            return new long[0];
        }
        long[] out = new long[elements.size()];
        long offset = 0;
        for (int i = 0; i < out.length; i++) {
            offset = align(offset, elements.get(i).alignment());
            out[i] = offset;
            offset += elements.get(i).size();
        }
        return out;
    }

    private static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /**
     * The Go type the value stands for, as Go writes it: {@code int64}, {@code [16]uint8}, {@code struct {
     * int8; int64 }}; nil and interface values name what they fit ({@code nil pointer}, {@code error}).
     */
    public String typeName() {
        return switch (kind) {
            case BYTE_ARRAY -> "[" + bytes.length + "]uint8";
            case ARRAY -> "[" + elements.size() + "]" + (elements.isEmpty() ? "T" : elements.get(0).typeName());
            case STRUCT -> {
                StringBuilder s = new StringBuilder("struct {");
                for (int i = 0; i < elements.size(); i++) {
                    s.append(i == 0 ? " " : "; ").append(elements.get(i).typeName());
                }
                yield s.append(elements.isEmpty() ? "}" : " }").toString();
            }
            case NIL_POINTER -> "nil pointer";
            case NIL_SLICE -> "nil slice";
            case NIL_INTERFACE -> "nil interface";
            case INTERFACE_FROM -> "interface value of " + text;
            default -> kind.goName;
        };
    }

    public boolean isFloating() {
        return kind == Kind.FLOAT32 || kind == Kind.FLOAT64;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STRING -> "\"" + text + "\"";
            case INTERFACE_FROM -> "interface value of " + text;
            case FLOAT32 -> Float.intBitsToFloat((int) bits) + " (float32)";
            case FLOAT64 -> Double.longBitsToDouble(bits) + " (float64)";
            case BOOL -> bits != 0 ? "true" : "false";
            case NIL_POINTER, NIL_SLICE, NIL_INTERFACE -> "nil (" + kind.goName + ")";
            case BYTES -> "[]byte 0x" + HexFormat.of().formatHex(bytes);
            case BYTE_ARRAY -> typeName() + " 0x" + HexFormat.of().formatHex(bytes);
            case ARRAY -> typeName() + elements;
            case STRUCT -> elements.toString().replace('[', '{').replace(']', '}');
            case ERROR -> "error \"" + text + "\"";
            default -> bits + " (" + kind.goName + ")";
        };
    }

    /** Equal kinds and contents; an {@link #error} value is equal only to itself (each is a new error). */
    @Override
    public boolean equals(Object o) {
        if (kind == Kind.ERROR) {
            return o == this;
        }
        return o instanceof GoValue v && v.kind == kind && v.bits == bits && Objects.equals(v.text, text)
                && java.util.Arrays.equals(v.bytes, bytes) && v.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return kind == Kind.ERROR ? System.identityHashCode(this)
                : Objects.hash(kind, bits, text, java.util.Arrays.hashCode(bytes), elements);
    }
}
