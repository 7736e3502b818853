package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.SpyEntry;
import dev.gojack.internal.arch.SpyRecording;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Xmm;

import java.util.Arrays;

import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.ABOVE;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.BELOW;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.BELOW_OR_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.LESS_OR_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.NOT_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R12;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R13;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R14;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R15;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSP;

/**
 * The amd64 code of a spy (issue 20): a frameless recording stub that the function's entry jump leads to.
 *
 * <p>The stub first repeats the function's own stack check; when the stack must grow it jumps to the function's
 * morestack block, whose {@code CALL runtime.morestack_noctxt} has a return PC the runtime knows and which
 * jumps back to the entry once the stack has grown: the call passes the check then and is recorded once. Then
 * it records the call into a ring slot and jumps on through the spy's next slot: to the function just after its
 * stack check, to the patch below the spy, or to another spy.
 *
 * <p>It touches only what is free at a Go function's entry (go-internals §4): R12, R13, R15, the flags and X15,
 * which Go keeps zero at calls and which the stub clears again. Never RDX (a closure's context), R14 ({@code g}),
 * the stack, or an argument register; it calls nothing and has no PC the runtime knows, so no goroutine is ever
 * stopped inside it (not a safe point for async preemption, and no frame of its own for a stack scan).
 */
final class Amd64SpyCode {
    /** Bytes of entry a jump plan may change: at most a {@code E9 rel32}. */
    private static final int CHANGED = 5;

    private Amd64SpyCode() {
    }

    /** Decodes the stack check at the entry, or the instructions to relocate when there is none. */
    static SpyEntry entry(long entry, byte[] code, Amd64InstructionDecoder decoder) {
        int at;
        SpyEntry.Check check;
        int frame = 0;
        if (starts(code, 0, 0x49, 0x3b, 0x66, 0x10)) {                       // CMPQ SP, 16(R14)
            check = SpyEntry.Check.SMALL;
            at = 4;
        } else if (starts(code, 0, 0x4c, 0x8d, 0x64, 0x24) && code.length > 4 // LEAQ disp8(SP), R12
                && starts(code, 5, 0x4d, 0x3b, 0x66, 0x10)) {
            check = SpyEntry.Check.BIG;
            frame = -code[4];
            at = 9;
        } else if (starts(code, 0, 0x4c, 0x8d, 0xa4, 0x24) && code.length >= 8 // LEAQ disp32(SP), R12
                && starts(code, 8, 0x4d, 0x3b, 0x66, 0x10)) {
            check = SpyEntry.Check.BIG;
            frame = -le32(code, 4);
            at = 12;
        } else if (starts(code, 0, 0x49, 0x89, 0xe4, 0x49, 0x81, 0xec) && code.length >= 10) {
            // MOVQ SP, R12; SUBQ $n, R12; JCS morestack; CMPQ R12, 16(R14); JBE morestack
            check = SpyEntry.Check.HUGE;
            frame = le32(code, 6);
            long carry = branch(entry, code, 10, 0x72);
            int after = 10 + (code.length > 10 && (code[10] & 0xff) == 0x72 ? 2 : 6);
            if (carry == 0 || !starts(code, after, 0x4d, 0x3b, 0x66, 0x10)) {
                throw new IllegalArgumentException(unknown(code));
            }
            long morestack = branch(entry, code, after + 4, 0x76);
            if (morestack == 0 || morestack != carry) {
                throw new IllegalArgumentException(unknown(code));
            }
            return new SpyEntry(entry, after + 4 + length(code, after + 4), check, frame, morestack, new byte[0]);
        } else {
            return relocatable(entry, code, decoder);
        }
        long morestack = branch(entry, code, at, 0x76);
        if (morestack == 0) {
            throw new IllegalArgumentException(unknown(code));
        }
        return new SpyEntry(entry, at + length(code, at), check, frame, morestack, new byte[0]);
    }

    /**
     * A function without a stack check: the whole instructions that cover the bytes a jump plan may change are
     * copied, if none of them depends on where it runs (no relative branch, no RIP-relative operand).
     */
    private static SpyEntry relocatable(long entry, byte[] code, Amd64InstructionDecoder decoder) {
        int at = 0;
        while (at < CHANGED) {
            int n = decoder.length(code, at, code.length);
            if (n < 0) {
                throw new IllegalArgumentException("it starts with neither a stack check GoJack knows nor "
                        + "instructions it can decode (" + CodeWrite.hex(Arrays.copyOf(code, Math.min(8, code.length)))
                        + ")");
            }
            if (decoder.isPositionDependent(code, at, code.length)) {
                throw new IllegalArgumentException("it has no stack check, and its first instructions ("
                        + CodeWrite.hex(Arrays.copyOf(code, at + n)) + ") include a relative branch or a "
                        + "RIP-relative operand, which GoJack does not relocate");
            }
            if ((code[at] & 0xff) == 0xc3) {                                   // RET: the function ends here
                return new SpyEntry(entry, at + 1, SpyEntry.Check.NONE, 0, 0, Arrays.copyOf(code, at + 1));
            }
            at += n;
        }
        return new SpyEntry(entry, at, SpyEntry.Check.NONE, 0, 0, Arrays.copyOf(code, at));
    }

    private static String unknown(byte[] code) {
        return "its stack check (" + CodeWrite.hex(Arrays.copyOf(code, Math.min(12, code.length)))
                + ") is not one of the forms GoJack knows";
    }

