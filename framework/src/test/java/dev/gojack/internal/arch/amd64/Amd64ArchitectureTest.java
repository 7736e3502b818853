package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.ResultPlacement;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every encoding the amd64 code writer emits, byte for byte, and read back by GNU objdump so the bytes say
 * what the comments in {@link Amd64Architecture} claim.
 */
class Amd64ArchitectureTest {
    private final Amd64Architecture arch = new Amd64Architecture();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] padded(String prefix, int length) {
        byte[] head = hex(prefix);
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) 0xcc);
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    @Test
    void entryWhoseFirstInstructionIsFiveBytesOrMoreGetsOneAligned8ByteStore() {
        // LEAQ -0x28(SP), R12 (5 bytes) then CMPQ R12, 16(R14)
        byte[] code = padded("4c8d6424d8 4d3b6610 0f86", 32);
        EntryJumpPlan plan = arch.planEntryJump(0x10000, code, 0x10000 + 30, 0x10020, 0x20000, (f, t, n) -> List.of());
        assertThat(plan.kind()).isEqualTo(EntryJumpPlan.Kind.ALIGNED_STORE);
        assertThat(plan.preparation()).isEmpty();
        CodeWrite w = plan.entryWrite();
        assertThat(w.atomic()).isTrue();
        assertThat(w.address()).isEqualTo(0x10000);
        // E9 rel32 (0x20000 - 0x10005 = 0xfffb), then the original bytes 5..7
        assertThat(w.replacement()).isEqualTo(hex("e9fbff0000 4d3b66"));
        assertThat(w.expected()).isEqualTo(hex("4c8d6424d8 4d3b66"));
    }

    @Test
    void entryWithAShortFirstInstructionJumpsThroughPaddingWithATwoByteStore() {
        // CMPQ SP, 16(R14) (4 bytes): a 5-byte jump would split the next instruction
        byte[] code = padded("493b6610 7620", 32);
        EntryJumpPlan plan = arch.planEntryJump(0x10000, code, 0x10000 + 24, 0x10020, 0x20000,
                (from, to, n) -> List.of(0x10000L - 16, 0x10000L + 26));
        assertThat(plan.kind()).isEqualTo(EntryJumpPlan.Kind.PADDING_HOTPATCH);
        assertThat(plan.paddingSlot()).isEqualTo(0x10000 - 16);
        CodeWrite park = plan.preparation().get(0);
        assertThat(park.address()).isEqualTo(0xfff0);
        assertThat(park.expected()).isEqualTo(hex("cccccccccc"));
        assertThat(park.replacement()).isEqualTo(hex("e90b000100")); // 0x20000 - 0xfff5
        assertThat(plan.entryWrite().replacement()).isEqualTo(hex("ebee")); // -18 from entry + 2
        assertThat(plan.entryWrite().expected()).isEqualTo(hex("493b"));
        assertThat(plan.entryWrite().atomic()).isTrue();
    }

    @Test
    void aFunctionThatIsOneRetIsHotPatchedThroughPaddingToo() {
        byte[] code = padded("c3", 32);
        EntryJumpPlan plan = arch.planEntryJump(0x10000, code, 0x10001, 0x10020, 0x20000,
                (from, to, n) -> List.of(0x10000L + 1, 0x10000L + 8));
        assertThat(plan.kind()).isEqualTo(EntryJumpPlan.Kind.PADDING_HOTPATCH);
        assertThat(plan.paddingSlot()).as("not the byte right after the RET: the short jump covers it").isEqualTo(0x10008);
        assertThat(plan.entryWrite().expected()).isEqualTo(hex("c3cc"));
        assertThat(plan.entryWrite().replacement()).isEqualTo(hex("eb06"));
    }

    @Test
    void aOneByteFirstInstructionFollowedByMoreCodeIsQuiescentOnly() {
        byte[] code = padded("55 4889e5 c3", 32); // PUSHQ BP: a thread may resume at entry + 1
        EntryJumpPlan plan = arch.planEntryJump(0x10000, code, 0x10005, 0x10020, 0x20000,
                (from, to, n) -> List.of(0x10000L + 8));
        assertThat(plan.kind()).isEqualTo(EntryJumpPlan.Kind.QUIESCENT_ONLY);
    }

    @Test
    void paddingInsideTheFunctionsOwnCodeIsNeverUsed() {
        byte[] code = padded("493b6610 7620", 32);
        EntryJumpPlan plan = arch.planEntryJump(0x10000, code, 0x10000 + 24, 0x10020, 0x20000,
                (from, to, n) -> List.of(0x10000L + 8, 0x10000L + 24));
        assertThat(plan.paddingSlot()).isEqualTo(0x10000 + 24);
        assertThat(plan.entryWrite().replacement()).isEqualTo(hex("eb16"));
    }

    @Test
    void withoutReachablePaddingTheStoreIsMarkedQuiescentOnly() {
        byte[] code = padded("493b6610 7620", 32);
        EntryJumpPlan plan = arch.planEntryJump(0x10000, code, 0x10000 + 32, 0x10020, 0x20000, (f, t, n) -> List.of());
        assertThat(plan.kind()).isEqualTo(EntryJumpPlan.Kind.QUIESCENT_ONLY);
        assertThat(plan.kind().runningSafe()).isFalse();
        assertThat(plan.entryWrite().replacement()).isEqualTo(hex("e9fbff0000 20cccc"));
    }

    @Test
    void functionsTooShortForAJumpAndUndecodableEntriesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> arch.planEntryJump(0x10000, hex("c3cccc"), 0x10001, 0x10004, 0x20000,
                (f, t, n) -> List.of())).hasMessageContaining("fewer than the 5");
        assertThatThrownBy(() -> arch.planEntryJump(0x10000, padded("06", 32), 0x10010, 0x10020, 0x20000,
                (f, t, n) -> List.of())).hasMessageContaining("cannot be decoded");
    }

    @Test
    void destinationsOutOfRel32ReachAreRefused() {
        assertThatThrownBy(() -> Amd64Architecture.jumpRel32(0x10000, 0x10000 + (1L << 32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of rel32 reach");
    }

    @Test
    void dispatchStubIsAnIndirectJumpThroughItsSlot() throws Exception {
        byte[] code = arch.indirectJump(0x7000_0000L, 0x7000_1000L);
        assertThat(code).isEqualTo(hex("ff25fa0f0000"));
        assertThat(GnuObjdump.disassemble(code, 0x7000_0000L)).containsExactly("jmp QWORD PTR [rip+0xffa]");
    }

    @Test
    void funcValueJumpLoadsTheClosureIntoDxAndJumpsThroughIt() throws Exception {
        byte[] code = arch.funcValueJump(0x1122334455667788L);
        assertThat(GnuObjdump.disassemble(code, 0)).containsExactly(
                "movabs rdx,0x1122334455667788", "mov rdx,QWORD PTR [rdx]", "jmp QWORD PTR [rdx]");
    }

    @Test
    void resultStubCountsAtomicallyClampsToTheLastRowAndLoadsEveryResultRegister() throws Exception {
        ResultPlacement registersOnly = new ResultPlacement(List.of(word(false, 0, false), word(false, 1, false),
                word(false, 8, false), word(true, 0, false), word(true, 14, true)), 0, 0);
        byte[] code = arch.resultStub(0x1000, 0x2000, 3, registersOnly);
        assertThat(GnuObjdump.disassemble(code, 0)).containsExactly(
                "movabs r12,0x1000", "mov r13,0x1", "lock xadd QWORD PTR [r12],r13", "cmp r13,0x2",
                "jb 0x27", "mov r13,0x2", "imul r13,r13,0x28", "movabs r12,0x2000", "add r12,r13",
                "mov rax,QWORD PTR [r12+0x0]", "mov rbx,QWORD PTR [r12+0x8]", "mov r11,QWORD PTR [r12+0x10]",
                "movq xmm0,QWORD PTR [r12+0x18]", "movd xmm14,DWORD PTR [r12+0x20]", "ret");
    }

    @Test
    void resultStubCopiesTheStackPartToTheCallersResultSlotsBeforeLoadingRegisters() throws Exception {
        // One register word, then two stack words for the result slots 16 bytes into the argument area (8(SP) at
        // entry is its start): row words 1 and 2 go to [rsp+0x18] and [rsp+0x20], through R13 only.
        ResultPlacement mixed = new ResultPlacement(List.of(word(false, 0, false)), 16, 16);
        List<String> code = GnuObjdump.disassemble(arch.resultStub(0x1000, 0x2000, 1, mixed), 0);
        assertThat(code.subList(code.indexOf("add r12,r13") + 1, code.size())).containsExactly(
                "mov r13,QWORD PTR [r12+0x8]", "mov QWORD PTR [rsp+0x18],r13",
                "mov r13,QWORD PTR [r12+0x10]", "mov QWORD PTR [rsp+0x20],r13",
                "mov rax,QWORD PTR [r12+0x0]", "ret");
        // Long stack parts: one REP MOVSQ from the row's stack part to the slots, before RSI/RDI/RCX are loaded.
        ResultPlacement big = new ResultPlacement(List.of(word(false, 0, false), word(false, 3, false)), 0, 8 * 17);
        List<String> copied = GnuObjdump.disassemble(arch.resultStub(0x1000, 0x2000, 1, big), 0);
        assertThat(copied.subList(copied.indexOf("add r12,r13") + 1, copied.size())).containsExactly(
                "lea rsi,[r12+0x10]", "lea rdi,[rsp+0x8]", "mov ecx,0x11", "rep movs QWORD PTR es:[rdi],QWORD PTR ds:[rsi]",
                "mov rax,QWORD PTR [r12+0x0]", "mov rdi,QWORD PTR [r12+0x8]", "ret");
    }

    private static ResultPlacement.RegisterWord word(boolean floating, int index, boolean single) {
        return new ResultPlacement.RegisterWord(new AbiAssignment.Register(floating, index, "r" + index), single);
    }

    @Test
    void fakeNowStubReadsUnderTheSequenceLockAndBuildsAWallOnlyTime() throws Exception {
        List<String> utc = GnuObjdump.disassemble(arch.fakeNowStub(0x5000, 0), 0x100);
        assertThat(utc).containsExactly(
                "movabs r12,0x5000", "mov r13,QWORD PTR [r12]", "test r13b,0x1", "jne 0x100",
                "mov rbx,QWORD PTR [r12+0x8]", "mov rax,QWORD PTR [r12+0x10]", "mov rcx,QWORD PTR [r12+0x18]",
                "cmp r13,QWORD PTR [r12]", "jne 0x100", "test rcx,rcx", "je 0x157", "mov r13,rax", "mov rax,rcx",
                "xor edx,edx", "mov ecx,0x3b9aca00", "div rcx", "add rbx,rax", "lea rax,[r13+rdx*1+0x0]",
                "cmp rax,0x3b9aca00", "jb 0x157", "sub rax,0x3b9aca00", "inc rbx", "xor ecx,ecx", "ret");
        List<String> local = GnuObjdump.disassemble(arch.fakeNowStub(0x5000, 0x6000), 0x100);
        assertThat(local.subList(local.size() - 3, local.size()))
                .containsExactly("movabs rcx,0x6000", "mov rcx,QWORD PTR [rcx]", "ret");
    }

    @Test
    void fakeSleepStubAddsPositiveDurationsAtomicallyAndSaturates() throws Exception {
        assertThat(GnuObjdump.disassemble(arch.fakeSleepStub(0x5000), 0x100)).containsExactly(
                "test rax,rax", "jle 0x130", "mov rcx,rax", "movabs r12,0x5018", "mov rax,QWORD PTR [r12]",
                "mov rdx,rax", "add rdx,rcx", "jno 0x128", "movabs rdx,0x7fffffffffffffff",
                "lock cmpxchg QWORD PTR [r12],rdx", "jne 0x116", "ret");
    }
}
