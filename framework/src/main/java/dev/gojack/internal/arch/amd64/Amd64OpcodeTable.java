package dev.gojack.internal.arch.amd64;

/**
 * Per-opcode length attributes for the legacy (non-VEX) x86-64 opcode maps, as used by
 * {@link Amd64InstructionDecoder}.
 *
 * <p>Each entry says whether the opcode is followed by a ModRM byte and which immediate (if any)
 * follows the addressing bytes. The contents follow the opcode maps of the Intel SDM, Volume 2,
 * Appendix A ("Opcode Map"): table A-2 (one-byte opcodes), A-3 (two-byte opcodes, first byte
 * 0F), A-4 and A-5 (three-byte opcodes 0F 38 and 0F 3A) and A-6 (opcode extensions by
 * ModRM.reg, the "groups"). Only what decides the length is recorded; the operation itself is
 * irrelevant here.
 */
final class Amd64OpcodeTable {

    /** Not a valid opcode in 64-bit mode (or not one this decoder knows). */
    static final int INVALID = 0;
    /** Valid opcode (every valid entry has this bit, so {@code 0} means invalid). */
    static final int VALID = 1;
    /** A ModRM byte follows the opcode (and possibly SIB and displacement). */
    static final int MODRM = 1 << 1;
    /** ModRM present, but its mod field is ignored and always means a register (MOV CR/DR). */
    static final int MODRM_REG_ONLY = 1 << 2;
    /** 8-bit immediate (Ib). */
    static final int IMM8 = 1 << 3;
    /** 16-bit immediate (Iw). */
    static final int IMM16 = 1 << 4;
    /** Immediate of operand size, at most 32 bits (Iz): 2 bytes with a 66 prefix, else 4. */
    static final int IMMZ = 1 << 5;
    /** Immediate of full operand size (Iv, MOV r, imm): 8 bytes with REX.W, 2 with 66, else 4. */
    static final int IMMV = 1 << 6;
    /** Memory offset (Ob/Ov of MOV A0-A3): address size, 8 bytes, or 4 with a 67 prefix. */
    static final int MOFFS = 1 << 7;
    /** 8-bit relative displacement (Jb). */
    static final int REL8 = 1 << 8;
    /** 32-bit relative displacement (Jz, which is always 32 bits in 64-bit mode). */
    static final int REL32 = 1 << 9;
    /** Opcode extended by ModRM.reg whose legality or immediate depends on it; see the decoder. */
    static final int GROUP = 1 << 10;

    /** One-byte opcode map (SDM table A-2), indexed by opcode. */
    static final int[] ONE_BYTE = new int[256];
    /** Two-byte opcode map, first byte 0F (SDM table A-3), indexed by the second byte. */
    static final int[] TWO_BYTE = new int[256];
    /** Three-byte map 0F 38 (SDM table A-4): all valid opcodes take ModRM and no immediate. */
    static final boolean[] THREE_BYTE_38 = new boolean[256];
    /** Three-byte map 0F 3A (SDM table A-5): all valid opcodes take ModRM and an imm8. */
    static final boolean[] THREE_BYTE_3A = new boolean[256];

    private Amd64OpcodeTable() {
    }

    private static void set(int[] table, int from, int to, int flags) {
        for (int op = from; op <= to; op++) {
            table[op] = flags | VALID;
        }
    }

    private static void set(int[] table, int op, int flags) {
        table[op] = flags | VALID;
    }

    private static void set(boolean[] table, int from, int to) {
        for (int op = from; op <= to; op++) {
            table[op] = true;
        }
    }

    static {
        fillOneByte();
        fillTwoByte();
        fillThreeByte38();
        fillThreeByte3A();
    }

