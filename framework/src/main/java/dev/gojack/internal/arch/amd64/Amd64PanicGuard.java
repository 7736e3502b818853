package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register;

import java.util.List;

/**
 * The function every Java answer's frame defers while Java runs (issue 19, item 4): a Go {@code func()} the
 * runtime calls when a panic or {@code runtime.Goexit} unwinds through {@code gojack.java(<target>)}. By then cgo
 * has already unwound the callback the body made (its {@code unwindm} ran): the body's C and JVM frames are
 * abandoned below, and if anything above recovered, the goroutine would run on over them. So the guard never
 * returns: it prints the pending panics, as Go would, and ends the process with {@code runtime.fatal} and the
 * message its closure carries ({@code funcval{guard, message pointer, message length}} in RDX):
 *
 * <pre>
 *         PUSH RBP; MOV RBP, RSP; SUB RSP, 16; MOV [RBP - 8], RDX
 *         MOV RAX, [R14 + 32]; TEST RAX, RAX; JZ fatal      g._panic (nil for Goexit in Go 1.21)
 *         MOV R12, runtime.preprintpanics; CALL R12        error and Stringer values become their text
 *         MOV RAX, [R14 + 32]; MOV R12, runtime.printpanics; CALL R12   (before Go 1.26: fatal prints them itself)
 * fatal:  MOV RDX, [RBP - 8]; MOV RAX, [RDX + 8]; MOV RBX, [RDX + 16]
 *         MOV R12, runtime.fatal; CALL R12; INT3
 * </pre>
 *
 * {@code g._panic} sits at offset 32 of {@code g} in every Go release (after {@code stack}, {@code stackguard0}
 * and {@code stackguard1}; the assembler knows that offset too). The frame holds the closure pointer only, which
 * points at GoJack's memory, not the Go heap; the stack copier has nothing to adjust in it.
 */
public final class Amd64PanicGuard {
    /** {@code offsetof(g, _panic)}. */
    private static final int G_PANIC = 32;
    /** Bytes below the entry SP once the frame is set up: saved RBP and 16 bytes of locals. */
    public static final int FRAME = 24;

    private Amd64PanicGuard() {
    }

    /**
     * @param preprintpanics {@code runtime.preprintpanics}
     * @param printpanics    {@code runtime.printpanics}, or 0 where {@code runtime.fatal} prints the panics itself
     * @param fatal          {@code runtime.fatal}
     */
    public static Amd64AnswerStub.Code build(long preprintpanics, long printpanics, long fatal) {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label report = new Label();
        w.push(Register.RBP);
        int pushed = w.size();
        w.mov(Register.RBP, Register.RSP);
        w.subImm32(Register.RSP, FRAME - 8);
        int framed = w.size();
        w.store(Memory.at(Register.RBP, -8), Register.RDX);
        w.load(Register.RAX, Memory.at(Register.R14, G_PANIC));
        w.test(Register.RAX, Register.RAX);
        w.jccNear(Amd64CodeWriter.Condition.EQUAL, report);
        w.movImm64(Register.R12, preprintpanics);
        w.call(Register.R12);
        if (printpanics != 0) {
            // Reloaded from g: the call may have moved the stack, and the copier adjusts g._panic.
            w.load(Register.RAX, Memory.at(Register.R14, G_PANIC));
            w.movImm64(Register.R12, printpanics);
            w.call(Register.R12);
        }
        w.bind(report);
        w.load(Register.RDX, Memory.at(Register.RBP, -8));
        w.load(Register.RAX, Memory.at(Register.RDX, 8));
        w.load(Register.RBX, Memory.at(Register.RDX, 16));
        w.movImm64(Register.R12, fatal);
        w.call(Register.R12);
        w.raw(new byte[] {(byte) 0xCC}); // runtime.fatal does not return
        byte[] bytes = w.bytes();
        return new Amd64AnswerStub.Code(bytes, List.of(new Amd64AnswerStub.SpRun(0, pushed, 0),
                new Amd64AnswerStub.SpRun(pushed, framed, 8), new Amd64AnswerStub.SpRun(framed, bytes.length, FRAME)),
                FRAME);
    }
}
