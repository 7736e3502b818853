package dev.gojack.internal.patch;

import dev.gojack.GoValue;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.ResultPlacement;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a stub's results go, from the register ABI's assignment of the function's results
 * ({@link AbiAssignment#results()}): each base value of a register-assigned result in its register, each
 * stack-assigned result in the caller's result slots ({@link ResultPlacement}); and the row of bytes that holds
 * one set of results laid out that way ({@link #row}).
 */
public final class ResultLayout {
    private ResultLayout() {
    }

    /** The placement of every result of {@code assignment}. */
    public static ResultPlacement placement(AbiAssignment assignment) {
        List<ResultPlacement.RegisterWord> registers = new ArrayList<>();
        boolean stack = false;
        for (AbiAssignment.Value v : assignment.results()) {
            stack |= v.onStack();
            for (AbiAssignment.Piece p : v.pieces()) {
                registers.add(new ResultPlacement.RegisterWord(p.register(), p.kind() == TypeKind.FLOAT32));
            }
        }
        long bytes = stack ? assignment.spillOffset() - assignment.stackResultsOffset() : 0;
        return new ResultPlacement(registers, assignment.stackResultsOffset(), Math.toIntExact(bytes));
    }

    /** Whether any result of {@code assignment} is returned on the stack. */
    static boolean anyOnStack(AbiAssignment assignment) {
        return assignment.results().stream().anyMatch(v -> v.onStack() && v.type().size() > 0);
    }

    /**
     * One row for {@code placement}: {@code images.get(i)} is result {@code i}'s memory image
     * ({@link ValuePlacer#image}); a register-assigned result gives each of its pieces one word (signed
     * integers sign-extended, others zero-extended), a stack-assigned one its bytes at its slot.
     */
    public static byte[] row(AbiAssignment assignment, ResultPlacement placement, List<byte[]> images) {
        ByteBuffer row = ByteBuffer.allocate(placement.rowSize()).order(ByteOrder.LITTLE_ENDIAN);
        int word = 0;
        int stackPart = 8 * placement.registers().size();
        for (int i = 0; i < assignment.results().size(); i++) {
            AbiAssignment.Value v = assignment.results().get(i);
            byte[] image = images.get(i);
            if (v.onStack()) {
                int at = stackPart + Math.toIntExact(v.stackOffset() - placement.stackOffset());
                row.put(at, image, 0, (int) Math.min(image.length, v.type().size()));
                continue;
            }
            for (AbiAssignment.Piece p : v.pieces()) {
                row.putLong(8 * word++, piece(image, (int) p.offset(), p.size(), signed(p.kind())));
            }
        }
        return row.array();
    }

    private static boolean signed(TypeKind k) {
        return k == TypeKind.INT || k == TypeKind.INT8 || k == TypeKind.INT16 || k == TypeKind.INT32
                || k == TypeKind.INT64;
    }

    private static long piece(byte[] image, int offset, int size, boolean signed) {
        long bits = 0;
        for (int b = size - 1; b >= 0; b--) {
            bits = bits << 8 | (image[offset + b] & 0xff);
        }
        if (signed && size < 8) {
            int shift = 64 - 8 * size;
            bits = bits << shift >> shift;
        }
        return bits;
    }

    /** The Go type {@code v} stands for, for a function without a signature: laid out as Go lays it out. */
    static TypeInfo typeOf(GoValue v) {
        return switch (v.kind()) {
            case INT64, INT32, INT16, INT8, UINT64, UINT32, UINT16, UINT8, UINTPTR, BOOL, FLOAT32, FLOAT64,
                 STRING -> TypeInfo.basic(TypeKind.valueOf(v.kind().name()), v.kind().goName(), v.kind().size());
            case NIL_POINTER -> TypeInfo.basic(TypeKind.UNSAFE_POINTER, "unsafe.Pointer", 8);
            case NIL_SLICE -> TypeInfo.pointerLike(TypeKind.SLICE, "[]T", null, null);
            case BYTES -> TypeInfo.pointerLike(TypeKind.SLICE, "[]uint8",
                    () -> TypeInfo.basic(TypeKind.UINT8, "uint8", 1), null);
            case NIL_INTERFACE, INTERFACE_FROM, ERROR -> TypeInfo.basic(TypeKind.INTERFACE, "error", 16);
            case BYTE_ARRAY -> TypeInfo.array(v.typeName(), TypeInfo.basic(TypeKind.UINT8, "uint8", 1), v.length());
            case ARRAY -> TypeInfo.array(v.typeName(), v.length() == 0 ? TypeInfo.struct("struct {}", 0, List.of())
                    : typeOf(v.elements().get(0)), v.length());
            case STRUCT -> {
                long[] offsets = v.fieldOffsets();
                List<TypeInfo.Field> fields = new ArrayList<>();
                for (int i = 0; i < offsets.length; i++) {
                    fields.add(new TypeInfo.Field("", offsets[i], typeOf(v.elements().get(i))));
                }
                yield TypeInfo.struct(v.typeName(), v.size(), fields);
            }
        };
    }
}
