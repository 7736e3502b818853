package dev.gojack.internal.patch;

import dev.gojack.GoCallRecord;
import dev.gojack.GoPointer;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.SpyRecording;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a spy's ring slot keeps each part of a call (issue 20), and how a slot's bytes become a
 * {@link GoCallRecord}: the header of {@link SpyRecording}, then each argument register the signature uses
 * (8 bytes each), the stack-passed argument words, and a buffer per string or {@code []byte} argument.
 */
final class SpyLayout {
    /** Stack-passed argument bytes a slot keeps; arguments beyond them are decoded as absent. */
    static final int MAX_STACK_BYTES = 512;

    private final String function;
    private final AbiAssignment assignment;
    private final List<SpyRecording.Saved> saved = new ArrayList<>();
    private final Map<String, Integer> registerOffsets = new HashMap<>();
    private final List<SpyRecording.Capture> captures = new ArrayList<>();
    /** Per parameter: its capture, or null. */
    private final List<SpyRecording.Capture> captureOf = new ArrayList<>();
    private final int stackOffset;
    private final int stackBytes;
    private final int slotSize;

    /** {@code assignment} null: the function has no typed signature, so only calls are counted. */
    SpyLayout(String function, AbiAssignment assignment, int cap) {
        this.function = function;
        this.assignment = assignment;
        int offset = SpyRecording.HEADER;
        List<AbiAssignment.Value> params = assignment == null ? List.of() : assignment.parameters();
        for (AbiAssignment.Value v : params) {
            for (AbiAssignment.Piece p : v.pieces()) {
                if (registerOffsets.putIfAbsent(p.register().name(), offset) == null) {
                    saved.add(new SpyRecording.Saved(p.register(), offset));
                    offset += 8;
                }
            }
        }
        long onStack = assignment == null ? 0 : assignment.stackResultsOffset();
        stackOffset = offset;
        stackBytes = (int) Math.min(MAX_STACK_BYTES, (onStack + 7) / 8 * 8);
        offset += stackBytes;
        for (AbiAssignment.Value v : params) {
            SpyRecording.Capture c = null;
            if (isCaptured(v.type())) {
                int pointer = wordOffset(v, 0);
                int length = wordOffset(v, 8);
                if (pointer >= 0 && length >= 0) {
                    c = new SpyRecording.Capture(pointer, length, offset, cap);
                    if (cap > 0) { // with no bytes to copy the stub copies nothing; the length is still kept
                        captures.add(c);
                        offset += (cap + 16 + 7) / 8 * 8;
                    }
                }
            }
            captureOf.add(c);
        }
        slotSize = (offset + 63) / 64 * 64; // one cache line or more: writers of neighbouring slots do not share one
    }

    private static boolean isCaptured(TypeInfo t) {
        return t.kind() == TypeKind.STRING || t.kind() == TypeKind.SLICE && t.elem() != null
                && t.elem().kind() == TypeKind.UINT8;
    }

    /** Where the 8-byte word at {@code at} within value {@code v} lies in a slot, or -1 if the slot lacks it. */
    private int wordOffset(AbiAssignment.Value v, long at) {
        if (v.onStack()) {
            long o = v.stackOffset() + at;
            return o + 8 <= stackBytes ? (int) (stackOffset + o) : -1;
        }
        for (AbiAssignment.Piece p : v.pieces()) {
            if (p.offset() == at) {
                return registerOffsets.get(p.register().name());
            }
        }
        return -1;
    }

    int slotSize() {
        return slotSize;
    }

    SpyRecording recording(long counter, long ring, int mask, long next) {
        return new SpyRecording(counter, ring, mask, slotSize, next, saved, stackOffset, stackBytes, captures);
    }

    /** The record of call {@code number} held by {@code slot} (the slot's bytes). */
    GoCallRecord record(long number, long base, byte[] slot) {
        ByteBuffer b = ByteBuffer.wrap(slot).order(ByteOrder.LITTLE_ENDIAN);
        long g = b.getLong(SpyRecording.GOROUTINE);
        List<AbiAssignment.Value> params = assignment == null ? List.of() : assignment.parameters();
        List<String> names = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        long[] lengths = new long[params.size()];
        for (int i = 0; i < params.size(); i++) {
            AbiAssignment.Value v = params.get(i);
            names.add(v.name() == null ? "" : v.name());
            SpyRecording.Capture c = captureOf.get(i);
            lengths[i] = -1;
            if (c != null) {
                long pointer = b.getLong(c.pointerOffset());
                long length = b.getLong(c.lengthOffset());
                int copied = (int) Math.max(0, Math.min(length, c.cap()));
                byte[] bytes = new byte[copied];
                if (copied > 0) {
                    System.arraycopy(slot, c.bufferOffset() + (int) (pointer & 7), bytes, 0, copied);
                }
                lengths[i] = length;
                args.add(v.type().kind() == TypeKind.STRING ? new String(bytes, StandardCharsets.UTF_8) : bytes);
                continue;
            }
            byte[] image = image(v, b);
            args.add(image == null ? new GoCallRecord.Raw(v.type().name() + " (not recorded: beyond "
                    + MAX_STACK_BYTES + " bytes of stack arguments)", new byte[0]) : decode(v.type(), image));
        }
        return new GoCallRecord(function, number - base, g, names, args, lengths);
    }

    /** The value's bytes in Go's memory layout, put together from its registers or its stack words. */
    private byte[] image(AbiAssignment.Value v, ByteBuffer b) {
        byte[] image = new byte[(int) v.type().size()];
        if (v.onStack()) {
            if (v.stackOffset() + image.length > stackBytes) {
                return null;
            }
            b.get((int) (stackOffset + v.stackOffset()), image);
            return image;
        }
        for (AbiAssignment.Piece p : v.pieces()) {
            long word = b.getLong(registerOffsets.get(p.register().name()));
            for (int i = 0; i < p.size(); i++) {
                image[(int) p.offset() + i] = (byte) (word >>> (8 * i));
            }
        }
        return image;
    }

    private static Object decode(TypeInfo t, byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        TypeKind k = t.kind();
        switch (k) {
            case BOOL:
                return image[0] != 0;
            case INT8:
            case UINT8:
                return image[0];
            case INT16:
            case UINT16:
                return b.getShort(0);
            case INT32:
            case UINT32:
                return b.getInt(0);
            case INT:
            case INT64:
            case UINT:
            case UINT64:
            case UINTPTR:
                return b.getLong(0);
            case FLOAT32:
                return b.getFloat(0);
            case FLOAT64:
                return b.getDouble(0);
            default:
                if (k.isPointerShaped()) {
                    return GoPointer.of(b.getLong(0));
                }
                return new GoCallRecord.Raw(t.name(), image);
        }
    }
}
