package dev.gojack;

import dev.gojack.internal.Problems;

import java.util.Objects;

/**
 * A Go value that GoJack can place where Go expects it: in result registers (for {@link GoLibrary#stubReturn})
 * or in a package variable ({@link LiveVariable#set}). Factories are named after Go's types. Go's {@code int}
 * and {@code uint} are 64-bit on the platforms GoJack supports: use {@link #int64} and {@link #uint64}.
 *
 * <p>Register mapping (linux/amd64, Go's register ABI): integer-shaped results take RAX, RBX, RCX, RDI, RSI,
 * R8, R9, R10, R11 in order — a {@code string} two of them (pointer, length), a slice three (pointer, length,
 * capacity), an interface two (type or itab, data); {@code float32}/{@code float64} take X0…X14 in order.
 * Results that need more registers than that live on the stack, and GoJack refuses them.
 */
public final class GoValue {
    /** What kind of Go value this is. */
    public enum Kind {
        INT64("int64", 8), INT32("int32", 4), INT16("int16", 2), INT8("int8", 1),
        UINT64("uint64", 8), UINT32("uint32", 4), UINT16("uint16", 2), UINT8("uint8", 1), UINTPTR("uintptr", 8),
        BOOL("bool", 1), FLOAT32("float32", 4), FLOAT64("float64", 8), STRING("string", 16),
        NIL_POINTER("nil pointer, map, chan or func", 8), NIL_SLICE("nil slice", 24),
        NIL_INTERFACE("nil interface or error", 16), INTERFACE_FROM("interface value", 16);

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

        /** Bytes the value takes in memory. */
        public int size() {
            return size;
        }
    }

    private final Kind kind;
    private final long bits;
    private final String text;

    private GoValue(Kind kind, long bits, String text) {
        this.kind = kind;
        this.bits = bits;
        this.text = text;
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

    /** The string of a {@code string} value, or the variable name of an {@link #interfaceFrom} value. */
    public String text() {
        return text;
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
            default -> bits + " (" + kind.goName + ")";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoValue v && v.kind == kind && v.bits == bits && Objects.equals(v.text, text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, bits, text);
    }
}
