package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.arch.PaddingSlots;
import dev.gojack.internal.arch.ResultPlacement;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Xmm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.BELOW;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.LESS_OR_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.NOT_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.NO_OVERFLOW;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R10;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R11;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R12;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R13;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R8;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R9;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RAX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RBX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RCX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RDI;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RDX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSI;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSP;

/**
 * linux/amd64: entry jumps per go-internals §9 (aligned 8-byte store when the first instruction is at least
 * 5 bytes; otherwise a {@code jmp rel8} to a {@code jmp rel32} parked in padding; otherwise quiescent-only),
 * and stubs that only touch result registers and the scratch registers R12/R13.
 */
public final class Amd64Architecture implements Architecture {
    private static final int JMP_REL32_LENGTH = 5;
    private static final int JMP_REL8_LENGTH = 2;
    private static final int NANOS_PER_SECOND = 1_000_000_000;
    /** Go's integer result registers, in ABI order. */
    private static final List<Register> INTEGER_RESULT_REGISTERS = List.of(RAX, RBX, RCX, RDI, RSI, R8, R9, R10, R11);
    private static final List<String> INTEGER_RESULTS =
            INTEGER_RESULT_REGISTERS.stream().map(Register::name).toList();
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
                byte[] shortJump = new Amd64CodeWriter(entry).jmpShort(slot).bytes();
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
        return new Amd64CodeWriter(at).jmp(destination).bytes();
    }

    @Override
    public byte[] indirectJump(long at, long slot) {
        return new Amd64CodeWriter(at).jmpThroughSlot(slot).bytes();
    }

    /**
     * {@code IRET} to the next instruction, in user mode: core-serialising on every x86-64 CPU and, unlike
     * {@code CPUID}, not a VM exit under a hypervisor (Linux's {@code sync_core} did the same before
     * {@code SERIALIZE}). The frame it pops is the one it pushes: SS, the caller's RSP, RFLAGS, CS, the return
     * address. Clobbers RAX only.
     */
    @Override
    public byte[] serialiseCoreFunction() {
        return new byte[] {
            (byte) 0x8c, (byte) 0xd0,                                        // mov eax, ss
            (byte) 0x50,                                                     // push rax
            (byte) 0x48, (byte) 0x8d, (byte) 0x44, (byte) 0x24, (byte) 0x08, // lea rax, [rsp + 8]
            (byte) 0x50,                                                     // push rax
            (byte) 0x9c,                                                     // pushfq
            (byte) 0x8c, (byte) 0xc8,                                        // mov eax, cs
            (byte) 0x50,                                                     // push rax
            (byte) 0x48, (byte) 0x8d, (byte) 0x05, 3, 0, 0, 0,               // lea rax, [rip + 3]: after iretq
            (byte) 0x50,                                                     // push rax
            (byte) 0x48, (byte) 0xcf,                                        // iretq
            (byte) 0xc3,                                                     // ret
        };
    }

    @Override
    public byte[] funcValueJump(long variable) {
        // DX holds the closure: the callee reads its captures from it.
        return new Amd64CodeWriter()
                .movImm64(RDX, variable)
                .load(RDX, Memory.at(RDX))
                .jmpIndirect(Memory.at(RDX))
                .bytes();
    }

    /**
     * Stack results are copied word by word through R13 from the row to {@code 8(SP)+offset} (SP at entry points
     * at the caller's return address), or with {@code REP MOVSQ} through RSI, RDI and RCX when they are long —
     * those are result registers, loaded only afterwards. Go's ABI keeps the direction flag clear.
     */
    @Override
    public byte[] resultStub(long counter, long table, int rows, ResultPlacement placement) {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label inRange = new Label();
        w.movImm64(R12, counter)
                .movSignExtendedImm32(R13, 1)
                .lockXadd(Memory.at(R12), R13)                 // R13 = calls so far
                .cmpImm32(R13, rows - 1)
                .jcc(BELOW, inRange)
                .movSignExtendedImm32(R13, rows - 1)           // past the end: the last row again
                .bind(inRange)
                .imulImm32(R13, R13, placement.rowSize())
                .movImm64(R12, table)
                .add(R12, R13);                                // R12 = the row
        int registerBytes = 8 * placement.registers().size();
        int words = placement.stackBytes() / 8;
        int slots = Math.toIntExact(8 + placement.stackOffset());
        if (words > COPY_WORDS_INLINE) {
            w.lea(RSI, Memory.at(R12, registerBytes))
                    .lea(RDI, Memory.at(RSP, slots))
                    .movImm32(RCX, words)
                    .repMovsq();
        } else {
            for (int i = 0; i < words; i++) {
                w.load(R13, Memory.at(R12, registerBytes + 8 * i))
                        .store(Memory.at(RSP, slots + 8 * i), R13);
            }
        }
        for (int i = 0; i < placement.registers().size(); i++) {
            ResultPlacement.RegisterWord r = placement.registers().get(i);
            Memory word = Memory.at(R12, 8 * i).wide();
            if (!r.register().floating()) {
                w.load(INTEGER_RESULT_REGISTERS.get(r.register().index()), word);
            } else if (r.single()) {
                w.loadXmm32(Xmm.of(r.register().index()), word);
            } else {
                w.loadXmm64(Xmm.of(r.register().index()), word);
            }
        }
        return w.ret().bytes();
    }

    /** Stack results up to this many words are copied with one load and store each; longer ones with REP MOVSQ. */
    private static final int COPY_WORDS_INLINE = 16;

    /**
     * Reads (seconds, nanoseconds, sleep offset) at {@code state} under its sequence lock (odd: a writer is
     * active; changed: read again), adds the offset, and returns a wall-only time in BX (seconds), AX
     * (nanoseconds) and CX (the location: nil for UTC, else {@code *locationVariable}).
     */
    @Override
    public byte[] fakeNowStub(long state, long locationVariable) {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label retry = new Label();
        Label done = new Label();
        w.bind(retry)
                .movImm64(R12, state)
                .load(R13, Memory.at(R12))                      // sequence
                .testByteImm8(R13, 1)                           // writer active?
                .jcc(NOT_EQUAL, retry)
                .load(RBX, Memory.at(R12, 8))                   // seconds
                .load(RAX, Memory.at(R12, 16))                  // nanoseconds
                .load(RCX, Memory.at(R12, 24))                  // sleep offset
                .cmpLoad(R13, Memory.at(R12))                   // unchanged?
                .jcc(NOT_EQUAL, retry)
                .test(RCX, RCX)
                .jcc(EQUAL, done)
                .mov(R13, RAX)
                .mov(RAX, RCX)
                .xor32(RDX, RDX)
                .movImm32(RCX, NANOS_PER_SECOND)
                .div(RCX)                                       // AX = s, DX = ns
                .add(RBX, RAX)
                .lea(RAX, Memory.indexed(R13, RDX, 1))
                .cmpImm32(RAX, NANOS_PER_SECOND)
                .jcc(BELOW, done)
                .subImm32(RAX, NANOS_PER_SECOND)
                .inc(RBX)
                .bind(done);
        if (locationVariable == 0) {
            w.xor32(RCX, RCX);                                  // loc = nil (UTC)
        } else {
            w.movImm64(RCX, locationVariable).load(RCX, Memory.at(RCX));
        }
        return w.ret().bytes();
    }

    /**
     * Adds a positive {@code d} (AX) to the sleep offset at state+24 with a compare-and-swap loop that saturates at
     * {@code Long.MAX_VALUE}: the offset never wraps, so Go (which divides it unsigned) and Java (which adds it
     * signed) read the same instant. Uses only AX, CX, DX and R12.
     */
    @Override
    public byte[] fakeSleepStub(long state) {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label retry = new Label();
        Label store = new Label();
        Label done = new Label();
        return w.test(RAX, RAX)
                .jcc(LESS_OR_EQUAL, done)
                .mov(RCX, RAX)                                  // d
                .movImm64(R12, state + 24)
                .load(RAX, Memory.at(R12))                      // old
                .bind(retry)
                .mov(RDX, RAX)
                .add(RDX, RCX)                                  // new = old + d
                .jcc(NO_OVERFLOW, store)
                .movImm64(RDX, Long.MAX_VALUE)
                .bind(store)
                .lockCmpxchg(Memory.at(R12), RDX)
                .jcc(NOT_EQUAL, retry)                          // AX = the current value
                .bind(done)
                .ret()
                .bytes();
    }

    @Override
    public dev.gojack.internal.arch.SpyEntry spyEntry(long entry, byte[] code) {
        return Amd64SpyCode.entry(entry, code, decoder);
    }

    @Override
    public byte[] spyStub(dev.gojack.internal.arch.SpyEntry entry, dev.gojack.internal.arch.SpyRecording recording) {
        return Amd64SpyCode.stub(entry, recording, new int[1]);
    }

    @Override
    public int spyRecordingOffset(dev.gojack.internal.arch.SpyEntry entry,
                                  dev.gojack.internal.arch.SpyRecording recording) {
        int[] offset = new int[1];
        Amd64SpyCode.stub(entry, recording, offset);
        return offset[0];
    }

    @Override
    public byte[] spyResume(dev.gojack.internal.arch.SpyEntry entry) {
        return Amd64SpyCode.resume(entry);
    }
}
