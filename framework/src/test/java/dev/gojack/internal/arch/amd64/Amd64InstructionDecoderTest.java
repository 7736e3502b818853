package dev.gojack.internal.arch.amd64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte-exact checks of {@link Amd64InstructionDecoder}. Every expected length below was worked
 * out by hand from the encoding rules (prefixes + opcode + ModRM + SIB + displacement +
 * immediate, Intel SDM vol. 2 chapter 2 and appendix A), not by running the decoder; the comment
 * on each case says how it adds up.
 */
class Amd64InstructionDecoderTest {

    private final Amd64InstructionDecoder decoder = new Amd64InstructionDecoder();

    /** One encoding: its bytes, its length (-1 = unknown) and whether it is position dependent. */
    record Case(String name, String hex, int length, boolean positionDependent) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex.replace(" ", ""));
        }

        @Override
        public String toString() {
            return name + " [" + hex + "]";
        }
    }

    private static Case len(String name, String hex, int length) {
        return new Case(name, hex, length, false);
    }

    private static Case dep(String name, String hex, int length) {
        return new Case(name, hex, length, true);
    }

    private static Case bad(String name, String hex) {
        return new Case(name, hex, -1, false);
    }

    static Stream<Case> goPrologueAndEpilogue() {
        return Stream.of(
                len("CMPQ SP, 16(R14): REX, opcode, ModRM mod=01, disp8", "49 3b 66 10", 4),
                dep("JBE rel8", "76 7e", 2),
                dep("JBE rel32", "0f 86 c0 00 00 00", 6),
                len("LEAQ -40(SP), R12: ModRM rm=100 -> SIB, disp8", "4c 8d 64 24 d8", 5),
                len("LEAQ -256(SP), R12: SIB, disp32", "4c 8d a4 24 00 ff ff ff", 8),
                len("PUSHQ BP", "55", 1),
                len("MOVQ SP, BP", "48 89 e5", 3),
                len("SUBQ $0x18, SP: group 1 Ib", "48 83 ec 18", 4),
                dep("LEAQ sym(IP), AX: RIP-relative disp32", "48 8d 05 44 33 22 11", 7),
                dep("CALL rel32", "e8 3b fd ff ff", 5),
                dep("JMP rel32 back to the function start", "e9 22 ff ff ff", 5),
                dep("JMP rel8", "eb c1", 2),
                len("ADDQ $0x18, SP", "48 83 c4 18", 4),
                len("POPQ BP", "5d", 1),
                len("RET", "c3", 1),
                len("INT3", "cc", 1),
                len("ENDBR64: F3 0F 1E with ModRM FA", "f3 0f 1e fa", 4),
                len("NOPW 0(AX)(AX*1): 66, 0F 1F, ModRM, SIB, disp8", "66 0f 1f 44 00 00", 6),
                len("NOPL 0(AX)(AX*1) with disp32", "0f 1f 84 00 00 00 00 00", 8),
                len("NOPW CS:0(AX)(AX*1) with disp32", "66 2e 0f 1f 84 00 00 00 00 00", 10),
                len("NOPL 0(AX)", "0f 1f 40 00", 4),
                len("NOPL (AX)", "0f 1f 00", 3),
                len("one-byte NOP", "90", 1),
                len("MOVQ $imm64, AX: REX.W B8 takes 8 bytes", "48 b8 8f e3 38 8e e3 38 8e e3", 10),
                len("MOVW $0x1234, 8(SP): 66 turns Iz into imm16", "66 c7 44 24 08 34 12", 7),
                len("MOVQ 8(SP), AX", "48 8b 44 24 08", 5),
                len("MOVQ AX, 0x10(SP)", "48 89 44 24 10", 5),
                len("MOVQ 0x130(SP), R15: SIB + disp32", "4c 8b bc 24 30 01 00 00", 8),
                len("XORL AX, AX", "31 c0", 2),
                len("TESTQ AX, AX", "48 85 c0", 3),
                len("IMULQ DX: group 3 /5 has no immediate", "48 f7 ea", 3),
                len("SARQ $0x3f, AX", "48 c1 f8 3f", 4),
                dep("CMPL runtime.writeBarrier(SB), $0: RIP disp32 then Ib", "83 3d 02 a0 27 00 00", 7),
                dep("MOVQ $8, sym(SB): RIP disp32 then imm32", "48 c7 05 fc 8e 25 00 08 00 00 00", 11),
                len("CALL AX", "ff d0", 2),
                len("JMP 0(CX)(DX*8): jump table", "ff 24 d1", 3),
                len("MOVQ FS:-8, AX (TLS g): SIB with no base -> disp32, absolute",
                        "64 48 8b 04 25 f8 ff ff ff", 9));
    }

    static Stream<Case> prefixesAndRex() {
        return Stream.of(
                len("PAUSE = F3 90", "f3 90", 2),
                len("XCHGW AX, AX = 66 90", "66 90", 2),
                len("REX without W keeps imm32 for MOV r32", "41 b8 78 56 34 12", 6),
                len("MOV r32, imm32", "b8 78 56 34 12", 5),
                len("MOV r16, imm16", "66 b8 34 12", 4),
                len("REX.W wins over 66: imm64 for MOV r64", "66 48 b8 01 02 03 04 05 06 07 08", 11),
                len("REX.W wins over 66: Iz stays imm32", "66 48 c7 c0 78 56 34 12", 8),
                len("REX before a legacy prefix is ignored, so 66 makes Iz imm16", "48 66 c7 c0 34 12", 6),
                len("REX before a legacy prefix still counts as a byte", "48 66 89 c0", 4),
                len("last of two REX prefixes decides: REX.W -> imm64", "41 48 b8 01 02 03 04 05 06 07 08", 11),
                len("MOVB DIL, AL needs a plain REX", "40 88 c7", 3),
                len("LOCK CMPXCHGQ", "f0 48 0f b1 0a", 5),
                len("REP STOSQ", "f3 48 ab", 3),
                len("REP MOVSB", "f3 a4", 2),
                len("REP RET", "f3 c3", 2),
                len("GS segment override", "65 48 8b 04 25 30 00 00 00", 9),
                len("several segment overrides", "2e 3e 26 36 90", 5),
                dep("branch hint on Jcc", "2e 74 05", 3),
                dep("66 on Jcc rel8 does not change the length", "66 74 05", 3),
                len("BND JMP AX", "f2 ff e0", 3),
                len("fifteen bytes: six 66 prefixes + NOPW CS: disp32",
                        "66 66 66 66 66 66 2e 0f 1f 84 00 00 00 00 00", 15),
                bad("sixteen bytes are over the architectural limit",
                        "66 66 66 66 66 66 66 2e 0f 1f 84 00 00 00 00 00"),
                bad("fifteen prefixes and no opcode in reach", "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90"),
                dep("REX.W + 66 on CALL rel32 is unambiguous: rel32 (TLS GD sequence)",
                        "66 66 48 e8 00 00 00 00", 8),
                bad("66 on CALL rel32: rel16 on AMD, rel32 on Intel", "66 e8 00 00 00 00"),
                bad("66 on JMP rel32: vendor dependent", "66 e9 00 00 00 00"),
                bad("66 on Jcc rel32: vendor dependent", "66 0f 84 00 00 00 00"));
    }

    static Stream<Case> oneByteMapImmediates() {
        return Stream.of(
                len("ADD AL, Ib", "04 7f", 2),
                len("ADD EAX, Iz", "05 78 56 34 12", 5),
                len("ADD AX, Iz with 66 = imm16", "66 05 34 12", 4),
                len("ADD RAX, Iz with REX.W = imm32", "48 05 78 56 34 12", 6),
                len("CMP AL, Ib", "3c 01", 2),
                len("CMP EAX, Iz", "3d 00 00 01 00", 5),
                len("XOR EAX, -1", "35 ff ff ff ff", 5),
                len("group 1 Eb, Ib", "80 38 00", 3),
                len("group 1 Ev, Iz", "81 f9 00 10 00 00", 6),
                len("group 1 Ev, Iz with 66 = imm16", "66 81 f9 34 12", 5),
                len("group 1 Ev, Ib", "83 f8 ff", 3),
                len("PUSH Iz", "68 00 00 00 00", 5),
                len("PUSH Iz with 66 = imm16", "66 68 34 12", 4),
                len("PUSH Ib", "6a 01", 2),
                len("IMUL Gv, Ev, Iz", "69 c0 e8 03 00 00", 6),
                len("IMUL Gv, Ev, Ib", "6b c0 05", 3),
                len("TEST AL, Ib", "a8 01", 2),
                len("TEST EAX, Iz", "a9 00 00 00 80", 5),
                len("MOV r8, Ib", "b0 01", 2),
                len("MOV R15B, Ib", "41 b7 01", 3),
                len("group 2 shift Ev, Ib", "c1 e8 04", 3),
                len("group 2 shift Eb, Ib", "c0 e0 04", 3),
                len("group 2 shift by 1", "d1 e0", 2),
                len("group 2 shift by CL", "d3 e0", 2),
                len("RET Iw", "c2 08 00", 3),
                len("RET Iw ignores 66 (always 16 bits)", "66 c2 08 00", 4),
                len("RETF Iw", "ca 08 00", 3),
                len("ENTER Iw, Ib", "c8 10 00 01", 4),
                len("LEAVE", "c9", 1),
                len("MOV Eb, Ib (group 11 /0)", "c6 00 01", 3),
                len("MOV Ev, Iz (group 11 /0)", "c7 00 01 00 00 00", 6),
                len("MOV r/m64, imm32 sign-extended", "48 c7 c0 ff ff ff ff", 7),
                dep("MOV to RIP-relative: disp32 then imm32", "c7 05 00 10 00 00 01 00 00 00", 10),
                bad("group 11 /1 is undefined", "c7 c8 00 00 00 00"),
                dep("XBEGIN rel32 (C7 F8)", "c7 f8 00 01 00 00", 6),
                dep("XBEGIN rel16 (66 C7 F8)", "66 c7 f8 00 01", 5),
                len("XABORT Ib (C6 F8)", "c6 f8 ff", 3),
                len("INT Ib", "cd 80", 2),
                len("IN AL, Ib", "e4 60", 2),
                len("OUT Ib, AL", "e6 80", 2),
                len("IN AL, DX", "ec", 1),
                len("group 3 TEST Eb, Ib (/0)", "f6 c1 01", 3),
                len("group 3 TEST Eb, Ib (/1 alias)", "f6 c8 01", 3),
                len("group 3 NEG Eb (/3) has no immediate", "f6 d9", 2),
                len("group 3 MUL Eb (/4) has no immediate", "f6 e1", 2),
                len("group 3 TEST Ev, Iz", "f7 c0 00 00 01 00", 6),
                len("group 3 TEST Ev, Iz (/1 alias)", "f7 c8 00 00 01 00", 6),
                len("group 3 TEST Ev, Iz with 66 = imm16", "66 f7 c0 34 12", 5),
                len("group 3 TEST r/m64, imm32", "48 f7 c0 ff 00 00 00", 7),
                len("group 3 NOT (/2)", "48 f7 d0", 3),
                len("group 3 NEG (/3)", "48 f7 d8", 3),
                len("group 3 DIV (/6)", "48 f7 f1", 3),
                len("group 3 IDIV (/7) with memory disp8", "48 f7 7d f8", 4),
                len("MOV AL, moffs64", "a0 88 77 66 55 44 33 22 11", 9),
                len("MOV RAX, moffs64", "48 a1 88 77 66 55 44 33 22 11", 10),
                len("MOV moffs64, AL", "a2 88 77 66 55 44 33 22 11", 9),
                len("MOV moffs64, AX: 66 changes data size, not the offset", "66 a3 88 77 66 55 44 33 22 11", 10),
                len("MOV AL, moffs32 with 67", "67 a0 44 33 22 11", 6),
                len("INC Eb (group 4 /0)", "fe c0", 2),
                len("DEC Eb (group 4 /1)", "fe 08", 2),
                bad("group 4 /2 is undefined", "fe d0"),
                len("CALL [RAX*8 + disp32]: SIB with no base, absolute", "ff 14 c5 00 10 00 00", 7),
                dep("JMP [RIP + disp32]", "ff 25 ca 9f 23 00", 6),
                dep("CALL [RIP + disp32]", "ff 15 ca 9f 23 00", 6),
                dep("PUSH [RIP + disp32]", "ff 35 ca 9f 23 00", 6),
                bad("group 5 /7 is undefined", "ff f8"),
                len("POP r/m (group 1A /0)", "8f c0", 2),
                len("POP [RAX]", "8f 00", 2),
                len("MOVSXD", "48 63 c8", 3),
                len("LEA with SIB", "8d 04 40", 3),
                len("CQO", "48 99", 2),
                len("PUSHFQ", "9c", 1),
                len("IRETQ", "48 cf", 2),
                len("XLAT", "d7", 1),
                len("INT1", "f1", 1),
                len("HLT", "f4", 1),
                len("CMC", "f5", 1),
                len("STD", "fd", 1),
                len("FWAIT is an instruction of its own", "9b", 1),
                dep("LOOP", "e2 fe", 2),
                dep("LOOPE", "e1 fe", 2),
                dep("LOOPNE", "e0 fe", 2),
                dep("JRCXZ", "e3 00", 2),
                dep("JECXZ (67 JRCXZ)", "67 e3 00", 3),
                dep("JMP rel32 with a harmless REX.W", "48 e9 00 00 00 00", 6));
    }

    static Stream<Case> modrmSibDisplacement() {
        return Stream.of(
                len("mod=00 rm=000: no displacement", "8b 00", 2),
                len("mod=00 rm=100: SIB, no displacement", "8b 04 24", 3),
                len("mod=00 SIB base=101: disp32 and no base", "8b 04 25 00 10 00 00", 7),
                len("mod=00 SIB base=101 with REX.B (R13): still disp32, no base",
                        "41 8b 04 25 00 10 00 00", 8),
                dep("mod=00 rm=101: RIP-relative disp32", "8b 05 00 10 00 00", 6),
                dep("mod=00 rm=101 with REX.B is still RIP-relative, not R13", "41 8b 05 00 10 00 00", 7),
                len("[R13 + 0] needs mod=01 and a disp8", "41 8b 45 00", 4),
                len("mod=01 rm=101: [RBP + disp8]", "8b 45 f8", 3),
                len("mod=01 rm=100: SIB + disp8", "8b 44 24 08", 4),
                len("mod=01 SIB base=101 is [RBP + index + disp8], not disp32", "8b 44 25 08", 4),
                len("mod=10 rm=000: disp32", "8b 80 00 01 00 00", 6),
                len("mod=10 rm=100: SIB + disp32", "8b 84 24 00 01 00 00", 7),
                len("mod=10 SIB base=101: [RBP + index + disp32]", "8b 84 25 00 01 00 00", 7),
                len("mod=11: register, nothing follows", "89 c0", 2),
                dep("67: EIP-relative is still RIP-style disp32", "67 8b 05 00 10 00 00", 7),
                len("67: 32-bit addressing uses the same SIB rules", "67 8b 04 24", 4));
    }

    static Stream<Case> twoByteMap() {
        return Stream.of(
                len("SYSCALL", "0f 05", 2),
                len("UD2", "0f 0b", 2),
                len("RDTSC", "0f 31", 2),
                len("RDTSCP (group 7, ModRM F9)", "0f 01 f9", 3),
                len("XGETBV (group 7, ModRM D0)", "0f 01 d0", 3),
                len("CPUID", "0f a2", 2),
                len("MFENCE (group 15, ModRM F0)", "0f ae f0", 3),
                len("LFENCE", "0f ae e8", 3),
                len("SFENCE", "0f ae f8", 3),
                len("PREFETCHT0 [RAX]", "0f 18 08", 3),
                len("PREFETCHNTA [RSP + disp8]", "0f 18 44 24 40", 5),
                len("PREFETCHW [RAX]", "0f 0d 08", 3),
                len("CMOVE", "0f 44 c1", 3),
                len("CMOVE with REX.W", "48 0f 44 c1", 4),
                len("SETE", "0f 94 c0", 3),
                len("MOVZX r32, r/m8", "0f b6 c0", 3),
                len("MOVSX r64, r/m16", "48 0f bf c0", 4),
                len("MOVSX with SIB", "0f be 04 08", 4),
                len("BT r/m, r", "0f a3 c8", 3),
                len("BT r/m, Ib (group 8)", "0f ba e0 05", 4),
                len("BTS [RAX], Ib", "48 0f ba 28 05", 5),
                len("BTS r/m, r", "0f ab c8", 3),
                len("LOCK XADD", "f0 0f c1 08", 4),
                len("LOCK CMPXCHG", "f0 0f b1 0a", 4),
                len("LOCK CMPXCHG8B", "f0 0f c7 0e", 4),
                len("LOCK CMPXCHG16B", "f0 48 0f c7 0e", 5),
                len("POPCNT = F3 0F B8", "f3 0f b8 c0", 4),
                bad("0F B8 without F3 is JMPE, not in 64-bit mode", "0f b8 c0"),
                len("TZCNT", "f3 48 0f bc c0", 5),
                len("LZCNT", "f3 0f bd c0", 4),
                len("BSF", "0f bc c0", 3),
                len("BSR", "48 0f bd c0", 4),
                len("BSWAP", "0f c8", 2),
                len("BSWAP R8", "49 0f c8", 3),
                len("SHLD Ib", "0f a4 c0 04", 4),
                len("SHLD CL", "0f a5 c0", 3),
                len("SHRD Ib", "0f ac c0 04", 4),
                len("IMUL Gv, Ev", "0f af c1", 3),
                len("PUSH FS", "0f a0", 2),
                len("POP GS", "0f a9", 2),
                len("EMMS", "0f 77", 2),
                len("MOVUPS with SIB", "0f 10 04 24", 4),
                dep("MOVDQA xmm, [RIP]", "66 0f 6f 05 00 10 00 00", 8),
                dep("MOVSD xmm, [RIP]", "f2 0f 10 0d 06 00 10 00", 8),
                len("PSHUFD Ib", "66 0f 70 c0 1b", 5),
                len("PSRLDQ Ib (group 14)", "66 0f 73 d8 04", 5),
                len("PSLLD Ib (group 13)", "66 0f 72 f0 04", 5),
                len("SHUFPS Ib", "0f c6 c1 44", 4),
                len("CMPSD Ib", "f2 0f c2 c1 01", 5),
                len("PINSRW Ib", "66 0f c4 c0 03", 5),
                len("PEXTRW Ib", "66 0f c5 c0 03", 5),
                len("PXOR", "66 0f ef c0", 4),
                len("PMOVMSKB", "66 0f d7 c0", 4),
                len("MOVNTI", "48 0f c3 07", 4),
                len("3DNow! PFMUL: ModRM then the opcode byte as imm8", "0f 0f c1 b4", 4),
                len("MOV RAX, CR0", "0f 20 c0", 3),
                len("MOV to CR ignores mod: no displacement even for mod=00 rm=101", "0f 22 05", 3),
                dep("Jcc rel32", "0f 80 00 00 00 00", 6),
                dep("JG rel32", "0f 8f 10 00 00 00", 6),
                len("UD0 takes a ModRM", "0f ff c0", 3),
                len("UD1", "0f b9 c0", 3),
                len("VMREAD", "0f 78 c0", 3),
                len("SSE4a EXTRQ with two immediates", "66 0f 78 c0 04 08", 6),
                len("SSE4a INSERTQ with two immediates", "f2 0f 78 c1 04 08", 6),
                len("VIA PadLock XSTORE", "0f a7 c0", 3),
                bad("0F 04 is undefined", "0f 04"),
                bad("0F 0A is undefined", "0f 0a"),
                bad("0F 24 (MOV from TR) is gone", "0f 24 c0"),
                bad("0F 36 is undefined", "0f 36"),
                bad("0F 39 is undefined", "0f 39"),
                bad("0F 7A is undefined", "0f 7a c0"));
    }

    static Stream<Case> threeByteMaps() {
        return Stream.of(
                len("PSHUFB (0F 38 00)", "66 0f 38 00 c1", 5),
                len("AESENC", "66 0f 38 dc c1", 5),
                len("AESENCLAST", "66 0f 38 dd c1", 5),
                len("AESDEC", "66 0f 38 de c1", 5),
                len("AESIMC", "66 0f 38 db c1", 5),
                len("AESKEYGENASSIST Ib (0F 3A)", "66 0f 3a df c1 01", 6),
                len("PCLMULQDQ Ib", "66 0f 3a 44 c1 00", 6),
                len("CRC32 r32, r/m32", "f2 0f 38 f1 c1", 5),
                len("CRC32 r64, r/m64", "f2 48 0f 38 f1 c1", 6),
                len("CRC32 r32, r/m8", "f2 0f 38 f0 c1", 5),
                len("MOVBE", "0f 38 f0 06", 4),
                len("PEXTRD Ib", "66 0f 3a 16 c0 01", 6),
                len("PINSRQ Ib", "66 48 0f 3a 22 c0 01", 7),
                len("PCMPISTRI Ib", "66 0f 3a 63 c1 0c", 6),
                len("PCMPESTRI with memory disp8", "66 0f 3a 61 44 24 10 0c", 8),
                len("PALIGNR Ib", "66 0f 3a 0f c1 08", 6),
                len("ROUNDSD Ib", "66 0f 3a 0b c1 04", 6),
                len("PTEST", "66 0f 38 17 c1", 5),
                len("SHA1MSG1", "0f 38 c9 c1", 4),
                len("SHA256RNDS2", "0f 38 cb c1", 4),
                len("SHA1RNDS4 Ib", "0f 3a cc c1 00", 5),
                len("ADCX", "66 48 0f 38 f6 c1", 6),
                len("ADOX", "f3 48 0f 38 f6 c1", 6),
                dep("PSHUFB xmm, [RIP]", "66 0f 38 00 05 00 10 00 00", 9),
                bad("0F 38 50 exists only as VEX/EVEX", "66 0f 38 50 c1"),
                bad("0F 3A 00 exists only as VEX", "66 0f 3a 00 c1 00"));
    }

    static Stream<Case> vex() {
        return Stream.of(
                len("VZEROUPPER: no ModRM", "c5 f8 77", 3),
                len("VZEROALL: no ModRM", "c5 fc 77", 3),
                len("VMOVDQU ymm, [RSI]", "c5 fe 6f 16", 4),
                len("VMOVDQU ymm, [RSI + disp8]", "c5 fe 6f 66 20", 5),
                len("VMOVDQU ymm, [RSP + disp8] with SIB", "c5 fe 6f 44 24 20", 6),
                len("VMOVDQU [RDI], ymm", "c5 fe 7f 07", 4),
                len("VMOVNTDQ", "c5 fd e7 07", 4),
                len("VPMOVMSKB", "c5 fd d7 c0", 4),
                len("VPCMPEQB", "c5 fd 74 c1", 4),
                len("VPSHUFD Ib", "c5 fd 70 c0 1b", 5),
                len("VPSRLDQ Ib (group 14)", "c5 f9 73 d8 04", 5),
                len("VPSLLDQ Ib", "c5 fd 73 f8 04", 5),
                len("VPINSRW Ib", "c5 f9 c4 c0 01", 5),
                len("VPEXTRW Ib", "c5 f9 c5 c0 01", 5),
                len("VSHUFPS Ib", "c5 fc c6 c1 00", 5),
                len("VCMPPS Ib", "c5 fc c2 c1 00", 5),
                len("VBROADCASTI128 ymm, [RSI] (C4, map 0F 38)", "c4 e2 7d 5a 06", 5),
                len("VPBROADCASTB ymm, xmm", "c4 e2 7d 78 c8", 5),
                len("VINSERTI128 Ib (map 0F 3A)", "c4 e3 7d 38 c1 01", 6),
                len("VPERM2I128 Ib", "c4 e3 7d 46 c1 31", 6),
                len("VPERMQ Ib (VEX.W1)", "c4 e3 fd 00 c0 1b", 6),
                len("VMOVDQU via three-byte VEX (map 0F)", "c4 c1 7e 6f 06", 5),
                len("ANDN (BMI1)", "c4 e2 78 f2 c1", 5),
                len("RORX Ib (BMI2, map 0F 3A)", "c4 e3 fb f0 c0 08", 6),
                len("MULX (BMI2)", "c4 62 fb f6 c1", 5),
                len("SHLX (BMI2)", "c4 e2 f9 f7 c0", 5),
                len("KMOVQ (AVX-512 mask op in VEX)", "c4 e1 fb 92 c0", 5),
                dep("VMOVDQU ymm, [RIP]", "c5 fe 6f 05 00 10 00 00", 8),
                dep("VPBROADCASTD ymm, [RIP]", "c4 e2 7d 58 05 00 10 00 00", 9),
                len("segment override before VEX is allowed", "2e c5 f8 77", 4),
                len("67 before VEX is allowed", "67 c5 fe 6f 06", 5),
                bad("VEX map 0 does not exist", "c4 e0 7d 6f 06"),
                bad("VEX map 4 does not exist", "c4 e4 7d 6f 06"),
                bad("66 before VEX is #UD", "66 c5 f8 77"),
                bad("F3 before VEX is #UD", "f3 c5 fe 6f 06"),
                bad("LOCK before VEX is #UD", "f0 c5 fe 6f 06"),
                bad("REX before VEX is #UD", "48 c5 f8 77"));
    }

    static Stream<Case> evex() {
        return Stream.of(
                len("VMOVDQU64 zmm, [RSI]", "62 f1 fe 48 6f 06", 6),
                len("VMOVDQU64 zmm, [RSI + disp8*64]: compressed disp8 is still one byte",
                        "62 f1 fe 48 6f 46 01", 7),
                len("VMOVDQU64 zmm, [RSI + disp32]", "62 f1 fe 48 6f 86 00 01 00 00", 10),
                len("VMOVDQU64 zmm, [RSP + disp8] with SIB", "62 f1 fe 48 6f 44 24 01", 8),
                dep("VMOVDQU64 zmm, [RIP]", "62 f1 fe 48 6f 05 00 10 00 00", 10),
                len("VPTERNLOGD Ib (map 0F 3A)", "62 f3 7d 48 25 c1 96", 7),
                len("VPSHUFD Ib (map 0F)", "62 f1 7d 48 70 c1 1b", 7),
                len("VPRORD Ib (map 0F group 72)", "62 f1 7d 48 72 c1 05", 7),
                len("VPERMB (map 0F 38)", "62 f2 7d 48 8d c1", 6),
                len("VPXORQ (map 0F)", "62 f1 fd 48 ef c0", 6),
                len("VADDPH (map 5, AVX512-FP16)", "62 f5 7c 48 58 c1", 6),
                len("VSCALEFPH (map 6, AVX512-FP16)", "62 f6 7d 48 2c c1", 6),
                bad("EVEX map 0 does not exist", "62 f0 7d 48 6f c1"),
                bad("EVEX map 4 (APX) is not supported", "62 f4 7d 48 6f c1"),
                bad("EVEX map 7 does not exist", "62 f7 7d 48 6f c1"),
                bad("66 before EVEX is #UD", "66 62 f1 fe 48 6f 06"));
    }

    static Stream<Case> xop() {
        return Stream.of(
                len("VPROTD Ib (XOP map 8)", "8f e8 78 c2 ec 0e", 6),
                len("VFRCZPS (XOP map 9)", "8f e9 78 80 c1", 5),
                len("BEXTR Id (XOP map 0Ah)", "8f ea 78 10 c0 44 33 22 11", 9),
                bad("XOP map 0Bh does not exist", "8f eb 78 10 c0"));
    }

    static Stream<Case> x87() {
        return Stream.of(
                len("FLD ST(0)", "d9 c0", 2),
                len("FLD qword [RSP]", "dd 04 24", 3),
                len("FNSTCW [RSP + 2]", "d9 7c 24 02", 4),
                len("FNSTSW AX", "df e0", 2),
                len("FADDP", "de c1", 2),
                len("FILD dword [RBP + disp8]", "db 45 f8", 3),
                dep("FLD tbyte [RIP]", "db 2d 00 10 00 00", 6));
    }

    static Stream<Case> invalidInSixtyFourBitMode() {
        return Stream.of(
                bad("PUSH ES", "06"), bad("POP ES", "07"), bad("PUSH CS", "0e"), bad("PUSH SS", "16"),
                bad("POP SS", "17"), bad("PUSH DS", "1e"), bad("POP DS", "1f"), bad("DAA", "27"),
                bad("DAS", "2f"), bad("AAA", "37"), bad("AAS", "3f"), bad("PUSHA", "60"),
                bad("POPA", "61"), bad("group 1 alias 82", "82 c0 01"), bad("CALLF ptr16:32", "9a"),
                bad("INTO", "ce"), bad("AAM", "d4 0a"), bad("AAD", "d5 0a"), bad("SALC", "d6"),
                bad("JMPF ptr16:32", "ea"),
                bad("C4 is VEX, never LES: map field 0 is invalid", "c4 00 00 00 00"),
                bad("C5 is VEX, never LDS: with a REX before it, #UD", "40 c5 f8 77"),
                bad("62 is EVEX, never BOUND: map field 0 is invalid", "62 00 00 00 00 00"));
    }

    private static Stream<Case> allCases() {
        return Stream.of(goPrologueAndEpilogue(), prefixesAndRex(), oneByteMapImmediates(),
                        modrmSibDisplacement(), twoByteMap(), threeByteMaps(), vex(), evex(), xop(), x87(),
                        invalidInSixtyFourBitMode())
                .flatMap(s -> s);
    }

    static Stream<Case> knownInstructions() {
        return allCases().filter(c -> c.length > 0);
    }

    private void assertDecodes(Case c) {
        byte[] exact = c.bytes();
        if (c.length > 0) {
            assertThat(exact).as("test data: %s is %d bytes", c, c.length).hasSize(c.length);
        }
        assertThat(decoder.length(exact, 0, exact.length)).as("length of %s", c).isEqualTo(c.length);
        assertThat(decoder.isPositionDependent(exact, 0, exact.length))
                .as("position dependence of %s", c).isEqualTo(c.positionDependent);

        // The same bytes inside a bigger buffer, with junk before and after, decode the same:
        // the decoder must honour offset and stop at the instruction's own end.
        byte[] padded = new byte[exact.length + 32];
        Arrays.fill(padded, (byte) 0xCC);
        System.arraycopy(exact, 0, padded, 7, exact.length);
        assertThat(decoder.length(padded, 7, padded.length)).as("length of %s in a buffer", c).isEqualTo(c.length);
        assertThat(decoder.isPositionDependent(padded, 7, padded.length))
                .as("position dependence of %s in a buffer", c).isEqualTo(c.positionDependent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goPrologueAndEpilogue")
    void decodesGoPrologueAndEpilogueShapes(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prefixesAndRex")
    void appliesLegacyPrefixesAndRex(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneByteMapImmediates")
    void sizesOneByteMapImmediatesAndGroups(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modrmSibDisplacement")
    void followsModrmSibAndDisplacementRules(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoByteMap")
    void decodesTwoByteMap(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threeByteMaps")
    void decodesThreeByteMaps0F38And0F3A(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vex")
    void decodesVexEncodedAvxAndBmi(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evex")
    void decodesEvexEncodedAvx512(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xop")
    void decodesAmdXop(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("x87")
    void decodesX87(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInSixtyFourBitMode")
    void rejectsOpcodesInvalidInSixtyFourBitMode(Case c) {
        assertDecodes(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownInstructions")
    void rejectsEveryTruncationOfAKnownInstruction(Case c) {
        byte[] bytes = c.bytes();
        for (int limit = 0; limit < bytes.length; limit++) {
            assertThat(decoder.length(bytes, 0, limit)).as("%s cut to %d bytes", c, limit).isEqualTo(-1);
            assertThat(decoder.isPositionDependent(bytes, 0, limit)).as("%s cut to %d bytes", c, limit).isFalse();
            // A short array must be treated like a short limit, even when the limit is larger.
            byte[] shortArray = Arrays.copyOf(bytes, limit);
            assertThat(decoder.length(shortArray, 0, bytes.length))
                    .as("%s in an array of %d bytes", c, limit).isEqualTo(-1);
        }
    }

    @Test
    void decodesConsecutiveInstructionsOfAGoPrologue() {
        byte[] code = HexFormat.of().parseHex(
                "493b6610" + "0f86c0000000" + "55" + "4889e5" + "4883ec18" + "488d0544332211" + "e83bfdffff"
                        + "4883c418" + "5d" + "c3");
        int[] expected = {4, 6, 1, 3, 4, 7, 5, 4, 1, 1};
        int offset = 0;
        for (int length : expected) {
            assertThat(decoder.length(code, offset, code.length)).as("at offset %d", offset).isEqualTo(length);
            offset += length;
        }
        assertThat(offset).isEqualTo(code.length);
    }

    @Test
    void rejectsBadArgumentsWithoutThrowing() {
        byte[] ret = {(byte) 0xC3};
        assertThat(decoder.length(null, 0, 1)).isEqualTo(-1);
        assertThat(decoder.isPositionDependent(null, 0, 1)).isFalse();
        assertThat(decoder.length(ret, -1, 1)).isEqualTo(-1);
        assertThat(decoder.length(ret, 1, 1)).isEqualTo(-1);
        assertThat(decoder.length(ret, 0, 0)).isEqualTo(-1);
        assertThat(decoder.length(ret, 0, -5)).isEqualTo(-1);
        assertThat(decoder.length(ret, Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(decoder.length(ret, Integer.MIN_VALUE, Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(decoder.length(new byte[0], 0, 0)).isEqualTo(-1);
        // A limit beyond the array is as good as the array's end.
        assertThat(decoder.length(ret, 0, Integer.MAX_VALUE)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f3 90", "2e 74 05", "e8 00 00 00 00"})
    void isPositionDependentIsFalseWhenTheInstructionIsCutShort(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThat(decoder.isPositionDependent(bytes, 0, bytes.length - 1)).isFalse();
    }

    @Test
    void neverThrowsOnRandomBytesAndStaysConsistent() {
        Random random = new Random(20_240_601L);
        for (int i = 0; i < 200_000; i++) {
            int size = random.nextInt(25);
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            // Bias towards the interesting escape and prefix bytes so the deep paths run often.
            if (size > 0 && random.nextInt(4) == 0) {
                int[] interesting = {0x0F, 0x66, 0x67, 0xF2, 0xF3, 0x48, 0xC4, 0xC5, 0x62, 0x8F, 0xF6, 0xF7};
                bytes[0] = (byte) interesting[random.nextInt(interesting.length)];
            }
            int offset = random.nextInt(size + 3) - 1;
            int limit = random.nextInt(size + 4) - 1;
            int length = decoder.length(bytes, offset, limit);
            boolean positionDependent = decoder.isPositionDependent(bytes, offset, limit);
            if (length == -1) {
                assertThat(positionDependent).isFalse();
                continue;
            }
            assertThat(length).isBetween(1, 15);
            assertThat(offset + length).isLessThanOrEqualTo(Math.min(limit, size));
            // The instruction fits exactly between offset and offset + length, and not in less.
            assertThat(decoder.length(bytes, offset, offset + length)).isEqualTo(length);
            assertThat(decoder.length(bytes, offset, offset + length - 1)).isEqualTo(-1);
            assertThat(decoder.isPositionDependent(bytes, offset, offset + length)).isEqualTo(positionDependent);
        }
    }
}
