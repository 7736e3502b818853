package dev.gojack.internal.arch.amd64;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes amd64 machine code one named instruction at a time, so a stub reads as its instructions rather than as
 * opcode bytes, and branches name their target {@link Label} instead of a hand-counted displacement.
 *
 * <p>Operands are in Intel order (destination first) and 64 bits wide unless the method name ends in
 * {@code 32}. Every encoding is the one a plain assembler picks (the accumulator short forms of {@code CMP} and
 * {@code SUB} included), except where the method name asks for a wider one ({@link #cmpImm32}, {@link
 * Memory#wide}). Branches to labels are written with a placeholder and fixed up in {@link #bytes()}; branches to
 * absolute addresses are resolved against {@link #origin()}, the address the first byte will be executed at.
 */
final class Amd64CodeWriter {
    private static final int REX = 0x40;
    private static final int REX_W = 0x08;
    private static final int REX_R = 0x04;
    private static final int REX_X = 0x02;
    private static final int REX_B = 0x01;

    private final long origin;
    private final Encoder out = new Encoder();
    private final List<Fixup> fixups = new ArrayList<>();

    /** A writer for code whose address does not matter (no branch to an absolute address). */
    Amd64CodeWriter() {
        this(0);
    }

    /** A writer for code whose first byte will be executed at {@code origin}. */
    Amd64CodeWriter(long origin) {
        this.origin = origin;
    }

    /** The 16 general-purpose registers, by machine number. */
    enum Register {
        RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

        int code() {
            return ordinal();
        }

        int low() {
            return ordinal() & 7;
        }

        boolean extended() {
            return ordinal() >= 8;
        }
    }

    /** The 16 SSE registers, by machine number. */
    enum Xmm {
        X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15;

        static Xmm of(int number) {
            return values()[number];
        }

        int low() {
            return ordinal() & 7;
        }

        boolean extended() {
            return ordinal() >= 8;
        }
    }

    /** Branch conditions, by their {@code Jcc} condition code. */
    enum Condition {
        OVERFLOW, NO_OVERFLOW, BELOW, ABOVE_OR_EQUAL, EQUAL, NOT_EQUAL, BELOW_OR_EQUAL, ABOVE,
        SIGN, NO_SIGN, PARITY, NO_PARITY, LESS, GREATER_OR_EQUAL, LESS_OR_EQUAL, GREATER;

        int code() {
            return ordinal();
        }
    }

    /**
     * A memory operand {@code [base + index * scale + displacement]}. The displacement is encoded in as few bytes
     * as the addressing mode allows, unless the operand is {@link #wide()}: then always in four (so that a run of
     * loads has the same length whatever the offsets).
     */
    record Memory(Register base, Register index, int scale, int displacement, boolean wideDisplacement) {
        Memory {
            if (base == null) {
                throw new IllegalArgumentException("a memory operand needs a base register");
            }
            if (index == Register.RSP) {
                throw new IllegalArgumentException("RSP cannot be an index register");
            }
            if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
                throw new IllegalArgumentException("scale " + scale + " is not 1, 2, 4 or 8");
            }
        }

        /** {@code [base]}. */
        static Memory at(Register base) {
            return new Memory(base, null, 1, 0, false);
        }

        /** {@code [base + displacement]}. */
        static Memory at(Register base, int displacement) {
            return new Memory(base, null, 1, displacement, false);
        }

        /** {@code [base + index * scale]}. */
        static Memory indexed(Register base, Register index, int scale) {
            return new Memory(base, index, scale, 0, false);
        }

        /** The same operand with its displacement always encoded in four bytes. */
        Memory wide() {
            return new Memory(base, index, scale, displacement, true);
        }
    }

    /** A position in the code that branches name; bound exactly once with {@link #bind(Label)}. */
    static final class Label {
        private int offset = -1;

        boolean bound() {
            return offset >= 0;
        }
    }

    /** A branch displacement to fill in once its label is bound. */
    private record Fixup(int at, int width, Label target) {
    }

    // ---- labels and positions --------------------------------------------------------------------------------

    /** The address the first byte will be executed at. */
    long origin() {
        return origin;
    }

    /** How many bytes have been written. */
    int size() {
        return out.size();
    }

    /** Binds {@code label} to the current position. */
    Amd64CodeWriter bind(Label label) {
        if (label.bound()) {
            throw new IllegalStateException("the label is already bound at offset " + label.offset);
        }
        label.offset = out.size();
        return this;
    }

    /**
     * The code, with every label branch's displacement filled in.
     *
     * @throws IllegalStateException when a branch names a label that was never bound, or a short branch's
     *                               target is out of its rel8 reach
     */
    byte[] bytes() {
        byte[] code = out.bytes();
        for (Fixup fixup : fixups) {
            if (!fixup.target.bound()) {
                throw new IllegalStateException("a branch at offset " + (fixup.at - 1) + " names a label that was never bound");
            }
            int displacement = fixup.target.offset - (fixup.at + fixup.width);
            if (fixup.width == 1) {
                if (displacement != (byte) displacement) {
                    throw new IllegalStateException("the short branch at offset " + (fixup.at - 1) + " cannot reach its label "
                            + displacement + " bytes away: rel8 reaches -128..127");
                }
                code[fixup.at] = (byte) displacement;
            } else {
                for (int i = 0; i < 4; i++) {
                    code[fixup.at + i] = (byte) (displacement >>> (8 * i));
                }
            }
        }
        return code;
    }

    // ---- data movement ---------------------------------------------------------------------------------------

    /** {@code MOV dst, imm64} (the 10-byte {@code movabs}). */
    Amd64CodeWriter movImm64(Register dst, long value) {
        rex(REX_W, null, dst);
        u8(0xb8 + dst.low());
        return u64(value);
    }

    /** {@code MOV dst, imm32} sign-extended to 64 bits ({@code REX.W C7 /0}). */
    Amd64CodeWriter movSignExtendedImm32(Register dst, int value) {
        rex(REX_W, null, dst);
        u8(0xc7).u8(direct(0, dst.low()));
        return u32(value);
    }

    /** {@code MOV dst32, imm32}: a 32-bit write, which clears the upper half of {@code dst}. */
    Amd64CodeWriter movImm32(Register dst, int value) {
        rex(0, null, dst);
        u8(0xb8 + dst.low());
        return u32(value);
    }

    /** {@code MOV dst, src}. */
    Amd64CodeWriter mov(Register dst, Register src) {
        return registerForm(REX_W, 0x89, src, dst);
    }

    /** {@code MOV dst32, src32}: with {@code dst == src}, zero-extends the register's low half. */
    Amd64CodeWriter mov32(Register dst, Register src) {
        return registerForm(0, 0x89, src, dst);
    }

    /** {@code MOV dst, QWORD PTR [src]}. */
    Amd64CodeWriter load(Register dst, Memory src) {
        return memoryForm(-1, REX_W, new int[] {0x8b}, dst.code(), src);
    }

    /** {@code MOV QWORD PTR [dst], src}. */
    Amd64CodeWriter store(Memory dst, Register src) {
        return memoryForm(-1, REX_W, new int[] {0x89}, src.code(), dst);
    }

    /** {@code LEA dst, [src]}. */
    Amd64CodeWriter lea(Register dst, Memory src) {
        return memoryForm(-1, REX_W, new int[] {0x8d}, dst.code(), src);
    }

    /** {@code MOVQ dst, src}: all 64 bits of a general register into an SSE register. */
    Amd64CodeWriter movToXmm64(Xmm dst, Register src) {
        u8(0x66);
        rex(REX_W | (dst.extended() ? REX_R : 0), null, src);
        return u8(0x0f).u8(0x6e).u8(direct(dst.low(), src.low()));
    }

    /** {@code MOVD dst, src32}: the low 32 bits of a general register into an SSE register. */
    Amd64CodeWriter movToXmm32(Xmm dst, Register src) {
        u8(0x66);
        rex(dst.extended() ? REX_R : 0, null, src);
        return u8(0x0f).u8(0x6e).u8(direct(dst.low(), src.low()));
    }

    /** {@code MOVQ dst, QWORD PTR [src]}. */
    Amd64CodeWriter loadXmm64(Xmm dst, Memory src) {
        return memoryForm(0xf3, 0, new int[] {0x0f, 0x7e}, dst.ordinal(), src);
    }

    /** {@code MOVD dst, DWORD PTR [src]}. */
    Amd64CodeWriter loadXmm32(Xmm dst, Memory src) {
        return memoryForm(0x66, 0, new int[] {0x0f, 0x6e}, dst.ordinal(), src);
    }

    /** {@code PUSH reg}. */
    Amd64CodeWriter push(Register reg) {
        rex(0, null, reg);
        return u8(0x50 + reg.low());
    }

    /** {@code POP reg}. */
    Amd64CodeWriter pop(Register reg) {
        rex(0, null, reg);
        return u8(0x58 + reg.low());
    }

    // ---- arithmetic ------------------------------------------------------------------------------------------

    /** {@code ADD dst, src}. */
    Amd64CodeWriter add(Register dst, Register src) {
        return registerForm(REX_W, 0x01, src, dst);
    }

    /** {@code ADD dst, QWORD PTR [src]}. */
    Amd64CodeWriter addLoad(Register dst, Memory src) {
        return memoryForm(-1, REX_W, new int[] {0x03}, dst.code(), src);
    }

    /** {@code ADD QWORD PTR [dst], src}. */
    Amd64CodeWriter addToMemory(Memory dst, Register src) {
        return memoryForm(-1, REX_W, new int[] {0x01}, src.code(), dst);
    }

    /** {@code ADD dst, imm8} (sign-extended). */
    Amd64CodeWriter addImm8(Register dst, int value) {
        return groupImm8(0, dst, value);
    }

    /** {@code SUB dst, src}. */
    Amd64CodeWriter sub(Register dst, Register src) {
        return registerForm(REX_W, 0x29, src, dst);
    }

    /** {@code SUB dst, imm8} (sign-extended). */
    Amd64CodeWriter subImm8(Register dst, int value) {
        return groupImm8(5, dst, value);
    }

    /** {@code SUB dst, imm32} (sign-extended); the short accumulator form for RAX. */
    Amd64CodeWriter subImm32(Register dst, int value) {
        return groupImm32(5, 0x2d, dst, value);
    }

    /** {@code IMUL dst, src, imm32}. */
    Amd64CodeWriter imulImm32(Register dst, Register src, int value) {
        rex(REX_W, dst, src);
        u8(0x69).u8(direct(dst.low(), src.low()));
        return u32(value);
    }

    /** {@code DIV divisor}: unsigned RDX:RAX / divisor, quotient in RAX, remainder in RDX. */
    Amd64CodeWriter div(Register divisor) {
        return unary(REX_W, 0xf7, 6, divisor);
    }

    /** {@code IDIV divisor}: signed RDX:RAX / divisor, quotient in RAX, remainder in RDX. */
    Amd64CodeWriter idiv(Register divisor) {
        return unary(REX_W, 0xf7, 7, divisor);
    }

    /** {@code CQO}: sign-extends RAX into RDX. */
    Amd64CodeWriter cqo() {
        return u8(REX | REX_W).u8(0x99);
    }

    /** {@code INC reg}. */
    Amd64CodeWriter inc(Register reg) {
        return unary(REX_W, 0xff, 0, reg);
    }

    /** {@code INC QWORD PTR [target]}. */
    Amd64CodeWriter incMemory(Memory target) {
        return memoryForm(-1, REX_W, new int[] {0xff}, 0, target);
    }

    /** {@code DEC QWORD PTR [target]}. */
    Amd64CodeWriter decMemory(Memory target) {
        return memoryForm(-1, REX_W, new int[] {0xff}, 1, target);
    }

    /** {@code XOR dst32, src32}: with {@code dst == src}, clears the whole register. */
    Amd64CodeWriter xor32(Register dst, Register src) {
        return registerForm(0, 0x31, src, dst);
    }

    /** {@code LOCK XADD QWORD PTR [target], src}: {@code src} receives the old value. */
    Amd64CodeWriter lockXadd(Memory target, Register src) {
        return memoryForm(0xf0, REX_W, new int[] {0x0f, 0xc1}, src.code(), target);
    }

    /** {@code LOCK CMPXCHG QWORD PTR [target], src}: stores {@code src} if the memory still equals RAX. */
    Amd64CodeWriter lockCmpxchg(Memory target, Register src) {
        return memoryForm(0xf0, REX_W, new int[] {0x0f, 0xb1}, src.code(), target);
    }

    // ---- comparisons -----------------------------------------------------------------------------------------

    /** {@code CMP left, right}. */
    Amd64CodeWriter cmp(Register left, Register right) {
        return registerForm(REX_W, 0x39, right, left);
    }

    /** {@code CMP left, QWORD PTR [right]}. */
    Amd64CodeWriter cmpLoad(Register left, Memory right) {
        return memoryForm(-1, REX_W, new int[] {0x3b}, left.code(), right);
    }

    /** {@code CMP left, imm32} (sign-extended), with a four-byte immediate even when it would fit in one. */
    Amd64CodeWriter cmpImm32(Register left, int value) {
        return groupImm32(7, 0x3d, left, value);
    }

    /** {@code CMP left32, imm8} (sign-extended). */
    Amd64CodeWriter cmp32Imm8(Register left, int value) {
        rex(0, null, left);
        return u8(0x83).u8(direct(7, left.low())).u8(imm8(value));
    }

    /** {@code TEST left, right}. */
    Amd64CodeWriter test(Register left, Register right) {
        return registerForm(REX_W, 0x85, right, left);
    }

    /** {@code TEST left32, right32}. */
    Amd64CodeWriter test32(Register left, Register right) {
        return registerForm(0, 0x85, right, left);
    }

    /** {@code TEST left8, imm8}: the register's low byte (SPL..DIL need an empty REX prefix). */
    Amd64CodeWriter testByteImm8(Register left, int value) {
        int rex = left.extended() ? REX_B : 0;
        if (rex != 0 || left.code() >= 4) {
            u8(REX | rex);
        }
        return u8(0xf6).u8(direct(0, left.low())).u8(imm8(value));
    }

    // ---- control flow ----------------------------------------------------------------------------------------

    /** {@code Jcc rel8} to {@code target}; {@link #bytes()} refuses it if the label ends up out of reach. */
    Amd64CodeWriter jcc(Condition condition, Label target) {
        u8(0x70 + condition.code());
        return fixup(1, target);
    }

    /** {@code Jcc rel32} to {@code target}. */
    Amd64CodeWriter jccNear(Condition condition, Label target) {
        u8(0x0f).u8(0x80 + condition.code());
        return fixup(4, target);
    }

    /** {@code JMP rel8} to {@code target}; {@link #bytes()} refuses it if the label ends up out of reach. */
    Amd64CodeWriter jmp(Label target) {
        u8(0xeb);
        return fixup(1, target);
    }

    /** {@code JMP rel32} to {@code target}. */
    Amd64CodeWriter jmpNear(Label target) {
        u8(0xe9);
        return fixup(4, target);
    }

    /** {@code JMP rel32} to the absolute address {@code destination}. */
    Amd64CodeWriter jmp(long destination) {
        long rel = destination - (here() + 5);
        if (rel != (int) rel) {
            throw new IllegalArgumentException("destination 0x" + Long.toHexString(destination)
                    + " is out of rel32 reach from 0x" + Long.toHexString(here()));
        }
        return u8(0xe9).u32((int) rel);
    }

    /** {@code JMP rel8} to the absolute address {@code destination}. */
    Amd64CodeWriter jmpShort(long destination) {
        long rel = destination - (here() + 2);
        if (rel != (byte) rel) {
            throw new IllegalArgumentException("destination 0x" + Long.toHexString(destination)
                    + " is out of rel8 reach from 0x" + Long.toHexString(here()));
        }
        return u8(0xeb).u8((int) rel);
    }

    /** {@code JMP QWORD PTR [rip + rel32]}: jumps to the address stored in the 8-byte {@code slot}. */
    Amd64CodeWriter jmpThroughSlot(long slot) {
        long rel = slot - (here() + 6);
        if (rel != (int) rel) {
            throw new IllegalArgumentException("slot out of rip-relative reach");
        }
        return u8(0xff).u8(0x25).u32((int) rel);
    }

    /** {@code JMP QWORD PTR [target]}. */
    Amd64CodeWriter jmpIndirect(Memory target) {
        return memoryForm(-1, 0, new int[] {0xff}, 4, target);
    }

    /** {@code CALL reg}. */
    Amd64CodeWriter call(Register target) {
        return unary(0, 0xff, 2, target);
    }

    /** {@code RET}. */
    Amd64CodeWriter ret() {
        return u8(0xc3);
    }

    // ---- encoding --------------------------------------------------------------------------------------------

    private long here() {
        return origin + out.size();
    }

    private Amd64CodeWriter fixup(int width, Label target) {
        fixups.add(new Fixup(out.size(), width, target));
        for (int i = 0; i < width; i++) {
            u8(0);
        }
        return this;
    }

    /** {@code opcode /r} with both operands registers: {@code reg} in ModRM.reg, {@code rm} in ModRM.rm. */
    private Amd64CodeWriter registerForm(int w, int opcode, Register reg, Register rm) {
        rex(w, reg, rm);
        return u8(opcode).u8(direct(reg.low(), rm.low()));
    }

    /** {@code opcode /digit} on one register. */
    private Amd64CodeWriter unary(int w, int opcode, int digit, Register rm) {
        rex(w, null, rm);
        return u8(opcode).u8(direct(digit, rm.low()));
    }

    /** {@code 83 /digit ib} on a 64-bit register. */
    private Amd64CodeWriter groupImm8(int digit, Register dst, int value) {
        return unary(REX_W, 0x83, digit, dst).u8(imm8(value));
    }

    /** {@code 81 /digit id} on a 64-bit register, or the one-byte accumulator opcode for RAX. */
    private Amd64CodeWriter groupImm32(int digit, int accumulatorOpcode, Register dst, int value) {
        if (dst == Register.RAX) {
            u8(REX | REX_W).u8(accumulatorOpcode);
        } else {
            unary(REX_W, 0x81, digit, dst);
        }
        return u32(value);
    }

    /**
     * {@code [prefix] [REX] opcode... ModRM [SIB] [disp]} with a memory operand; {@code reg} is a register number
     * or an opcode extension for ModRM.reg. {@code prefix} is a legacy prefix (LOCK, operand size, REP) or -1.
     */
    private Amd64CodeWriter memoryForm(int prefix, int w, int[] opcode, int reg, Memory m) {
        if (prefix >= 0) {
            u8(prefix);
        }
        int rex = w | (reg >= 8 ? REX_R : 0) | (m.index() != null && m.index().extended() ? REX_X : 0)
                | (m.base().extended() ? REX_B : 0);
        if (rex != 0) {
            u8(REX | rex);
        }
        for (int b : opcode) {
            u8(b);
        }
        int base = m.base().low();
        int mod;
        if (m.wideDisplacement() || m.displacement() != (byte) m.displacement()) {
            mod = 2;
        } else if (m.displacement() != 0 || base == 5) { // [RBP]/[R13] with mod 0 would mean RIP-relative
            mod = 1;
        } else {
            mod = 0;
        }
        boolean sib = m.index() != null || base == 4; // RSP/R12 as a base need a SIB byte
        u8(mod << 6 | (reg & 7) << 3 | (sib ? 4 : base));
        if (sib) {
            int index = m.index() == null ? 4 : m.index().low();
            u8(Integer.numberOfTrailingZeros(m.scale()) << 6 | index << 3 | base);
        }
        if (mod == 1) {
            u8(m.displacement());
        } else if (mod == 2) {
            u32(m.displacement());
        }
        return this;
    }

    /** A REX prefix with {@code w} and the extension bits of {@code reg} (ModRM.reg) and {@code rm}, if any is set. */
    private void rex(int w, Register reg, Register rm) {
        int rex = w | (reg != null && reg.extended() ? REX_R : 0) | (rm.extended() ? REX_B : 0);
        if (rex != 0) {
            u8(REX | rex);
        }
    }

    private static int direct(int reg, int rm) {
        return 0xc0 | (reg & 7) << 3 | rm;
    }

    private static int imm8(int value) {
        if (value != (byte) value) {
            throw new IllegalArgumentException("immediate " + value + " does not fit in a signed byte");
        }
        return value & 0xff;
    }

    private Amd64CodeWriter u8(int b) {
        out.u8(b);
        return this;
    }

    private Amd64CodeWriter u32(int v) {
        out.u32(v);
        return this;
    }

    private Amd64CodeWriter u64(long v) {
        out.u64(v);
        return this;
    }
}
