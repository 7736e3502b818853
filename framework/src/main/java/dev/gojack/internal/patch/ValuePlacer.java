package dev.gojack.internal.patch;

import dev.gojack.GoValue;
import dev.gojack.GoVariable;
import dev.gojack.internal.Problems;
import dev.gojack.internal.dwarf.TypeInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@link GoValue}s into the bytes of their Go memory layout ({@link #image}), for variables and for result
 * rows ({@link ResultLayout#row}). What a value points at lives in GoJack's own memory, outside the Go heap,
 * which Go's garbage collector ignores and which is never freed while the JVM runs (Go may keep a string, a
 * slice or an error as long as it likes): string bytes (equal texts share one copy, as Go never writes them), the
 * bytes of a {@code []byte} (one writable copy per value and patch), and the {@code *errors.errorString} of an
 * error made in Java (one per {@link GoValue#error} value, so that Go's {@code errors.Is} is identity).
 */
public final class ValuePlacer {
    private final Path library;
    private final NearMemory memory;
    private final Function<String, GoVariable> variables;
    private final java.util.function.ObjLongConsumer<String> interfaceCheck;
    private final ErrorTypes errorTypes;
    /** The {@code errors.errorString} of each error made in Java; guarded by {@link Patcher#LOCK}. */
    private final Map<GoValue, Long> errorStrings = new HashMap<>();

    /** The first word of an interface value holding an {@code *errors.errorString}. */
    interface ErrorTypes {
        /**
         * The runtime address of the itab of {@code *errors.errorString} for {@code error} (or of its type
         * descriptor, for an empty interface {@code interfaceType}); refused naming {@code target} when the
         * library has none.
         */
        long typeWord(String target, TypeInfo interfaceType);
    }

    /**
     * {@code variables} finds a package variable at its address in this process; {@code interfaceCheck} refuses
     * a variable (by name) whose first word (the second argument) is not that of an interface value.
     */
    ValuePlacer(Path library, NearMemory memory, Function<String, GoVariable> variables,
                java.util.function.ObjLongConsumer<String> interfaceCheck, ErrorTypes errorTypes) {
        this.library = library;
        this.memory = memory;
        this.variables = variables;
        this.interfaceCheck = interfaceCheck;
        this.errorTypes = errorTypes;
    }

    /**
     * One placement's memory: the bytes of each {@link GoValue#bytes} value are copied once however many rows
     * or shapes use the value.
     */
    public final class Session {
        private final String target;
        private final Map<GoValue, Long> slices = new IdentityHashMap<>();

        Session(String target) {
            this.target = target;
        }

        /** {@code v}'s memory image as a value of {@code type} ({@code type.size()} bytes). */
        public byte[] image(GoValue v, TypeInfo type) {
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(type.size())).order(ByteOrder.LITTLE_ENDIAN);
            put(v, type, out, 0);
            return out.array();
        }

        private void put(GoValue v, TypeInfo t, ByteBuffer out, int at) {
            switch (v.kind()) {
                case STRING -> {
                    byte[] utf8 = v.text().getBytes(StandardCharsets.UTF_8);
                    out.putLong(at, memory.constant(utf8)).putLong(at + 8, utf8.length);
                }
                case BYTES -> {
                    byte[] b = v.byteContents();
                    long data = slices.computeIfAbsent(v, x -> memory.writable(b));
                    out.putLong(at, data).putLong(at + 8, b.length).putLong(at + 16, b.length);
                }
                case NIL_POINTER, NIL_SLICE, NIL_INTERFACE -> {
                    // zero bytes
                }
                case INTERFACE_FROM -> {
                    long[] words = interfaceWords(v.text());
                    out.putLong(at, words[0]).putLong(at + 8, words[1]);
                }
                case ERROR -> out.putLong(at, errorTypes.typeWord(target, t)).putLong(at + 8, errorString(v));
                case BYTE_ARRAY -> out.put(at, v.byteContents());
                case ARRAY -> {
                    TypeInfo elem = t.elem();
                    List<GoValue> elements = v.elements();
                    for (int i = 0; i < elements.size(); i++) {
                        put(elements.get(i), elem, out, Math.toIntExact(at + i * elem.size()));
                    }
                }
                case STRUCT -> {
                    List<GoValue> fields = v.elements();
                    for (int i = 0; i < fields.size(); i++) {
                        TypeInfo.Field f = t.fields().get(i);
                        put(fields.get(i), f.type(), out, Math.toIntExact(at + f.offset()));
                    }
                }
                default -> {
                    long bits = v.bits();
                    for (int b = 0; b < t.size(); b++) {
                        out.put(at + b, (byte) (bits >>> 8 * b));
                    }
                }
            }
        }
    }

    /** A new session for one patch of {@code target} (refusals name it). */
    public Session session(String target) {
        return new Session(target);
    }

    private long[] interfaceWords(String name) {
        GoVariable source = variables.apply(name);
        if (source.size() != 16) {
            throw Problems.notAnInterfaceSource(name, library, source.size());
        }
        ByteBuffer bb = ByteBuffer.wrap(MemoryWriter.read(source.address(), 16)).order(ByteOrder.LITTLE_ENDIAN);
        interfaceCheck.accept(name, bb.getLong(0));
        return new long[] {bb.getLong(0), bb.getLong(8)};
    }

    /** The {@code errors.errorString{s: message}} of an error made in Java, laid out once per value. */
    private long errorString(GoValue error) {
        synchronized (Patcher.LOCK) {
            return errorStrings.computeIfAbsent(error, e -> {
                byte[] utf8 = e.text().getBytes(StandardCharsets.UTF_8);
                ByteBuffer s = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                s.putLong(memory.constant(utf8)).putLong(utf8.length);
                return memory.writable(s.array());
            });
        }
    }

    /** Writes {@code rows} into the table at {@code table}, {@code stride} bytes a row, one row at a time. */
    static void fillTable(long table, int stride, List<byte[]> rows) {
        for (int r = 0; r < rows.size(); r++) {
            byte[] row = rows.get(r);
            if (row.length > 0) {
                MemoryWriter.storeWords(table + (long) r * stride, row);
            }
        }
    }

    /** The value's bytes as they lie in memory ({@link GoValue#size()} bytes), for a package variable. */
    byte[] memoryImage(GoValue v) {
        return new Session(v.toString()).image(v, ResultLayout.typeOf(v));
    }
}
