package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.arch.PaddingSlots;
import dev.gojack.internal.arch.RegisterValue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * linux/amd64: entry jumps per go-internals §9 (aligned 8-byte store when the first instruction is at least
 * 5 bytes; otherwise a {@code jmp rel8} to a {@code jmp rel32} parked in padding; otherwise quiescent-only),
 * and stubs that only touch result registers and the scratch registers R12/R13.
 */
public final class Amd64Architecture implements Architecture {
    private static final int JMP_REL32_LENGTH = 5;
    private static final int JMP_REL8_LENGTH = 2;
    private static final List<String> INTEGER_RESULTS =
            List.of("RAX", "RBX", "RCX", "RDI", "RSI", "R8", "R9", "R10", "R11");
    /** Machine register numbers of {@link #INTEGER_RESULTS}. */
    private static final int[] INTEGER_RESULT_CODES = {0, 3, 1, 7, 6, 8, 9, 10, 11};
    private static final List<String> FLOAT_RESULTS = List.of("X0", "X1", "X2", "X3", "X4", "X5", "X6", "X7",
            "X8", "X9", "X10", "X11", "X12", "X13", "X14");

    private final Amd64InstructionDecoder decoder = new Amd64InstructionDecoder();

    @Override
    public String name() {
        return "amd64";
    }

    @Override
    public List<String> integerResultRegisters() {
        return INTEGER_RESULTS;
    }

    @Override
    public List<String> floatResultRegisters() {
        return FLOAT_RESULTS;
    }

    @Override
    public int paddingByte() {
        return 0xcc; // INT3
    }

    @Override
    public int parkedJumpLength() {
        return JMP_REL32_LENGTH;
    }

    @Override
    public long branchReach() {
        return Integer.MAX_VALUE - 4096L;
    }