    private static void fillOneByte() {
        int[] t = ONE_BYTE;
        // The eight classic ALU operations (ADD, OR, ADC, SBB, AND, SUB, XOR, CMP) share one
        // pattern in rows 0-3: xx0-xx3 are Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev, xx4 is AL,Ib and
        // xx5 is rAX,Iz. Columns 6/7/E/F of those rows are PUSH/POP segment, DAA, DAS, AAA, AAS,
        // all invalid in 64-bit mode; 26/2E/36/3E are segment prefixes (handled by the decoder).
        for (int row = 0x00; row <= 0x38; row += 0x08) {
            set(t, row, row + 3, MODRM);
            set(t, row + 4, IMM8);
            set(t, row + 5, IMMZ);
        }
        // 0x40-0x4F are REX prefixes in 64-bit mode (decoder).
        set(t, 0x50, 0x5F, 0);                  // PUSH/POP r64
        // 60 PUSHA, 61 POPA invalid; 62 is EVEX (decoder).
        set(t, 0x63, MODRM);                    // MOVSXD Gv,Ev
        // 64/65 segment, 66/67 size prefixes (decoder).
        set(t, 0x68, IMMZ);                     // PUSH Iz
        set(t, 0x69, MODRM | IMMZ);             // IMUL Gv,Ev,Iz
        set(t, 0x6A, IMM8);                     // PUSH Ib
        set(t, 0x6B, MODRM | IMM8);             // IMUL Gv,Ev,Ib
        set(t, 0x6C, 0x6F, 0);                  // INS/OUTS
        set(t, 0x70, 0x7F, REL8);               // Jcc rel8
        set(t, 0x80, MODRM | IMM8);             // group 1 Eb,Ib
        set(t, 0x81, MODRM | IMMZ);             // group 1 Ev,Iz
        // 82 (group 1 alias) is invalid in 64-bit mode.
        set(t, 0x83, MODRM | IMM8);             // group 1 Ev,Ib
        set(t, 0x84, 0x8E, MODRM);              // TEST, XCHG, MOV, MOV Sreg, LEA
        set(t, 0x8F, MODRM | GROUP);            // group 1A: only /0 (POP Ev)
        set(t, 0x90, 0x99, 0);                  // NOP/PAUSE/XCHG, CBW/CWD families
        // 9A CALLF invalid.
        set(t, 0x9B, 0x9F, 0);                  // FWAIT, PUSHF, POPF, SAHF, LAHF
        set(t, 0xA0, 0xA3, MOFFS);              // MOV AL/rAX <-> moffs
        set(t, 0xA4, 0xA7, 0);                  // MOVS, CMPS
        set(t, 0xA8, IMM8);                     // TEST AL,Ib
        set(t, 0xA9, IMMZ);                     // TEST rAX,Iz
        set(t, 0xAA, 0xAF, 0);                  // STOS, LODS, SCAS
        set(t, 0xB0, 0xB7, IMM8);               // MOV r8,Ib
        set(t, 0xB8, 0xBF, IMMV);               // MOV r,Iv (imm64 with REX.W)
        set(t, 0xC0, 0xC1, MODRM | IMM8);       // group 2 shifts by Ib
        set(t, 0xC2, IMM16);                    // RET Iw
        set(t, 0xC3, 0);                        // RET
        // C4/C5 are VEX in 64-bit mode (decoder).
        set(t, 0xC6, MODRM | IMM8 | GROUP);     // group 11: MOV Eb,Ib (/0), XABORT (F8)
        set(t, 0xC7, MODRM | IMMZ | GROUP);     // group 11: MOV Ev,Iz (/0), XBEGIN (F8)
        set(t, 0xC8, IMM16 | IMM8);             // ENTER Iw,Ib
        set(t, 0xC9, 0);                        // LEAVE
        set(t, 0xCA, IMM16);                    // RETF Iw
        set(t, 0xCB, 0xCC, 0);                  // RETF, INT3
        set(t, 0xCD, IMM8);                     // INT Ib
        // CE INTO invalid.
        set(t, 0xCF, 0);                        // IRET
        set(t, 0xD0, 0xD3, MODRM);              // group 2 shifts by 1/CL
        // D4 AAM, D5 AAD, D6 SALC invalid.
        set(t, 0xD7, 0);                        // XLAT
        set(t, 0xD8, 0xDF, MODRM);              // x87 escapes
        set(t, 0xE0, 0xE3, REL8);               // LOOPNE, LOOPE, LOOP, JRCXZ
        set(t, 0xE4, 0xE7, IMM8);               // IN/OUT with port Ib
        set(t, 0xE8, 0xE9, REL32);              // CALL/JMP rel32
        // EA JMPF invalid.
        set(t, 0xEB, REL8);                     // JMP rel8
        set(t, 0xEC, 0xEF, 0);                  // IN/OUT with DX
        // F0 LOCK, F2/F3 REP prefixes (decoder).
        set(t, 0xF1, 0);                        // INT1
        set(t, 0xF4, 0xF5, 0);                  // HLT, CMC
        set(t, 0xF6, MODRM | IMM8 | GROUP);     // group 3 Eb: Ib only for /0, /1 (TEST)
        set(t, 0xF7, MODRM | IMMZ | GROUP);     // group 3 Ev: Iz only for /0, /1 (TEST)
        set(t, 0xF8, 0xFD, 0);                  // CLC, STC, CLI, STI, CLD, STD
        set(t, 0xFE, MODRM | GROUP);            // group 4: /0 INC, /1 DEC only
        set(t, 0xFF, MODRM | GROUP);            // group 5: /0-/6
    }

