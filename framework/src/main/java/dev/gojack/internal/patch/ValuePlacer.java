package dev.gojack.internal.patch;

import dev.gojack.GoValue;
import dev.gojack.GoVariable;
import dev.gojack.internal.Problems;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Turns {@link GoValue}s into the words Go expects: the words of its memory layout (for variables) and the
 * result registers they occupy. String bytes are copied into GoJack's own memory, outside the Go heap, which
 * Go's garbage collector ignores and which is never freed while the JVM runs (Go may keep a string as long as it
 * likes); equal texts share one copy.
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
                // Go may keep the string as long as it likes, so its bytes are a constant that is never freed.
                byte[] utf8 = v.text().getBytes(StandardCharsets.UTF_8);
                yield List.of(integer(memory.constant(utf8)), integer(utf8.length));
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

    /** Writes {@code rows} into the table at {@code table}, {@code stride} bytes a row, one row at a time. */
    static void fillTable(long table, int stride, List<long[]> rows) {
        ByteBuffer row = ByteBuffer.allocate(stride).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows.size(); r++) {
            row.clear();
            for (long word : rows.get(r)) {
                row.putLong(word);
            }
            MemoryWriter.storeWords(table + (long) r * stride, row.array());
        }
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
