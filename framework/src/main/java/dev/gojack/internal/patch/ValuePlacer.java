package dev.gojack.internal.patch;

import dev.gojack.GoValue;
import dev.gojack.GoVariable;
import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Turns {@link GoValue}s into the words Go expects: the words of its memory layout (for variables) and the
 * result registers they occupy. String bytes are copied into GoJack's own memory, outside the Go heap, which
 * Go's garbage collector ignores and which is never freed while the JVM runs.
 */
final class ValuePlacer {
    private final Path library;
    private final NearMemory memory;
    private final Function<String, GoVariable> variables;
    private final java.util.function.ObjLongConsumer<String> interfaceCheck;

    /**
     * {@code variables} finds a package variable at its address in this process; {@code interfaceCheck} refuses
     * a variable (by name) whose first word (the second argument) is not that of an interface value.
     */
    ValuePlacer(Path library, NearMemory memory, Function<String, GoVariable> variables,
                java.util.function.ObjLongConsumer<String> interfaceCheck) {
        this.library = library;
        this.memory = memory;
        this.variables = variables;
        this.interfaceCheck = interfaceCheck;
    }

    /** One machine word of a value and whether it lives in a floating-point register. */
    record Word(long bits, boolean floating, boolean single) {
    }

    List<Word> words(GoValue v) {
        return switch (v.kind()) {
            case FLOAT32 -> List.of(new Word(v.bits(), true, true));
            case FLOAT64 -> List.of(new Word(v.bits(), true, false));
            case STRING -> {
                byte[] utf8 = v.text().getBytes(StandardCharsets.UTF_8);
                long data = memory.data(Math.max(1, utf8.length));
                if (utf8.length > 0) {
                    Native.memory(data).put(0, utf8, 0, utf8.length);
                }
                yield List.of(integer(data), integer(utf8.length));
            }
            case NIL_SLICE -> List.of(integer(0), integer(0), integer(0));
            case NIL_INTERFACE -> List.of(integer(0), integer(0));
            case INTERFACE_FROM -> {
                GoVariable source = variables.apply(v.text());
                if (source.size() != 16) {
                    throw Problems.notAnInterfaceSource(v.text(), library, source.size());
                }
                byte[] b = MemoryWriter.read(source.address(), 16);
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                interfaceCheck.accept(v.text(), bb.getLong(0));
                yield List.of(integer(bb.getLong(0)), integer(bb.getLong(8)));
            }
            default -> List.of(integer(v.bits()));
        };
    }

    private static Word integer(long bits) {
        return new Word(bits, false, false);
    }

    /** The value's bytes as they lie in memory ({@code size()} bytes). */
    byte[] memoryImage(GoValue v) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(8, v.kind().size() + 7 & ~7)).order(ByteOrder.LITTLE_ENDIAN);
        for (Word w : words(v)) {
            out.putLong(w.bits());
        }
        byte[] all = out.array();
        return java.util.Arrays.copyOf(all, v.kind().size());
    }
}
