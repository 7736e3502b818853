package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.NearMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link GoValue}s into the words Go expects: the words of its memory layout (for variables) and the
 * result registers they occupy. String bytes are copied into GoJack's own memory, outside the Go heap, which
 * Go's garbage collector ignores and which is never freed while the JVM runs (Go may keep a string as long as it
 * likes); equal texts share one copy.
 */
final class ValuePlacer {
    private final GoLibrary library;
    private final NearMemory memory;

    ValuePlacer(GoLibrary library, NearMemory memory) {
        this.library = library;
        this.memory = memory;
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
                LiveVariable source = library.variable(v.text());
                if (source.size() != 16) {
                    throw Problems.refused(v.text(), library.path(), "it has " + source.size()
                            + " bytes; an interface value has 16 (type or itab word, data word).");
                }
                byte[] b = source.getBytes();
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
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
            Native.memory(table + (long) r * stride).put(0, row.array(), 0, stride);
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
