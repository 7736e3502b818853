package dev.gojack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One call a {@link GoSpy} recorded: its arguments, decoded from the function's typed signature, in parameter
 * order (the receiver first for a method).
 *
 * <p>Java types: {@code Long} for {@code int}, {@code int64}, {@code uint}, {@code uint64} and {@code uintptr}
 * (unsigned values as their bits), {@code Integer} for {@code int32}/{@code uint32}, {@code Short} for
 * {@code int16}/{@code uint16}, {@code Byte} for {@code int8}/{@code uint8}, {@code Boolean}, {@code Double},
 * {@code Float}, {@code String} for strings and {@code byte[]} for {@code []byte} (both copied when the call was
 * recorded, at most the spy's cap: see {@link #truncated(int)}), {@link GoPointer} for pointers, maps, channels,
 * funcs and {@code unsafe.Pointer}; any other type (structs, interfaces, other slices, arrays) as a
 * {@link Raw} holding the value's bytes as Go lays them out.
 */
public final class GoCallRecord {
    private final String function;
    private final long number;
    private final long goroutine;
    private final List<String> names;
    private final List<Object> arguments;
    private final long[] lengths;

    /**
     * A record of call {@code number} (0 for the first call the spy saw) of {@code function}, made by the
     * goroutine whose runtime {@code g} is at {@code goroutine}; {@code lengths} holds, for each string or
     * {@code []byte} argument, its length in Go, and -1 for any other.
     */
    public GoCallRecord(String function, long number, long goroutine, List<String> names, List<Object> arguments,
                        long[] lengths) {
        this.function = Objects.requireNonNull(function, "function");
        this.number = number;
        this.goroutine = goroutine;
        this.names = List.copyOf(names);
        this.arguments = List.copyOf(arguments);
        this.lengths = lengths.clone();
        if (this.names.size() != this.arguments.size() || lengths.length != this.arguments.size()) {
            throw new IllegalArgumentException("names, arguments and lengths differ in size");
        }
    }

    /** A value of a type GoJack does not decode: its Go type and its bytes in Go's memory layout. */
    public record Raw(String type, byte[] bytes) {
        public Raw {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.type.equals(type) && Arrays.equals(r.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(type).append('{');
            for (int i = 0; i < bytes.length; i++) {
                s.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
            }
            return s.append('}').toString();
        }
    }

    /** The spied function, as Go names it. */
    public String function() {
        return function;
    }

    /** Which call this was: 0 for the first call the spy counted (since its last reset). */
    public long number() {
        return number;
    }

    /**
     * The address of the calling goroutine's runtime {@code g}: equal for calls made by the same goroutine while
     * it runs (Go reuses the {@code g} of a goroutine that ended for a new one).
     */
    public long goroutine() {
        return goroutine;
    }

    /** The arguments, in parameter order; arrays ({@code []byte}) are copies. */
    public List<Object> arguments() {
        List<Object> copy = new ArrayList<>(arguments.size());
        for (Object a : arguments) {
            copy.add(a instanceof byte[] b ? b.clone() : a);
        }
        return copy;
    }

    /** Argument {@code index} (0-based, the receiver first), decoded as the class comment says. */
    public Object argument(int index) {
        Object a = arguments.get(Objects.checkIndex(index, arguments.size()));
        return a instanceof byte[] b ? b.clone() : a;
    }

    /** The parameters' names from the signature (empty for unnamed ones). */
    public List<String> parameterNames() {
        return names;
    }

    /** True when argument {@code index} is a string or {@code []byte} longer than the bytes the spy copied. */
    public boolean truncated(int index) {
        Objects.checkIndex(index, arguments.size());
        Object a = arguments.get(index);
        long copied = a instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                : a instanceof byte[] b ? b.length : -1;
        return lengths[index] >= 0 && copied < lengths[index];
    }

    /** Go's length of argument {@code index} when it is a string or {@code []byte}, else -1. */
    public long length(int index) {
        return lengths[Objects.checkIndex(index, arguments.size())];
    }

    /** {@code main.f("a", 3)}: the call as Go would write it, with Java's rendering of the values. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(function).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(render(arguments.get(i)));
            if (truncated(i)) {
                s.append("…(").append(lengths[i]).append(" bytes)");
            }
        }
        return s.append(')').toString();
    }

    /** How a value shows in a record and in assertion messages: strings quoted, byte arrays as Go writes them. */
    public static String render(Object value) {
        if (value instanceof String str) {
            return '"' + str.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
        if (value instanceof byte[] b) {
            StringBuilder s = new StringBuilder("[]byte{");
            for (int i = 0; i < b.length; i++) {
                s.append(i == 0 ? "" : ", ").append(b[i] & 0xff);
            }
            return s.append('}').toString();
        }
        return String.valueOf(value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GoCallRecord r) || r.number != number || r.goroutine != goroutine
                || !r.function.equals(function) || !Arrays.equals(r.lengths, lengths)) {
            return false;
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (!Objects.deepEquals(arguments.get(i), r.arguments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(function, number, goroutine);
    }
}
