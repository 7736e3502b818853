package dev.gojack.internal.arch;

import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;

import java.util.List;

/**
 * Where a call passes each parameter and result under Go's register ABI (ABIInternal): in registers (each base
 * value of the decomposed type in its own register), or whole on the stack. Stack offsets count from the first
 * byte of the call's argument area (on amd64 {@code 8(SP)} at the callee's entry, above the return address):
 * stack-assigned parameters, then stack-assigned results, then the spill area the caller reserves for every
 * register-assigned parameter.
 *
 * @param frameSize the whole argument area the caller reserves: {@code spillOffset + spillSize}
 */
public record AbiAssignment(List<Value> parameters, List<Value> results, long stackResultsOffset, long spillOffset,
                            long spillSize, long frameSize) {

    public AbiAssignment {
        parameters = List.copyOf(parameters);
        results = List.copyOf(results);
    }

    /** An argument register: an integer one ({@code RAX}) or a floating-point one ({@code X0}). */
    public record Register(boolean floating, int index, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One base value of a register-assigned value: {@code size} bytes at {@code offset} within the value's memory
     * layout travel in {@code register} (low bits; narrower integers leave the upper bits unspecified).
     */
    public record Piece(Register register, long offset, int size, TypeKind kind) {
    }

    /**
     * One parameter or result. Register-assigned: {@code pieces} non-empty (or empty for a value without base
     * values), {@code stackOffset} -1, {@code spillOffset} its spill slot (parameters only, else -1).
     * Stack-assigned (arrays of length > 1, values that do not fit the remaining registers, zero-sized values):
     * no pieces, {@code stackOffset} ≥ 0.
     */
    public record Value(String name, TypeInfo type, List<Piece> pieces, long stackOffset, long spillOffset) {
        public Value {
            pieces = List.copyOf(pieces);
        }

        public boolean onStack() {
            return stackOffset >= 0;
        }

        /** {@code RAX+RBX}, {@code X0}, {@code stack+16}, as a short description. */
        public String describe() {
            if (onStack()) {
                return "stack+" + stackOffset;
            }
            if (pieces.isEmpty()) {
                return "nothing";
            }
            StringBuilder s = new StringBuilder();
            for (Piece p : pieces) {
                if (!s.isEmpty()) {
                    s.append('+');
                }
                s.append(p.register().name());
            }
            return s.toString();
        }
    }

    /** Number of integer registers the parameters use. */
    public int integerRegistersUsed(boolean results) {
        return (int) (results ? this.results : parameters).stream().flatMap(v -> v.pieces().stream())
                .filter(p -> !p.register().floating()).count();
    }
}
