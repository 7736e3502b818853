package dev.gojack.internal.answer;

import dev.gojack.GoPointer;
import dev.gojack.GoValue;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import dev.gojack.internal.nat.RawMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Go values in memory ↔ Java values, for the types Java answers carry: decoding reads an argument at its address
 * in the argument area (strings and {@code []byte} are copied at once: the goroutine's stack, and what it points
 * to, may change once the body runs Go code); encoding writes a result's memory image.
 */
final class Codec {
    private Codec() {
    }

    /** Why a parameter of type {@code t} cannot be decoded, or null when it can. */
    static String unsupportedArgument(TypeInfo t) {
        TypeKind k = t.kind();
        if (k == TypeKind.BOOL || k.isInteger() || k.isFloat() || k == TypeKind.STRING || k.isPointerShaped()
                || isByteSlice(t)) {
            return null;
        }
        return "a parameter of type " + t.name() + " (" + k.name().toLowerCase() + ")";
    }

    /** Why a result of type {@code t} cannot be encoded, or null when it can. */
    static String unsupportedResult(TypeInfo t) {
        if (t.kind() == TypeKind.INTERFACE) {
            return null; // nil, a GoValue, or (for error) an error made in Java
        }
        String why = unsupportedArgument(t);
        return why == null ? null : why.replace("a parameter", "a result");
    }

    static boolean isByteSlice(TypeInfo t) {
        return t.kind() == TypeKind.SLICE && t.elem() != null && t.elem().kind() == TypeKind.UINT8
                && t.elem().size() == 1;
    }

    static boolean isError(TypeInfo t) {
        return t.kind() == TypeKind.INTERFACE && t.name().equals("error");
    }

    /** The argument of type {@code t} at {@code address}, boxed as {@link dev.gojack.GoCall#argument(int)} says. */
    static Object decode(long address, TypeInfo t) {
        TypeKind k = t.kind();
        switch (k) {
            case BOOL:
                return RawMemory.getByte(address) != 0;
            case INT8:
            case UINT8:
                return RawMemory.getByte(address);
            case INT16:
            case UINT16:
                return RawMemory.getShort(address);
            case INT32:
            case UINT32:
                return RawMemory.getInt(address);
            case FLOAT32:
                return Float.intBitsToFloat(RawMemory.getInt(address));
            case FLOAT64:
                return Double.longBitsToDouble(RawMemory.getLong(address));
            case STRING:
                return new String(RawMemory.bytes(RawMemory.getLong(address),
                        Math.toIntExact(RawMemory.getLong(address + 8))), StandardCharsets.UTF_8);
            case SLICE: {
                long data = RawMemory.getLong(address);
                return data == 0 ? null : RawMemory.bytes(data, Math.toIntExact(RawMemory.getLong(address + 8)));
            }
            default:
                if (k.isPointerShaped()) {
                    return GoPointer.of(RawMemory.getLong(address));
                }
                return RawMemory.getLong(address); // the 8-byte integers
        }
    }

    /** What encoding needs from the library: constant memory, and an error made from a text. */
    interface Place {
        /** The address of a copy of {@code bytes} that stays for the JVM's life. */
        long constant(byte[] bytes);

        /** The two words of an {@code error} whose Error() is {@code text}, or null when GoJack cannot make one. */
        long[] error(String text);

        /** The memory image of {@code value}. */
        byte[] image(GoValue value, TypeInfo type);
    }

    /**
     * The memory image ({@code t.size()} bytes, rounded up to words) of the Java value {@code v} as a Go value of
     * type {@code t}; {@code refuse} makes the exception for a value that does not fit.
     */
    static byte[] encode(Object v, TypeInfo t, Place place, Function<String, RuntimeException> refuse) {
        ByteBuffer out = ByteBuffer.allocate((int) Math.max(8, (t.size() + 7) & ~7)).order(ByteOrder.LITTLE_ENDIAN);
        TypeKind k = t.kind();
        if (v instanceof GoValue value) {
            if (value.size() != t.size()) {
                throw refuse.apply(value + ", a " + value.size() + "-byte value, for a " + t.name());
            }
            out.put(0, place.image(value, t));
            return out.array();
        }
        if (v == null) {
            if (k.isPointerShaped() || k == TypeKind.SLICE || k == TypeKind.INTERFACE) {
                return out.array();
            }
            throw refuse.apply("null for a " + t.name() + ", which cannot be nil");
        }
        if (k == TypeKind.BOOL) {
            if (!(v instanceof Boolean b)) {
                throw refuse.apply(describe(v) + " for a bool");
            }
            out.put(0, (byte) (b ? 1 : 0));
        } else if (k.isInteger()) {
            out.putLong(0, integer(v, t, refuse));
        } else if (k == TypeKind.FLOAT64) {
            if (!(v instanceof Double) && !(v instanceof Float)) {
                throw refuse.apply(describe(v) + " for a float64");
            }
            out.putLong(0, Double.doubleToRawLongBits(((Number) v).doubleValue()));
        } else if (k == TypeKind.FLOAT32) {
            if (!(v instanceof Float) && !(v instanceof Double)) {
                throw refuse.apply(describe(v) + " for a float32");
            }
            out.putInt(0, Float.floatToRawIntBits(((Number) v).floatValue()));
        } else if (k == TypeKind.STRING) {
            if (!(v instanceof String s)) {
                throw refuse.apply(describe(v) + " for a string");
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.putLong(0, utf8.length == 0 ? 0 : place.constant(utf8)).putLong(8, utf8.length);
        } else if (isByteSlice(t)) {
            if (!(v instanceof byte[] b)) {
                throw refuse.apply(describe(v) + " for a []byte");
            }
            out.putLong(0, place.constant(b)).putLong(8, b.length).putLong(16, b.length);
        } else if (k.isPointerShaped()) {
            if (!(v instanceof GoPointer p)) {
                throw refuse.apply(describe(v) + " for a " + t.name() + " (return a GoPointer or null)");
            }
            out.putLong(0, p.address());
        } else if (k == TypeKind.INTERFACE && v instanceof dev.gojack.GoInterface i) {
            out.putLong(0, i.typeWord()).putLong(8, i.dataWord()); // an interface value callOriginal() gave
        } else if (isError(t) && v instanceof String text) {
            long[] error = place.error(text);
            if (error == null) {
                throw refuse.apply("an error text, but the library has no itab for *errors.errorString");
            }
            out.putLong(0, error[0]).putLong(8, error[1]);
        } else {
            throw refuse.apply(describe(v) + " for a " + t.name());
        }
        return out.array();
    }

    private static long integer(Object v, TypeInfo t, Function<String, RuntimeException> refuse) {
        if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
            throw refuse.apply(describe(v) + " for a " + t.name());
        }
        long value = ((Number) v).longValue();
        int bits = (int) t.size() * 8;
        boolean signed = switch (t.kind()) {
            case INT, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
        if (bits < 64) {
            long min = signed ? -(1L << (bits - 1)) : 0;
            long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
            if (value < min || value > max) {
                throw refuse.apply(v + ", which does not fit a " + t.name());
            }
        } else if (!signed && value < 0 && !(v instanceof Long)) {
            throw refuse.apply(v + ", which does not fit a " + t.name());
        }
        return value;
    }

    private static String describe(Object v) {
        return v.getClass().getSimpleName() + " " + v;
    }
}