    @Override
    public EntryJumpPlan planEntryJump(long entry, byte[] code, long codeEnd, long nextEntry, long destination,
                                       PaddingSlots padding) {
        if (nextEntry - entry < JMP_REL32_LENGTH) {
            throw new IllegalArgumentException("the function spans " + (nextEntry - entry)
                    + " bytes up to the next function, fewer than the 5 a jump needs");
        }
        int first = decoder.length(code, 0, code.length);
        if (first < 0) {
            throw new IllegalArgumentException("its first instruction (" + CodeWrite.hex(Arrays.copyOf(code,
                    Math.min(8, code.length))) + ") cannot be decoded, so it is unclear which bytes a thread may resume at");
        }
        boolean eightFit = entry % 8 == 0 && entry + 8 <= nextEntry && code.length >= 8;
        if (first >= JMP_REL32_LENGTH && eightFit) {
            return new EntryJumpPlan(EntryJumpPlan.Kind.ALIGNED_STORE, List.of(),
                    new CodeWrite(entry, Arrays.copyOf(code, 8), jumpOver8(entry, code, destination), true), 0);
        }
        // A one-byte function (a lone RET) is as good as a two-byte first instruction: the second byte is padding,
        // which no thread executes, so no thread can resume inside the two bytes the short jump replaces.
        boolean wholeFunctionIsOneByte = first == 1 && codeEnd - entry == 1;
        if ((first >= JMP_REL8_LENGTH || wholeFunctionIsOneByte) && entry % 2 == 0) {
            // jmp rel8 reaches entry + 2 + [-128, 127]; the parked jump needs 5 bytes there.
            List<Long> slots = padding.free(entry + JMP_REL8_LENGTH - 128, entry + JMP_REL8_LENGTH + 127 + 1, JMP_REL32_LENGTH);
            Long slot = slots.stream()
                    // never inside the function's code, nor under the two bytes the short jump itself replaces
                    .filter(s -> s + JMP_REL32_LENGTH <= entry || s >= Math.max(codeEnd, entry + JMP_REL8_LENGTH))
                    .filter(s -> s - (entry + JMP_REL8_LENGTH) >= -128 && s - (entry + JMP_REL8_LENGTH) <= 127)
                    .min(Comparator.comparingLong(s -> Math.abs(s - entry)))
                    .orElse(null);
            if (slot != null) {
                byte[] parked = jumpRel32(slot, destination);
                CodeWrite park = new CodeWrite(slot, new byte[] {(byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc,
                        (byte) 0xcc}, parked, false);
                byte[] shortJump = {(byte) 0xeb, (byte) (slot - (entry + JMP_REL8_LENGTH))};
                CodeWrite entryWrite = new CodeWrite(entry, Arrays.copyOf(code, 2), shortJump, true);
                return new EntryJumpPlan(EntryJumpPlan.Kind.PADDING_HOTPATCH, List.of(park), entryWrite, slot);
            }
        }
        if (!eightFit) {
            throw new IllegalArgumentException("its entry is not 8-byte aligned with 8 bytes before the next function");
        }
        return new EntryJumpPlan(EntryJumpPlan.Kind.QUIESCENT_ONLY, List.of(),
                new CodeWrite(entry, Arrays.copyOf(code, 8), jumpOver8(entry, code, destination), true), 0);
    }

    /** {@code E9 rel32} followed by the original bytes 5..7, for one 8-byte store. */
    private static byte[] jumpOver8(long entry, byte[] code, long destination) {
        byte[] out = Arrays.copyOf(code, 8);
        System.arraycopy(jumpRel32(entry, destination), 0, out, 0, JMP_REL32_LENGTH);
        return out;
    }

    static byte[] jumpRel32(long at, long destination) {
        long rel = destination - (at + JMP_REL32_LENGTH);
        if (rel != (int) rel) {
            throw new IllegalArgumentException("destination 0x" + Long.toHexString(destination)
                    + " is out of rel32 reach from 0x" + Long.toHexString(at));
        }
        Encoder e = new Encoder();
        e.u8(0xe9).u32((int) rel);
        return e.bytes();
    }

    @Override
    public byte[] indirectJump(long at, long slot) {
        long rel = slot - (at + 6);
        if (rel != (int) rel) {
            throw new IllegalArgumentException("slot out of rip-relative reach");
        }
        return new Encoder().u8(0xff).u8(0x25).u32((int) rel).bytes();
    }

    @Override
    public byte[] funcValueJump(long variable) {
        // MOVQ $variable, DX; MOVQ (DX), DX; JMP (DX): DX holds the closure, the callee reads its captures from it.
        return new Encoder().u8(0x48).u8(0xba).u64(variable)
                .u8(0x48).u8(0x8b).u8(0x12)
                .u8(0xff).u8(0x22).bytes();
    }

    @Override
    public byte[] returnStub(List<RegisterValue> results) {
        Encoder e = new Encoder();
        for (RegisterValue r : results) {
            if (r.floating()) {
                movImm64(e, 12, r.bits());
                movGprToXmm(e, r.index(), 12, !r.single());
            } else {
                movImm64(e, INTEGER_RESULT_CODES[r.index()], r.bits());
            }
        }
        return e.u8(0xc3).bytes();
    }

    /** Uses only R12, R13 and the result registers. */
    @Override
    public byte[] sequenceStub(long counter, long table, int rows, int stride, List<RegisterValue> results) {
        Encoder e = new Encoder();
        movImm64(e, 12, counter);                                  // MOVQ $counter, R12
        e.u8(0x49).u8(0xc7).u8(0xc5).u32(1);                       // MOVQ $1, R13
        e.u8(0xf0).u8(0x4d).u8(0x0f).u8(0xc1).u8(0x2c).u8(0x24);   // LOCK XADDQ R13, (R12)
        e.u8(0x49).u8(0x81).u8(0xfd).u32(rows - 1);                // CMPQ R13, $rows-1
        e.u8(0x72).u8(0x07);                                       // JB +7
        e.u8(0x49).u8(0xc7).u8(0xc5).u32(rows - 1);                // MOVQ $rows-1, R13
        e.u8(0x4d).u8(0x69).u8(0xed).u32(stride);                  // IMULQ $stride, R13, R13
        movImm64(e, 12, table);                                    // MOVQ $table, R12
        e.u8(0x4d).u8(0x01).u8(0xec);                              // ADDQ R13, R12
        for (int i = 0; i < results.size(); i++) {
            RegisterValue value = results.get(i);
            int offset = 8 * i;
            if (value.floating()) {
                int x = value.index();
                if (value.single()) {
                    e.u8(0x66).u8(0x41 | (x >= 8 ? 4 : 0)).u8(0x0f).u8(0x6e);   // MOVD off(R12), Xn
                } else {
                    e.u8(0xf3).u8(0x41 | (x >= 8 ? 4 : 0)).u8(0x0f).u8(0x7e);   // MOVQ off(R12), Xn
                }
                e.u8(0x84 | ((x & 7) << 3)).u8(0x24).u32(offset);
            } else {
                int r = INTEGER_RESULT_CODES[value.index()];
                e.u8(0x49 | (r >= 8 ? 4 : 0)).u8(0x8b).u8(0x84 | ((r & 7) << 3)).u8(0x24).u32(offset);
            }
        }
        return e.u8(0xc3).bytes();
    }

    @Override
    public byte[] fakeNowStub(long state, long locationVariable) {
        Encoder e = new Encoder();
        int retry = e.size();
        movImm64(e, 12, state);                                            // MOVQ $state, R12
        e.u8(0x4d).u8(0x8b).u8(0x2c).u8(0x24);                             // MOVQ (R12), R13      sequence
        e.u8(0x41).u8(0xf6).u8(0xc5).u8(0x01);                             // TESTB $1, R13B       writer active?
        e.u8(0x75).u8(retry - (e.size() + 1));                             // JNZ retry
        e.u8(0x49).u8(0x8b).u8(0x5c).u8(0x24).u8(0x08);                    // MOVQ 8(R12), BX      seconds
        e.u8(0x49).u8(0x8b).u8(0x44).u8(0x24).u8(0x10);                    // MOVQ 16(R12), AX     nanoseconds
        e.u8(0x49).u8(0x8b).u8(0x4c).u8(0x24).u8(0x18);                    // MOVQ 24(R12), CX     sleep offset
        e.u8(0x4d).u8(0x3b).u8(0x2c).u8(0x24);                             // CMPQ R13, (R12)      unchanged?
        e.u8(0x75).u8(retry - (e.size() + 1));                             // JNE retry
        e.u8(0x48).u8(0x85).u8(0xc9);                                      // TESTQ CX, CX
        int skipOffset = e.size();
        e.u8(0x74).u8(0);                                                  // JZ done (patched below)
        e.u8(0x49).u8(0x89).u8(0xc5);                                      // MOVQ AX, R13
        e.u8(0x48).u8(0x89).u8(0xc8);                                      // MOVQ CX, AX
        e.u8(0x31).u8(0xd2);                                               // XORL DX, DX
        e.u8(0xb9).u32(1_000_000_000);                                     // MOVL $1e9, CX
        e.u8(0x48).u8(0xf7).u8(0xf1);                                      // DIVQ CX  (AX=s, DX=ns)
        e.u8(0x48).u8(0x01).u8(0xc3);                                      // ADDQ AX, BX
        e.u8(0x49).u8(0x8d).u8(0x44).u8(0x15).u8(0x00);                    // LEAQ (R13)(DX*1), AX
        e.u8(0x48).u8(0x3d).u32(1_000_000_000);                            // CMPQ AX, $1e9
        e.u8(0x72).u8(0x09);                                               // JB done
        e.u8(0x48).u8(0x2d).u32(1_000_000_000);                            // SUBQ $1e9, AX
        e.u8(0x48).u8(0xff).u8(0xc3);                                      // INCQ BX
        int done = e.size();
        if (locationVariable == 0) {
            e.u8(0x31).u8(0xc9);                                           // XORL CX, CX          loc = nil (UTC)
        } else {
            e.u8(0x48).u8(0xb9).u64(locationVariable);                     // MOVQ $&time.Local, CX
            e.u8(0x48).u8(0x8b).u8(0x09);                                  // MOVQ (CX), CX
        }
        byte[] code = e.u8(0xc3).bytes();
        code[skipOffset + 1] = (byte) (done - (skipOffset + 2));
        return code;
    }

    /**
     * Adds a positive {@code d} (AX) to the sleep offset at state+24 with a compare-and-swap loop that saturates at
     * {@code Long.MAX_VALUE}: the offset never wraps, so Go (which divides it unsigned) and Java (which adds it
     * signed) read the same instant. Uses only AX, CX, DX and R12.
     */
    @Override
    public byte[] fakeSleepStub(long state) {
        Encoder e = new Encoder();
        e.u8(0x48).u8(0x85).u8(0xc0);                                      // TESTQ AX, AX
        int skip = e.size();
        e.u8(0x7e).u8(0);                                                  // JLE done (patched below)
        e.u8(0x48).u8(0x89).u8(0xc1);                                      // MOVQ AX, CX          d
        movImm64(e, 12, state + 24);                                       // MOVQ $state+24, R12
        e.u8(0x49).u8(0x8b).u8(0x04).u8(0x24);                             // MOVQ (R12), AX       old
        int retry = e.size();
        e.u8(0x48).u8(0x89).u8(0xc2);                                      // MOVQ AX, DX
        e.u8(0x48).u8(0x01).u8(0xca);                                      // ADDQ CX, DX          new = old + d
        e.u8(0x71).u8(10);                                                 // JNO store
        movImm64(e, 2, Long.MAX_VALUE);                                    // MOVQ $MaxInt64, DX   (10 bytes)
        e.u8(0xf0).u8(0x49).u8(0x0f).u8(0xb1).u8(0x14).u8(0x24);           // store: LOCK CMPXCHGQ DX, (R12)
        e.u8(0x75).u8(retry - (e.size() + 1));                             // JNE retry (AX = current)
        int done = e.size();
        byte[] code = e.u8(0xc3).bytes();
        code[skip + 1] = (byte) (done - (skip + 2));
        return code;
    }

    private static void movImm64(Encoder e, int register, long value) {
        e.u8(0x48 | (register >= 8 ? 1 : 0)).u8(0xb8 + (register & 7)).u64(value);
    }

    private static void movGprToXmm(Encoder e, int xmm, int gpr, boolean wide) {
        int rex = 0x40 | (wide ? 8 : 0) | (xmm >= 8 ? 4 : 0) | (gpr >= 8 ? 1 : 0);
        e.u8(0x66);
        if (rex != 0x40) {
            e.u8(rex);
        }
        e.u8(0x0f).u8(0x6e).u8(0xc0 | ((xmm & 7) << 3) | (gpr & 7));
    }
}
