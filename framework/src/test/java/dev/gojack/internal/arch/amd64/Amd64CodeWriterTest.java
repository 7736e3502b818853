package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Xmm;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.BELOW;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.GREATER;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.NOT_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R11;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R12;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R13;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R15;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R10;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R8;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.R9;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RAX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RBP;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RBX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RCX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RDI;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RDX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSI;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each emitter of the amd64 code writer against its known encoding, read back by GNU objdump and measured by
 * GoJack's own decoder; and the label fix-ups, forward and backward, short and near, with their reach checked.
 */
class Amd64CodeWriterTest {
    private final Amd64InstructionDecoder decoder = new Amd64InstructionDecoder();

    private record Case(String hex, String objdump, Consumer<Amd64CodeWriter> emit) {
    }

    private static Case c(String hex, String objdump, Consumer<Amd64CodeWriter> emit) {
        return new Case(hex, objdump, emit);
    }

    private static final List<Case> CASES = List.of(
            c("49bf8877665544332211", "movabs r15,0x1122334455667788", w -> w.movImm64(R15, 0x1122334455667788L)),
            c("48c7c0ffffffff", "mov rax,0xffffffffffffffff", w -> w.movSignExtendedImm32(RAX, -1)),
            c("b900ca9a3b", "mov ecx,0x3b9aca00", w -> w.movImm32(RCX, 1_000_000_000)),
            c("4c89e8", "mov rax,r13", w -> w.mov(RAX, R13)),
            c("4189ff", "mov r15d,edi", w -> w.mov32(R15, RDI)),
            c("488b4500", "mov rax,QWORD PTR [rbp+0x0]", w -> w.load(RAX, Memory.at(RBP))),
            c("498b0424", "mov rax,QWORD PTR [r12]", w -> w.load(RAX, Memory.at(R12))),
            c("498b4500", "mov rax,QWORD PTR [r13+0x0]", w -> w.load(RAX, Memory.at(R13))),
            c("488b8300100000", "mov rax,QWORD PTR [rbx+0x1000]", w -> w.load(RAX, Memory.at(RBX, 0x1000))),
            c("498b842400000000", "mov rax,QWORD PTR [r12+0x0]", w -> w.load(RAX, Memory.at(R12).wide())),
            c("4a8b04c8", "mov rax,QWORD PTR [rax+r9*8]", w -> w.load(RAX, Memory.indexed(RAX, R9, 8))),
            c("4c890c24", "mov QWORD PTR [rsp],r9", w -> w.store(Memory.at(RSP), R9)),
            c("488d441500", "lea rax,[rbp+rdx*1+0x0]", w -> w.lea(RAX, Memory.indexed(RBP, RDX, 1))),
            c("66490f6ee7", "movq xmm4,r15", w -> w.movToXmm64(Xmm.X4, R15)),
            c("66440f6ecf", "movd xmm9,edi", w -> w.movToXmm32(Xmm.X9, RDI)),
            c("f3440f7e8c2410000000", "movq xmm9,QWORD PTR [rsp+0x10]",
                    w -> w.loadXmm64(Xmm.X9, Memory.at(RSP, 16).wide())),
            c("660f6e4424fc", "movd xmm0,DWORD PTR [rsp-0x4]", w -> w.loadXmm32(Xmm.X0, Memory.at(RSP, -4))),
            c("4154", "push r12", w -> w.push(R12)),
            c("55", "push rbp", w -> w.push(RBP)),
            c("415d", "pop r13", w -> w.pop(R13)),
            c("4801d8", "add rax,rbx", w -> w.add(RAX, RBX)),
            c("4c035608", "add r10,QWORD PTR [rsi+0x8]", w -> w.addLoad(R10, Memory.at(RSI, 8))),
            c("4c0106", "add QWORD PTR [rsi],r8", w -> w.addToMemory(Memory.at(RSI), R8)),
            c("4883c408", "add rsp,0x8", w -> w.addImm8(RSP, 8)),
            c("4829c8", "sub rax,rcx", w -> w.sub(RAX, RCX)),
            c("4883ec7f", "sub rsp,0x7f", w -> w.subImm8(RSP, 127)),
            c("482d44332211", "sub rax,0x11223344", w -> w.subImm32(RAX, 0x11223344)),
            c("4981eb44332211", "sub r11,0x11223344", w -> w.subImm32(R11, 0x11223344)),
            c("4d69c3e8030000", "imul r8,r11,0x3e8", w -> w.imulImm32(R8, R11, 1000)),
            c("49f7f2", "div r10", w -> w.div(R10)),
            c("48f7fe", "idiv rsi", w -> w.idiv(RSI)),
            c("4899", "cqo", Amd64CodeWriter::cqo),
            c("49ffc7", "inc r15", w -> w.inc(R15)),
            c("48ff4010", "inc QWORD PTR [rax+0x10]", w -> w.incMemory(Memory.at(RAX, 16))),
            c("48ff4e08", "dec QWORD PTR [rsi+0x8]", w -> w.decMemory(Memory.at(RSI, 8))),
            c("4531c9", "xor r9d,r9d", w -> w.xor32(R9, R9)),
            c("f04c0fc10e", "lock xadd QWORD PTR [rsi],r9", w -> w.lockXadd(Memory.at(RSI), R9)),
            c("f0490fb11424", "lock cmpxchg QWORD PTR [r12],rdx", w -> w.lockCmpxchg(Memory.at(R12), RDX)),
            c("4c39c0", "cmp rax,r8", w -> w.cmp(RAX, R8)),
            c("4c3b4608", "cmp r8,QWORD PTR [rsi+0x8]", w -> w.cmpLoad(R8, Memory.at(RSI, 8))),
            c("483d01000000", "cmp rax,0x1", w -> w.cmpImm32(RAX, 1)),
            c("4981fc01000000", "cmp r12,0x1", w -> w.cmpImm32(R12, 1)),
            c("4183f809", "cmp r8d,0x9", w -> w.cmp32Imm8(R8, 9)),
            c("4885c0", "test rax,rax", w -> w.test(RAX, RAX)),
            c("4d85ff", "test r15,r15", w -> w.test(R15, R15)),
            c("85c0", "test eax,eax", w -> w.test32(RAX, RAX)),
            c("f6c001", "test al,0x1", w -> w.testByteImm8(RAX, 1)),
            c("40f6c601", "test sil,0x1", w -> w.testByteImm8(RSI, 1)),
            c("41f6c701", "test r15b,0x1", w -> w.testByteImm8(R15, 1)),
            c("ff22", "jmp QWORD PTR [rdx]", w -> w.jmpIndirect(Memory.at(RDX))),
            c("41ff24c4", "jmp QWORD PTR [r12+rax*8]", w -> w.jmpIndirect(Memory.indexed(R12, RAX, 8))),
            c("41ffd3", "call r11", w -> w.call(R11)),
            c("c3", "ret", Amd64CodeWriter::ret));

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @TestFactory
    Stream<DynamicTest> eachEmitterWritesItsKnownEncodingWhichObjdumpAndTheDecoderReadBack() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.objdump, () -> {
            Amd64CodeWriter w = new Amd64CodeWriter();
            c.emit.accept(w);
            byte[] code = w.bytes();
            assertThat(HexFormat.of().formatHex(code)).isEqualTo(c.hex);
            assertThat(GnuObjdump.disassemble(code, 0)).containsExactly(c.objdump);
            assertThat(decoder.length(code, 0, code.length)).as("decoded length").isEqualTo(code.length);
        }));
    }

    @Test
    void shortBranchesToLabelsAreFixedUpForwardAndBackward() throws Exception {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label top = new Label();
        Label end = new Label();
        w.bind(top)
                .test(RAX, RAX)           // 0x00
                .jcc(EQUAL, end)          // 0x03
                .inc(RBX)                 // 0x05
                .jmp(top)                 // 0x08: back to 0
                .bind(end)
                .ret();                   // 0x0a
        byte[] code = w.bytes();
        assertThat(code).isEqualTo(hex("4885c0 7405 48ffc3 ebf6 c3".replace(" ", "")));
        assertThat(GnuObjdump.disassemble(code, 0x100)).containsExactly(
                "test rax,rax", "je 0x10a", "inc rbx", "jmp 0x100", "ret");
    }

    @Test
    void nearBranchesToLabelsGetRel32FixUpsForwardAndBackward() throws Exception {
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label top = new Label();
        Label end = new Label();
        w.bind(top).jccNear(NOT_EQUAL, end).jmpNear(top).bind(end).ret();
        byte[] code = w.bytes();
        assertThat(code).isEqualTo(hex("0f8505000000" + "e9f5ffffff" + "c3"));
        assertThat(GnuObjdump.disassemble(code, 0x100)).containsExactly("jne 0x10b", "jmp 0x100", "ret");
    }

    @Test
    void aShortBranchReachesExactlyMinus128To127() throws Exception {
        Amd64CodeWriter forward = new Amd64CodeWriter();
        Label far = new Label();
        forward.jcc(BELOW, far);
        pad(forward, 127);
        forward.bind(far).ret();
        assertThat(forward.bytes()[1]).isEqualTo((byte) 127);

        Amd64CodeWriter backward = new Amd64CodeWriter();
        Label back = new Label();
        backward.bind(back);
        pad(backward, 126);
        backward.jmp(back);
        byte[] code = backward.bytes();
        assertThat(code[code.length - 1]).isEqualTo((byte) -128);
        assertThat(GnuObjdump.disassemble(code, 0x1000)).last().isEqualTo("jmp 0x1000");
    }

    @Test
    void aShortBranchOutOfRel8ReachIsRefused() {
        Amd64CodeWriter forward = new Amd64CodeWriter();
        Label far = new Label();
        forward.jcc(GREATER, far);
        pad(forward, 128);
        forward.bind(far).ret();
        assertThatThrownBy(forward::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("short branch at offset 0").hasMessageContaining("128 bytes away");

        Amd64CodeWriter backward = new Amd64CodeWriter();
        Label back = new Label();
        backward.bind(back);
        pad(backward, 127);
        backward.jmp(back);
        assertThatThrownBy(backward::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-129 bytes away");
    }

    @Test
    void aBranchToALabelNeverBoundIsRefusedAndALabelBindsOnce() {
        Amd64CodeWriter w = new Amd64CodeWriter();
        w.ret().jmp(new Label());
        assertThatThrownBy(w::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("offset 1").hasMessageContaining("never bound");
        Label once = new Label();
        w.bind(once);
        assertThatThrownBy(() -> w.bind(once)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already bound");
    }

    @Test
    void absoluteBranchesAreRelativeToTheOriginAndRefusedOutOfReach() throws Exception {
        byte[] code = new Amd64CodeWriter(0x7000_0000L).ret().jmp(0x7000_0100L).jmpShort(0x7000_0000L)
                .jmpThroughSlot(0x6fff_f000L).bytes();
        assertThat(GnuObjdump.disassemble(code, 0x7000_0000L)).containsExactly(
                "ret", "jmp 0x70000100", "jmp 0x70000000", "jmp QWORD PTR [rip+0xffffffffffffeff2]");
        assertThatThrownBy(() -> new Amd64CodeWriter(0x10000).jmp(0x10000 + (1L << 31) + 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of rel32 reach from 0x10000");
        assertThatThrownBy(() -> new Amd64CodeWriter(0x10000).jmpShort(0x10000 + 2 + 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of rel8 reach");
        assertThatThrownBy(() -> new Amd64CodeWriter(0x10000).jmpThroughSlot(0x10000 - (1L << 31) - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rip-relative reach");
    }

    @Test
    void operandsNoEncodingCanExpressAreRefused() {
        assertThatThrownBy(() -> Memory.indexed(RAX, RSP, 1)).hasMessageContaining("RSP cannot be an index");
        assertThatThrownBy(() -> Memory.indexed(RAX, RCX, 3)).hasMessageContaining("scale 3");
        assertThatThrownBy(() -> new Amd64CodeWriter().addImm8(RSP, 128)).hasMessageContaining("signed byte");
    }

    /** {@code n} bytes of one-byte instructions. */
    private static void pad(Amd64CodeWriter w, int n) {
        for (int i = 0; i < n; i++) {
            w.push(RAX);
        }
    }
}
