package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register;

import java.util.ArrayList;
import java.util.List;

/**
 * The code that runs an answered function's original body for {@code GoCall.callOriginal()} (issue 19). The
 * original's entry jumps to the answer stub and its morestack block jumps back to the entry, so nothing may
 * enter it there: this function, registered with the runtime as {@code gojack.original(<target>)}, is an
 * ABIInternal {@code func(block unsafe.Pointer)} that Java enters through the library's {@code crosscall2}, as an
 * export call from the body would run (on the goroutine that made the answered call, below the answer stub's
 * frame):
 *
 * <pre>
 * check:  LEA R12, [RSP - (frame + 8 + k)]; CMP R12, [R14 + 16]; JBE grow
 *         (k: what the original's own check subtracts, so the check the call skips would have passed)
 *         PUSH RBP; MOV RBP, RSP; SUB RSP, frame - 8
 *         MOV R13, [RAX]; MOV [RBP - 8], R13     block[0]: the answer stub's frame, as bytes below g.stack.hi
 *         R12 = g.stack.hi - R13                 the answer stub's frame now (an earlier callback may have moved it)
 *         copy the answer's argument area (stack arguments, spill area) to the bottom of this frame
 *         load each register argument from the answer's spill area
 *         MOV R12, resume; CALL R12             the original just past its stack check
 *         R12 = g.stack.hi - [RBP - 8]           again: the original may have grown the stack
 *         store each result register into the answer stub's result slots (marked in its pointer map)
 *         MOV RSP, RBP; POP RBP; RET
 * grow:   MOV [RSP + 8], RAX; CALL runtime.morestack_noctxt; MOV RAX, [RSP + 8]; JMP check
 * </pre>
 *
 * Its frame holds no pointers: the arguments it copies are the callee's (described by the original's own
 * argument map once it runs), and the results go straight to the answer stub's frame, where the garbage
 * collector sees them from the store on.
 */
public final class Amd64OriginalStub {
    private Amd64OriginalStub() {
    }

    /**
     * @param abi        the target's register assignment (as for {@link Amd64AnswerStub#build})
     * @param checkBytes what the original's stack check subtracts from SP before comparing (0 for the small form)
     * @param resume     where the original goes on after its stack check (or relocated first instructions)
     */
    public static Amd64AnswerStub.Code build(AbiAssignment abi, int checkBytes, long resume, long morestackNoctxt) {
        int area = (int) abi.frameSize();
        // saved RBP, the block's word, and the original's argument area at the bottom. Rounded to 16.
        int frame = (2 * 8 + area + 15) & ~15;
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label check = new Label();
        Label grow = new Label();
        w.bind(check);
        w.lea(Register.R12, Memory.at(Register.RSP, -(frame + 8 + checkBytes)));
        w.cmpLoad(Register.R12, Memory.at(Register.R14, 16));
        w.jccNear(Amd64CodeWriter.Condition.BELOW_OR_EQUAL, grow);
        w.push(Register.RBP);
        int pushed = w.size();
        w.mov(Register.RBP, Register.RSP);
        w.subImm32(Register.RSP, frame - 8);
        int framed = w.size();
        w.load(Register.R13, Memory.at(Register.RAX));
        w.store(Memory.at(Register.RBP, -8), Register.R13);
        answerFrame(w);
        for (int at = 0; at < area; at += 8) {
            w.load(Register.R13, Memory.at(Register.R12, Amd64AnswerStub.ARGUMENTS + at));
            w.store(Memory.at(Register.RSP, at), Register.R13);
        }
        for (AbiAssignment.Value p : abi.parameters()) {
            for (AbiAssignment.Piece piece : p.pieces()) {
                Amd64AnswerStub.loadPiece(w, Memory.at(Register.R12, (int) (Amd64AnswerStub.ARGUMENTS
                        + p.spillOffset() + piece.offset())), piece);
            }
        }
        w.movImm64(Register.R12, resume);
        w.call(Register.R12);
        answerFrame(w);
        int slot = Amd64AnswerStub.FIRST_RESULT_SLOT;
        for (AbiAssignment.Value r : abi.results()) {
            for (AbiAssignment.Piece piece : r.pieces()) {
                Amd64AnswerStub.storePiece(w, Memory.at(Register.R12, slot), piece);
                slot -= 8;
            }
        }
        w.mov(Register.RSP, Register.RBP);
        int unframed = w.size();
        w.pop(Register.RBP);
        int popped = w.size();
        w.ret();
        w.bind(grow);
        // morestack keeps no register: the block's address waits in this function's own spill slot.
        w.store(Memory.at(Register.RSP, 8), Register.RAX);
        w.movImm64(Register.R12, morestackNoctxt);
        w.call(Register.R12);
        w.load(Register.RAX, Memory.at(Register.RSP, 8));
        w.jmpNear(check);
        byte[] bytes = w.bytes();
        List<Amd64AnswerStub.SpRun> runs = new ArrayList<>();
        runs.add(new Amd64AnswerStub.SpRun(0, pushed, 0));
        runs.add(new Amd64AnswerStub.SpRun(pushed, framed, 8));
        runs.add(new Amd64AnswerStub.SpRun(framed, unframed, frame));
        runs.add(new Amd64AnswerStub.SpRun(unframed, popped, 8));
        runs.add(new Amd64AnswerStub.SpRun(popped, bytes.length, 0));
        return new Amd64AnswerStub.Code(bytes, runs, frame);
    }

    /** R12 = the answer stub's frame: g.stack.hi minus the distance saved at [RBP - 8]. */
    private static void answerFrame(Amd64CodeWriter w) {
        w.load(Register.R12, Memory.at(Register.R14, 8));
        w.load(Register.R13, Memory.at(Register.RBP, -8));
        w.sub(Register.R12, Register.R13);
    }
}