    /** The target of the {@code Jcc} with short opcode {@code opcode} at {@code at} (rel8 or 0F rel32), or 0. */
    private static long branch(long entry, byte[] code, int at, int opcode) {
        if (at + 2 <= code.length && (code[at] & 0xff) == opcode) {
            return entry + at + 2 + code[at + 1];
        }
        if (at + 6 <= code.length && (code[at] & 0xff) == 0x0f && (code[at + 1] & 0xff) == opcode + 0x10) {
            return entry + at + 6 + le32(code, at + 2);
        }
        return 0;
    }

    private static int length(byte[] code, int at) {
        return (code[at] & 0xff) == 0x0f ? 6 : 2;
    }

    private static boolean starts(byte[] code, int at, int... bytes) {
        if (at + bytes.length > code.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((code[at + i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int le32(byte[] code, int at) {
        return (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | (code[at + 3] & 0xff) << 24;
    }

    /** The recording stub; {@code recordingOffset} receives where its part after the stack check starts. */
    static byte[] stub(SpyEntry entry, SpyRecording r, int[] recordingOffset) {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label record = new Label();
        Label grow = new Label();
        switch (entry.check()) {
            case SMALL -> w.cmpLoad(RSP, Memory.at(R14, 16)).jcc(ABOVE, record);
            case BIG -> w.lea(R12, Memory.at(RSP, -entry.frameBytes()))
                    .cmpLoad(R12, Memory.at(R14, 16)).jcc(ABOVE, record);
            case HUGE -> w.mov(R12, RSP).subImm32(R12, entry.frameBytes()).jcc(BELOW, grow)
                    .cmpLoad(R12, Memory.at(R14, 16)).jcc(ABOVE, record);
            case NONE -> { } // nothing to repeat: the relocated instructions run after the recording
            default -> throw new IllegalStateException(entry.check().name());
        }
        // The stack must grow: the function's own morestack block, with every argument register untouched.
        w.bind(grow);
        if (entry.check() != SpyEntry.Check.NONE) {
            w.jmpAbsolute(entry.morestack());
        }
        w.bind(record);
        recordingOffset[0] = w.size();

        Label retry = new Label();
        Label locked = new Label();
        Label release = new Label();
        w.movImm64(R12, r.counter())
                .movSignExtendedImm32(R13, 1)
                .lockXadd(Memory.at(R12), R13)                       // R13 = this call's number
                .lea(R15, Memory.at(R13, 1))                         // R15 = number + 1, as the slot stores it
                .andImm32(R13, r.mask())
                .imulImm32(R13, R13, r.slotSize())
                .movImm64(R12, r.ring())
                .add(R12, R13)                                       // R12 = the slot
                .bind(retry)
                .movSignExtendedImm32(R13, 1)
                .xchg(Memory.at(R12, SpyRecording.LOCK), R13)
                .test(R13, R13)
                .jcc(EQUAL, locked)
                .pause()                                             // a call N calls older still writes it
                .jmp(retry)
                .bind(locked)
                .cmpLoad(R15, Memory.at(R12, SpyRecording.INDEX))
                .jccNear(BELOW, release)                             // a later call already filled the slot
                .store(Memory.at(R12, SpyRecording.INDEX), R15)
                .store(Memory.at(R12, SpyRecording.GOROUTINE), R14);
        for (SpyRecording.Saved s : r.registers()) {
            Memory slot = Memory.at(R12, s.slotOffset());
            if (s.register().floating()) {
                w.storeXmm64(slot, Xmm.of(s.register().index()));
            } else {
                w.store(slot, Register.valueOf(s.register().name()));
            }
        }
        for (int i = 0; i < r.stackBytes(); i += 8) {
            w.load(R13, Memory.at(RSP, 8 + i)).store(Memory.at(R12, r.stackOffset() + i), R13);
        }
        for (SpyRecording.Capture c : r.captures()) {
            capture(w, c);
        }
        w.bind(release)
                .storeImm32(Memory.at(R12, SpyRecording.LOCK), 0)  // x86 keeps the slot's stores before it
                .xorps(Xmm.X15, Xmm.X15)
                .movImm64(R12, r.next())
                .jmpIndirect(Memory.at(R12));
        return w.bytes();
    }

    /**
     * Copies the aligned 8-byte words that hold the first min(len, cap) bytes of a string or slice, last word
     * first, through X15. Every word read holds at least one byte of the value, so no read leaves its pages.
     */
    private static void capture(Amd64CodeWriter w, SpyRecording.Capture c) {
        Label done = new Label();
        Label capped = new Label();
        Label copy = new Label();
        w.load(R15, Memory.at(R12, c.lengthOffset()))
                .test(R15, R15)
                .jccNear(LESS_OR_EQUAL, done)
                .cmpImm32(R15, c.cap())
                .jcc(BELOW_OR_EQUAL, capped)
                .movSignExtendedImm32(R15, c.cap())
                .bind(capped)
                .load(R13, Memory.at(R12, c.pointerOffset()))
                .add(R15, R13)
                .addImm8(R15, 7)
                .shrImm8(R15, 3)                                     // the word after the last byte
                .shrImm8(R13, 3)                                     // the first byte's word
                .sub(R15, R13)                                       // words to copy
                .shlImm8(R13, 3)
                .test(R15, R15)                                      // never 0 for cap > 0; a guard all the same
                .jcc(EQUAL, done)
                .bind(copy)
                .loadXmm64(Xmm.X15, new Memory(R13, R15, 8, -8, false))
                .storeXmm64(new Memory(R12, R15, 8, c.bufferOffset() - 8, false), Xmm.X15)
                .dec(R15)
                .jcc(NOT_EQUAL, copy)
                .bind(done);
    }

    /** The relocated first instructions of an entry without a stack check, then a jump back after them. */
    static byte[] resume(SpyEntry entry) {
        return new Amd64CodeWriter().raw(entry.relocated()).jmpAbsolute(entry.resume()).bytes();
    }
}