    private static void fillTwoByte() {
        int[] t = TWO_BYTE;
        set(t, 0x00, 0x03, MODRM);              // group 6, group 7, LAR, LSL
        set(t, 0x05, 0x09, 0);                  // SYSCALL, CLTS, SYSRET, INVD, WBINVD
        set(t, 0x0B, 0);                        // UD2
        set(t, 0x0D, MODRM);                    // PREFETCHW group
        set(t, 0x0E, 0);                        // FEMMS
        set(t, 0x0F, MODRM | IMM8);             // 3DNow!: the imm8 is the real opcode
        set(t, 0x10, 0x1F, MODRM);              // SSE moves, PREFETCHh (18), hint NOPs (19-1F,
                                                // including NOP Ev 1F /0 and ENDBR64 F3 0F 1E FA)
        set(t, 0x20, 0x23, MODRM_REG_ONLY);     // MOV to/from CR/DR: mod is ignored
        set(t, 0x28, 0x2F, MODRM);              // SSE moves, conversions, (U)COMIS
        set(t, 0x30, 0x35, 0);                  // WRMSR, RDTSC, RDMSR, RDPMC, SYSENTER, SYSEXIT
        set(t, 0x37, 0);                        // GETSEC
        // 38 and 3A escape to the three-byte maps (decoder).
        set(t, 0x40, 0x4F, MODRM);              // CMOVcc
        set(t, 0x50, 0x6F, MODRM);              // SSE/SSE2/MMX arithmetic and moves
        set(t, 0x70, 0x73, MODRM | IMM8);       // PSHUF*, groups 12-14 (shift by Ib)
        set(t, 0x74, 0x76, MODRM);              // PCMPEQ*
        set(t, 0x77, 0);                        // EMMS
        set(t, 0x78, 0x79, MODRM);              // VMREAD/VMWRITE (SSE4a forms: decoder)
        set(t, 0x7C, 0x7F, MODRM);              // HADD/HSUB, MOVD/MOVQ/MOVDQ*
        set(t, 0x80, 0x8F, REL32);              // Jcc rel32
        set(t, 0x90, 0x9F, MODRM);              // SETcc
        set(t, 0xA0, 0xA2, 0);                  // PUSH FS, POP FS, CPUID
        set(t, 0xA3, MODRM);                    // BT
        set(t, 0xA4, MODRM | IMM8);             // SHLD Ib
        set(t, 0xA5, MODRM);                    // SHLD CL
        set(t, 0xA6, 0xA7, MODRM);              // VIA PadLock (XSTORE, XCRYPT*, XSHA*, MONTMUL)
        set(t, 0xA8, 0xAA, 0);                  // PUSH GS, POP GS, RSM
        set(t, 0xAB, MODRM);                    // BTS
        set(t, 0xAC, MODRM | IMM8);             // SHRD Ib
        set(t, 0xAD, 0xAF, MODRM);              // SHRD CL, group 15 (fences, FXSAVE...), IMUL
        set(t, 0xB0, 0xB7, MODRM);              // CMPXCHG, LSS, BTR, LFS, LGS, MOVZX
        set(t, 0xB8, MODRM | GROUP);            // POPCNT, only with F3 (JMPE is not 64-bit)
        set(t, 0xB9, MODRM);                    // UD1
        set(t, 0xBA, MODRM | IMM8);             // group 8: BT/BTS/BTR/BTC Ev,Ib
        set(t, 0xBB, 0xBF, MODRM);              // BTC, BSF/TZCNT, BSR/LZCNT, MOVSX
        set(t, 0xC0, 0xC1, MODRM);              // XADD
        set(t, 0xC2, MODRM | IMM8);             // CMPPS/PD/SS/SD
        set(t, 0xC3, MODRM);                    // MOVNTI
        set(t, 0xC4, 0xC6, MODRM | IMM8);       // PINSRW, PEXTRW, SHUFPS/PD
        set(t, 0xC7, MODRM);                    // group 9: CMPXCHG8B/16B, RDRAND, RDSEED...
        set(t, 0xC8, 0xCF, 0);                  // BSWAP
        set(t, 0xD0, 0xFF, MODRM);              // MMX/SSE2 arithmetic; FF is UD0 Gd,Ed
    }

