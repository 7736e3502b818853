package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Xmm;
import dev.gojack.internal.dwarf.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The code of a Java answer (issue 19): the function a patched Go entry jumps to, which makes a real cgo call
 * into Java. It is registered with the runtime as a Go function of its own (see
 * {@code dev.gojack.internal.runtime.StubModule}), so its frame must look like a Go frame:
 *
 * <pre>
 * entry:  spill every register argument into the caller's spill area, by its Go memory layout
 * check:  LEA R12, [RSP - frame]; CMP R12, [R14 + 16]; JBE grow      (stackguard0, as Go's prologues)
 *         PUSH RBP; MOV RBP, RSP; SUB RSP, frame - 8   (the lowest 16 bytes: cgocall's spill area)
 *         MOV [RBP - 8], R14                    g: Java finds the frame again relative to g.stack.hi
 *         MOV QWORD PTR [RBP - 16], id          which answer this is
 *         MOV [guard closure slot], guard; MOV BYTE PTR [defer bits], 1
 *         MOV RAX, dispatcher; MOV RBX, RBP; MOV R12, runtime.cgocall; CALL R12
 *         MOV BYTE PTR [defer bits], 0
 *         load each result register from [RBP - 24 - 8 * i]   (Java wrote them)
 *         MOV RSP, RBP; POP RBP; RET
 * grow:   MOV R12, runtime.morestack_noctxt; CALL R12; JMP check
 * </pre>
 *
 * The arguments stay in the spill area (which belongs to the callee, and which the runtime scans and adjusts
 * through the function's argument pointer map), so the stack-growth path needs no reload: after
 * {@code morestack} the copied spill area holds them. {@code runtime.cgocall} is ABIInternal (RAX = C function,
 * RBX = its argument), keeps R14 and returns with X15 zero. The locals map marks the pointer words of the
 * result slots (zeroed before the call): {@code GoCall.callOriginal()} stores the original's results there, and
 * the collector must keep what they point to until Java has copied or returned them.
 *
 * <p>While Java runs, the frame holds a pending open-coded deferred call (the two words below the results,
 * described to the runtime by the module's defer info): a Go panic or {@code runtime.Goexit} raised in a call the
 * body made back into the library, or in {@code callOriginal()}, unwinds through this frame only after cgo has
 * given up the body's C and JVM frames, so the guard it calls ({@link Amd64PanicGuard}) stops the process with
 * GoJack's message before anything above can recover and run on over them.
 */
public final class Amd64AnswerStub {
    /** Offsets from the saved-RBP slot (the block Java receives) of the frame's words. */
    public static final int G_SLOT = -8;
    public static final int ID_SLOT = -16;
    public static final int FIRST_RESULT_SLOT = -24;
    /** Where the argument area starts, from the saved-RBP slot: above saved RBP and the return address. */
    public static final int ARGUMENTS = 16;
    /** The spill area of runtime.cgocall's two arguments, at the bottom of the frame. */
    private static final int OUTGOING = 16;

    private Amd64AnswerStub() {
    }

    /** A stretch of the code with one frame size (bytes below the entry SP), for the pcsp table. */
    public record SpRun(int start, int end, int delta) {
    }

    /**
     * The code and its frame-size runs; {@code frameSize} bytes below the entry SP at the cgo call. When the frame
     * holds the panic guard's deferred call, {@code deferBitsOffset} and {@code closureOffset} are its two slots
     * in bytes below the saved-RBP slot ({@code varp}), and {@code deferreturn} an offset into the code; all three
     * are 0 otherwise.
     */
    public record Code(byte[] bytes, List<SpRun> spRuns, int frameSize, int deferBitsOffset, int closureOffset,
                       int deferreturn) {
        /** Code without a deferred call. */
        public Code(byte[] bytes, List<SpRun> spRuns, int frameSize) {
            this(bytes, spRuns, frameSize, 0, 0, 0);
        }
    }

    /**
     * @param abi        the target's register assignment; every parameter must be in registers or on the stack,
     *                   every result in registers (the caller checks)
     * @param id         the answer's number, handed to Java in the frame
     * @param dispatcher the C function (Java's closure) cgocall calls with the frame
     * @param guard      the {@code func()} value (a funcval's address) the frame defers while Java runs
     */
    public static Code build(AbiAssignment abi, long id, long dispatcher, long cgocall, long morestackNoctxt,
                             long guard) {
        int resultWords = 0;
        for (AbiAssignment.Value r : abi.results()) {
            resultWords += r.pieces().size();
        }
        // saved RBP, g, id, results, the defer bits and the guard's closure, and at the bottom the 16 bytes cgocall
        // spills its two register arguments to (the caller reserves them, as for every Go call; without them
        // cgocall overwrote g and id). Rounded to 16.
        int deferBits = -FIRST_RESULT_SLOT + 8 * resultWords;
        int closure = deferBits + 8;
        int frame = (5 + resultWords) * 8 + OUTGOING;
        frame = (frame + 15) & ~15;
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label check = new Label();
        Label grow = new Label();
        for (AbiAssignment.Value p : abi.parameters()) {
            for (AbiAssignment.Piece piece : p.pieces()) {
                spill(w, Memory.at(Register.RSP, (int) (8 + p.spillOffset() + piece.offset())), piece);
            }
        }
        w.bind(check);
        w.lea(Register.R12, Memory.at(Register.RSP, -frame));
        w.cmpLoad(Register.R12, Memory.at(Register.R14, 16));
        w.jccNear(Amd64CodeWriter.Condition.BELOW_OR_EQUAL, grow);
        int push = w.size();
        w.push(Register.RBP);
        int pushed = w.size();
        w.mov(Register.RBP, Register.RSP);
        w.subImm32(Register.RSP, frame - 8);
        int framed = w.size();
        w.store(Memory.at(Register.RBP, G_SLOT), Register.R14);
        // Zero results unless Java writes others (a body that failed before its results were encoded).
        w.xor32(Register.RAX, Register.RAX);
        for (int i = 0; i < resultWords; i++) {
            w.store(Memory.at(Register.RBP, FIRST_RESULT_SLOT - 8 * i), Register.RAX);
        }
        w.movImm64(Register.RAX, id);
        w.store(Memory.at(Register.RBP, ID_SLOT), Register.RAX);
        w.movImm64(Register.RAX, guard);
        w.store(Memory.at(Register.RBP, -closure), Register.RAX);
        w.movImm32(Register.RAX, 1);
        w.store(Memory.at(Register.RBP, -deferBits), Register.RAX); // the whole word: no stale bits above bit 0
        w.movImm64(Register.RAX, dispatcher);
        w.mov(Register.RBX, Register.RBP);
        w.movImm64(Register.R12, cgocall);
        w.call(Register.R12);
        int returned = w.size();
        // Java returned: nothing is pending any more (RAX is free: the results are loaded below).
        w.xor32(Register.RAX, Register.RAX);
        w.store(Memory.at(Register.RBP, -deferBits), Register.RAX);
        int slot = FIRST_RESULT_SLOT;
        for (AbiAssignment.Value r : abi.results()) {
            for (AbiAssignment.Piece piece : r.pieces()) {
                loadPiece(w, Memory.at(Register.RBP, slot), piece);
                slot -= 8;
            }
        }
        int unframe = w.size();
        w.mov(Register.RSP, Register.RBP);
        int unframed = w.size();
        w.pop(Register.RBP);
        int popped = w.size();
        w.ret();
        int growStart = w.size();
        w.bind(grow);
        w.movImm64(Register.R12, morestackNoctxt);
        w.call(Register.R12);
        w.jmpNear(check);
        byte[] bytes = w.bytes();
        List<SpRun> runs = new ArrayList<>();
        runs.add(new SpRun(0, pushed, 0));
        runs.add(new SpRun(pushed, framed, 8));
        runs.add(new SpRun(framed, unframed, frame));
        runs.add(new SpRun(unframed, popped, 8));
        runs.add(new SpRun(popped, bytes.length, 0));
        assert push < pushed && unframe < unframed && growStart >= popped;
        return new Code(bytes, runs, frame, deferBits, closure, returned);
    }

    /** Stores a parameter's piece by its Go memory layout: a narrow integer only as wide as it is. */
    private static void spill(Amd64CodeWriter w, Memory at, AbiAssignment.Piece piece) {
        if (piece.register().floating()) {
            storePiece(w, at, piece);
            return;
        }
        Register r = integer(piece.register());
        switch (piece.size()) {
            case 1 -> w.store8(at, r);
            case 2 -> w.store16(at, r);
            case 4 -> w.store32(at, r);
            default -> w.store(at, r);
        }
    }

    /** True for a piece the garbage collector must see as a pointer (the pointer map marks its word). */
    public static boolean isPointer(TypeKind kind) {
        return kind.isPointerShaped() || kind == TypeKind.UNSAFE_POINTER;
    }

    /**
     * Loads {@code piece}'s register from the word at {@code m}: a float of the piece's size, or the whole word
     * for an integer (a narrow integer's upper bits are unspecified in the register ABI).
     */
    static void loadPiece(Amd64CodeWriter w, Memory m, AbiAssignment.Piece piece) {
        if (piece.register().floating()) {
            Xmm x = Xmm.of(piece.register().index());
            if (piece.size() == 4) {
                w.loadXmm32(x, m);
            } else {
                w.loadXmm64(x, m);
            }
        } else {
            w.load(integer(piece.register()), m);
        }
    }

    /** Stores {@code piece}'s register into the word at {@code m}: a float of its size, or the whole register. */
    static void storePiece(Amd64CodeWriter w, Memory m, AbiAssignment.Piece piece) {
        if (piece.register().floating()) {
            Xmm x = Xmm.of(piece.register().index());
            if (piece.size() == 4) {
                w.storeXmm32(m, x);
            } else {
                w.storeXmm64(m, x);
            }
        } else {
            w.store(m, integer(piece.register()));
        }
    }

    static Register integer(AbiAssignment.Register r) {
        return Register.valueOf(Amd64RegisterAbi.INTEGER[r.index()]);
    }
}
