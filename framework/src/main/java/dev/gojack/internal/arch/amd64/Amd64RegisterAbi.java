package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.AbiAssignment.Piece;
import dev.gojack.internal.arch.AbiAssignment.Register;
import dev.gojack.internal.arch.AbiAssignment.Value;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's register-based calling convention (ABIInternal) on amd64, computed from the assignment rules of
 * {@code src/cmd/compile/abi-internal.md}: receiver and parameters, then results (register counters reset), each
 * assigned whole to registers or whole to the stack; integers, pointers, maps, channels and funcs take one integer
 * register, floats one float register, complex numbers two, strings and interfaces two integer registers, slices
 * three, structs field by field, arrays of length 0 nothing and of length 1 their element; an array of length > 1,
 * or a value that does not fit the remaining registers, goes to the stack (and the registers it would have used
 * stay free for the values after it); a zero-sized value goes to the stack. Integer registers RAX, RBX, RCX,
 * RDI, RSI, R8, R9, R10, R11; float registers X0–X14.
 */
public final class Amd64RegisterAbi {
    static final String[] INTEGER = {"RAX", "RBX", "RCX", "RDI", "RSI", "R8", "R9", "R10", "R11"};
    static final int FLOATS = 15;
    private static final int POINTER = 8;

    private Amd64RegisterAbi() {
    }

    public record Named(String name, TypeInfo type) {
    }

    /** The assignment of a function with these parameters (receiver first) and results. */
    public static AbiAssignment assign(List<Named> parameters, List<Named> results) {
        Frame frame = new Frame();
        List<Value> params = new ArrayList<>();
        for (Named p : parameters) {
            params.add(frame.assign(p));
        }
        frame.align(POINTER);
        frame.resetRegisters();
        long resultsOffset = frame.offset;
        List<Value> res = new ArrayList<>();
        for (Named r : results) {
            res.add(frame.assign(r));
        }
        frame.align(POINTER);
        long spillOffset = frame.offset;
        List<Value> spilled = new ArrayList<>();
        for (Value v : params) {
            if (v.onStack()) {
                spilled.add(v);
            } else {
                frame.align(v.type().alignment());
                spilled.add(new Value(v.name(), v.type(), v.pieces(), -1, frame.offset));
                frame.offset += v.type().size();
            }
        }
        frame.align(POINTER);
        return new AbiAssignment(spilled, res, resultsOffset, spillOffset, frame.offset - spillOffset, frame.offset);
    }

    /** The assignment state: next integer and float register, and the stack sequence built so far. */
    private static final class Frame {
        int ints;
        int floats;
        long offset;

        void resetRegisters() {
            ints = 0;
            floats = 0;
        }

        void align(long alignment) {
            offset = (offset + alignment - 1) / alignment * alignment;
        }

        Value assign(Named v) {
            TypeInfo t = v.type();
            if (t.size() == 0) {
                return stack(v);
            }
            int savedInts = ints;
            int savedFloats = floats;
            List<Piece> pieces = new ArrayList<>();
            if (registers(t, 0, pieces) && ints <= INTEGER.length && floats <= FLOATS) {
                return new Value(v.name(), t, pieces, -1, -1);
            }
            ints = savedInts;
            floats = savedFloats;
            return stack(v);
        }

        private Value stack(Named v) {
            align(v.type().alignment());
            Value placed = new Value(v.name(), v.type(), List.of(), offset, -1);
            offset += v.type().size();
            return placed;
        }

        /** Register-assigns {@code t} at {@code at} within the value; false when a rule says it cannot be. */
        private boolean registers(TypeInfo t, long at, List<Piece> pieces) {
            TypeKind k = t.kind();
            if (k == TypeKind.BOOL || k.isInteger()) {
                if (t.size() > POINTER) {
                    return false; // two-register integers exist only on 32-bit targets
                }
                return integer(at, (int) t.size(), k, pieces);
            }
            if (k.isFloat()) {
                return floating(at, (int) t.size(), k, pieces);
            }
            if (k.isComplex()) {
                int half = (int) (t.size() / 2);
                TypeKind part = half == 4 ? TypeKind.FLOAT32 : TypeKind.FLOAT64;
                return floating(at, half, part, pieces) && floating(at + half, half, part, pieces);
            }
            if (k.isPointerShaped()) {
                return integer(at, POINTER, k, pieces);
            }
            switch (k) {
                case STRING:
                    return integer(at, POINTER, TypeKind.UNSAFE_POINTER, pieces)
                            && integer(at + 8, POINTER, TypeKind.INT, pieces);
                case INTERFACE:
                    return integer(at, POINTER, TypeKind.UINTPTR, pieces)
                            && integer(at + 8, POINTER, TypeKind.UNSAFE_POINTER, pieces);
                case SLICE:
                    return integer(at, POINTER, TypeKind.UNSAFE_POINTER, pieces)
                            && integer(at + 8, POINTER, TypeKind.INT, pieces)
                            && integer(at + 16, POINTER, TypeKind.INT, pieces);
                case STRUCT:
                    for (TypeInfo.Field f : t.fields()) {
                        if (!registers(f.type(), at + f.offset(), pieces)) {
                            return false;
                        }
                    }
                    return true;
                case ARRAY:
                    if (t.length() == 0) {
                        return true;
                    }
                    return t.length() == 1 && registers(t.elem(), at, pieces);
                default:
                    return false;
            }
        }

        private boolean integer(long at, int size, TypeKind kind, List<Piece> pieces) {
            if (ints >= INTEGER.length) {
                ints++;
                return false;
            }
            pieces.add(new Piece(new Register(false, ints, INTEGER[ints]), at, size, kind));
            ints++;
            return true;
        }

        private boolean floating(long at, int size, TypeKind kind, List<Piece> pieces) {
            if (floats >= FLOATS) {
                floats++;
                return false;
            }
            pieces.add(new Piece(new Register(true, floats, "X" + floats), at, size, kind));
            floats++;
            return true;
        }
    }
}