    private static void fillThreeByte38() {
        boolean[] t = THREE_BYTE_38;
        set(t, 0x00, 0x0B);                     // SSSE3 PSHUFB..PMULHRSW
        set(t, 0x10, 0x10);                     // PBLENDVB
        set(t, 0x14, 0x15);                     // BLENDVPS/PD
        set(t, 0x17, 0x17);                     // PTEST
        set(t, 0x1C, 0x1E);                     // PABSB/W/D
        set(t, 0x20, 0x25);                     // PMOVSX*
        set(t, 0x28, 0x2B);                     // PMULDQ, PCMPEQQ, MOVNTDQA, PACKUSDW
        set(t, 0x30, 0x35);                     // PMOVZX*
        set(t, 0x37, 0x41);                     // PCMPGTQ, PMIN*/PMAX*, PMULLD, PHMINPOSUW
        set(t, 0x80, 0x82);                     // INVEPT, INVVPID, INVPCID
        set(t, 0xC8, 0xCD);                     // SHA1/SHA256 message and round instructions
        set(t, 0xCF, 0xCF);                     // GF2P8MULB
        set(t, 0xD8, 0xDF);                     // Key Locker (D8-DE with F3), AESIMC/AESENC*/AESDEC*
        set(t, 0xF0, 0xFC);                     // MOVBE, CRC32, WRSS/WRUSS, ADCX/ADOX,
                                                // MOVDIR64B/ENQCMD(S), MOVDIRI, ENCODEKEY*, AADD...
    }

    private static void fillThreeByte3A() {
        boolean[] t = THREE_BYTE_3A;
        set(t, 0x08, 0x0F);                     // ROUND*, BLEND*, PALIGNR
        set(t, 0x14, 0x17);                     // PEXTRB/W/D/Q, EXTRACTPS
        set(t, 0x20, 0x22);                     // PINSRB, INSERTPS, PINSRD/Q
        set(t, 0x40, 0x42);                     // DPPS, DPPD, MPSADBW
        set(t, 0x44, 0x44);                     // PCLMULQDQ
        set(t, 0x60, 0x63);                     // PCMPESTRM/I, PCMPISTRM/I
        set(t, 0xCC, 0xCC);                     // SHA1RNDS4
        set(t, 0xCE, 0xCF);                     // GF2P8AFFINEQB, GF2P8AFFINEINVQB
        set(t, 0xDF, 0xDF);                     // AESKEYGENASSIST
        set(t, 0xF0, 0xF0);                     // HRESET
    }
}
