package dev.gojack.internal.arch.amd64;

import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.GROUP;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.IMM16;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.IMM8;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.IMMV;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.IMMZ;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.INVALID;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.MODRM;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.MODRM_REG_ONLY;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.MOFFS;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.REL32;
import static dev.gojack.internal.arch.amd64.Amd64OpcodeTable.REL8;

/**
 * Decodes the length of x86-64 (64-bit mode) instructions; knows nothing else about them.
 * Stateless, thread-safe.
 *
 * <p>Covers the legacy prefixes, REX, the one-byte map, the two-byte map (0F), the three-byte
 * maps 0F 38 and 0F 3A, 3DNow! (0F 0F), x87, AMD XOP (8F), and VEX (C4/C5) and EVEX (62) encoded
 * AVX/AVX2/AVX-512 instructions (EVEX maps 1, 2, 3, 5 and 6). An instruction is laid out as the
 * Intel SDM, Volume 2, chapter 2 ("Instruction Format") describes: prefixes, opcode, optional
 * ModRM, optional SIB, optional displacement, optional immediate. Which of the optional parts
 * follow an opcode comes from {@link Amd64OpcodeTable}.
 *
 * <p>Reported as unknown ({@code -1}): opcodes that do not exist in 64-bit mode, APX's EVEX
 * map 4 and REX2 (D5) encodings, and near branches (E8, E9, 0F 8x) with a 66 prefix and no
 * REX.W, whose length differs between Intel and AMD processors.
 *
 * <p>Validation is only as deep as the length needs: in the legacy maps every opcode is checked,
 * and the ModRM.reg extension where it decides validity (groups 1A, 3, 4, 5, 11), but not every
 * register form of the system groups (0F 01, 0F C7) or of x87; for VEX, EVEX and XOP the map is
 * checked but not each opcode in it, because within a map the length rule is uniform. FWAIT
 * (9B) is a one-byte instruction of its own, as the processor executes it, even where
 * assemblers print it merged with the following x87 instruction (FSTCW = FWAIT + FNSTCW).
 */
public final class Amd64InstructionDecoder {

    /** The architectural maximum: longer byte sequences raise #GP even if otherwise well formed. */
    private static final int MAX_LENGTH = 15;

    /** Bit set in a packed {@link #decode} result when the instruction is position dependent. */
    private static final int POSITION_DEPENDENT = 1 << 8;

    private static final int LENGTH_MASK = 0xFF;

    /** Creates a decoder. It holds no state, so one instance may be shared freely. */
    public Amd64InstructionDecoder() {
    }

    /**
     * Returns the length of the instruction starting at {@code code[offset]}.
     *
     * @param code   the machine code
     * @param offset index of the instruction's first byte
     * @param limit  exclusive end index into {@code code}; the instruction must end at or before it
     * @return the length in bytes (1..15), or {@code -1} if the bytes are not an instruction this
     *     decoder knows or the instruction runs past {@code limit}. Never throws, whatever the
     *     arguments.
     */
    public int length(byte[] code, int offset, int limit) {
        int result = decode(code, offset, limit);
        return result < 0 ? -1 : result & LENGTH_MASK;
    }

    /**
     * Tells whether the instruction at {@code offset} cannot be copied elsewhere unchanged: it is
     * a relative branch or call (Jcc rel8/rel32, JMP rel8/rel32, CALL rel32, LOOP/LOOPE/LOOPNE,
     * JRCXZ, XBEGIN), or it addresses memory RIP-relatively (ModRM mod=00 rm=101).
     *
     * @param code   the machine code
     * @param offset index of the instruction's first byte
     * @param limit  exclusive end index into {@code code}
     * @return {@code true} if position dependent; {@code false} if not, and also for bytes that
     *     {@link #length} rejects (callers check the length first). Never throws.
     */
    public boolean isPositionDependent(byte[] code, int offset, int limit) {
        int result = decode(code, offset, limit);
        return result >= 0 && (result & POSITION_DEPENDENT) != 0;
    }

    /**
     * Decodes one instruction. Returns -1 if unknown or truncated, else the length in the low
     * byte, or'ed with {@link #POSITION_DEPENDENT}. Everything is kept in locals so the decoder
     * needs no per-call allocation and no shared mutable state.
     */
    private static int decode(byte[] code, int offset, int limit) {
        if (code == null || offset < 0 || offset >= code.length || limit <= offset) {
            return -1;
        }
        // Bytes we may look at: bounded by the caller's limit, the array, and the 15-byte rule.
        int available = Math.min(Math.min(limit, code.length) - offset, MAX_LENGTH);

        // Legacy prefixes (SDM vol. 2, section 2.1.1) may come in any order; REX (section 2.2.1)
        // must be the last byte before the opcode, and a REX followed by a legacy prefix is
        // ignored, so it is forgotten when another prefix follows.
        boolean operandSize = false;
        boolean addressSize = false;
        boolean rep = false;
        boolean repne = false;
        boolean lock = false;
        int rex = 0;
        int pos = 0;
        int op;
        while (true) {
            if (pos >= available) {
                return -1;
            }
            op = code[offset + pos] & 0xFF;
            if (op == 0x66) {
                operandSize = true;
            } else if (op == 0x67) {
                addressSize = true;
            } else if (op == 0xF3) {
                rep = true;
            } else if (op == 0xF2) {
                repne = true;
            } else if (op == 0xF0) {
                lock = true;
            } else if (op == 0x26 || op == 0x2E || op == 0x36 || op == 0x3E
                    || op == 0x64 || op == 0x65) {
                // Segment overrides (in 64-bit mode only FS/GS matter; 2E/3E double as branch
                // hints) do not change the length of anything.
                pos++;
                rex = 0;
                continue;
            } else if ((op & 0xF0) == 0x40) {
                rex = op;
                pos++;
                continue;
            } else {
                break;
            }
            rex = 0;
            pos++;
        }
        pos++; // the opcode byte
        boolean rexW = (rex & 0x08) != 0;

        if (op == 0xC4 || op == 0xC5 || op == 0x62) {
            // In 64-bit mode these are always VEX/EVEX (LES/LDS/BOUND do not exist). SDM vol. 2,
            // sections 2.3.2 and 2.7.1: a 66, F2, F3, LOCK or REX prefix before them is #UD.
            if (operandSize || rep || repne || lock || rex != 0) {
                return -1;
            }
            return op == 0x62
                    ? decodeEvex(code, offset, pos, available)
                    : decodeVex(code, offset, pos, available, op == 0xC5);
        }
        if (op == 0x8F && pos < available && (code[offset + pos] & 0x1F) >= 8) {
            // AMD XOP (AMD64 APM vol. 3, "XOP Instruction Format"): 8F is POP Ev only when
            // ModRM.reg is 0; XOP's map select field (8 or more) sets that field's low bit.
            if (operandSize || rep || repne || lock || rex != 0) {
                return -1;
            }
            return decodeXop(code, offset, pos, available);
        }

        int flags;
        if (op == 0x0F) {
            if (pos >= available) {
                return -1;
            }
            int op2 = code[offset + pos] & 0xFF;
            pos++;
            if (op2 == 0x38 || op2 == 0x3A) {
                if (pos >= available) {
                    return -1;
                }
                int op3 = code[offset + pos] & 0xFF;
                pos++;
                // SDM tables: every 0F 38 opcode takes ModRM and no immediate, every
                // 0F 3A opcode takes ModRM and an imm8.
                boolean known = op2 == 0x38
                        ? Amd64OpcodeTable.THREE_BYTE_38[op3]
                        : Amd64OpcodeTable.THREE_BYTE_3A[op3];
                if (!known) {
                    return -1;
                }
                return finish(code, offset, pos, available, true, false, op2 == 0x3A ? 1 : 0, false);
            }
            flags = Amd64OpcodeTable.TWO_BYTE[op2];
            if (flags == INVALID) {
                return -1;
            }
            if (isVendorDependentBranch(flags, operandSize, rexW)) {
                return -1;
            }
            if ((flags & GROUP) != 0 && op2 == 0xB8 && !rep) {
                // 0F B8 is POPCNT only with F3; without it, it is JMPE, which 64-bit mode lacks.
                return -1;
            }
            int extra = 0;
            if (op2 == 0x78 && (operandSize || repne)) {
                // AMD SSE4a EXTRQ/INSERTQ with immediates: two imm8 (length and index).
                extra = 2;
            }
            return finish(code, offset, pos, available,
                    (flags & (MODRM | MODRM_REG_ONLY)) != 0,
                    (flags & MODRM_REG_ONLY) != 0,
                    immediateSize(flags, operandSize, addressSize, rexW) + extra,
                    (flags & (REL8 | REL32)) != 0);
        }

        flags = Amd64OpcodeTable.ONE_BYTE[op];
        if (flags == INVALID) {
            return -1;
        }
        if (isVendorDependentBranch(flags, operandSize, rexW)) {
            return -1;
        }
        int immediate = immediateSize(flags, operandSize, addressSize, rexW);
        boolean relative = (flags & (REL8 | REL32)) != 0;
        if ((flags & GROUP) != 0) {
            // Groups whose ModRM.reg decides validity or the presence of the immediate
            // (SDM table A-6, "Opcode Extensions for One- and Two-byte Opcodes by Group Number").
            if (pos >= available) {
                return -1;
            }
            int modrm = code[offset + pos] & 0xFF;
            int reg = (modrm >> 3) & 7;
            switch (op) {
                case 0xF6, 0xF7 -> {
                    // Group 3: only TEST (/0, and its alias /1) has an immediate; NOT, NEG, MUL,
                    // IMUL, DIV and IDIV (/2-/7) have none.
                    if (reg > 1) {
                        immediate = 0;
                    }
                }
                case 0xC6, 0xC7 -> {
                    // Group 11: /0 is MOV Eb,Ib / Ev,Iz. The single ModRM value F8 is XABORT Ib
                    // (C6) or XBEGIN Jz (C7), with the same immediate size; XBEGIN is relative.
                    if (modrm == 0xF8) {
                        relative = op == 0xC7;
                    } else if (reg != 0) {
                        return -1;
                    }
                }
                case 0x8F -> {
                    // Group 1A: /0 is POP Ev (reg 1-7 with a map select below 8 is undefined).
                    if (reg != 0) {
                        return -1;
                    }
                }
                case 0xFE -> {
                    // Group 4: only INC/DEC Eb.
                    if (reg > 1) {
                        return -1;
                    }
                }
                case 0xFF -> {
                    // Group 5: /7 is undefined.
                    if (reg == 7) {
                        return -1;
                    }
                }
                default -> {
                    return -1;
                }
            }
        }
        return finish(code, offset, pos, available, (flags & MODRM) != 0, false, immediate, relative);
    }

    /** Bytes of immediate (or relative displacement, or moffs) for legacy-map {@code flags}. */
    private static int immediateSize(int flags, boolean operandSize, boolean addressSize, boolean rexW) {
        // SDM vol. 1, section 3.6.1 / vol. 2, section 2.2.1.2: REX.W wins over a 66 prefix;
        // without REX.W, 66 selects 16-bit operands.
        boolean sixteen = operandSize && !rexW;
        int size = 0;
        if ((flags & (IMM8 | REL8)) != 0) {
            size += 1;
        }
        if ((flags & IMM16) != 0) {
            size += 2;
        }
        if ((flags & IMMZ) != 0) {
            size += sixteen ? 2 : 4;
        }
        if ((flags & IMMV) != 0) {
            size += rexW ? 8 : sixteen ? 2 : 4;
        }
        if ((flags & MOFFS) != 0) {
            // Direct memory offsets are address-sized: 64 bits, or 32 with a 67 prefix.
            size += addressSize ? 4 : 8;
        }
        if ((flags & REL32) != 0) {
            // Jz branches are rel32 in 64-bit mode (see isVendorDependentBranch for 66).
            size += 4;
        }
        return size;
    }

    /**
     * With a 66 prefix and no REX.W, CALL/JMP rel32 (E8, E9) and Jcc rel32 (0F 80-8F) keep a
     * 32-bit displacement on Intel processors, which ignore the prefix for near branches in
     * 64-bit mode, but take a 16-bit one on AMD processors (AMD64 APM vol. 3, near branches).
     * The length then depends on the CPU, so the decoder refuses such bytes instead of guessing.
     * Compilers do not emit them; with REX.W (as in gcc's TLS call sequence 66 66 48 E8) the
     * operand size is 64 bits on both and the displacement is 32 bits.
     */
    private static boolean isVendorDependentBranch(int flags, boolean operandSize, boolean rexW) {
        return (flags & REL32) != 0 && operandSize && !rexW;
    }

    /**
     * XOP (AMD): 8F plus two payload bytes, the first holding the map (8, 9 or 0Ah); ModRM is
     * always present; map 8 has an imm8, map 0Ah an imm32 (BEXTR, LWPINS, LWPVAL), map 9 none.
     */
    private static int decodeXop(byte[] code, int offset, int pos, int available) {
        int map = code[offset + pos] & 0x1F;
        if (map > 0x0A) {
            return -1;
        }
        pos += 2;
        if (pos >= available) {
            return -1;
        }
        pos++; // opcode
        int immediate = map == 0x08 ? 1 : map == 0x0A ? 4 : 0;
        return finish(code, offset, pos, available, true, false, immediate, false);
    }

    /**
     * VEX (SDM vol. 2, section 2.3): C5 is followed by one payload byte and implies map 0F; C4
     * is followed by two, the first holding the map (mmmmm: 1 = 0F, 2 = 0F 38, 3 = 0F 3A).
     */
    private static int decodeVex(byte[] code, int offset, int pos, int available, boolean twoByte) {
        int map = 1;
        if (twoByte) {
            pos += 1;
        } else {
            if (pos >= available) {
                return -1;
            }
            map = code[offset + pos] & 0x1F;
            pos += 2;
        }
        if (map < 1 || map > 3 || pos >= available) {
            return -1;
        }
        int op = code[offset + pos] & 0xFF;
        pos++;
        if (map == 1 && op == 0x77) {
            // VZEROUPPER / VZEROALL: the only VEX instruction without a ModRM byte.
            return finish(code, offset, pos, available, false, false, 0, false);
        }
        return finish(code, offset, pos, available, true, false, vexImmediate(map, op), false);
    }

    /**
     * EVEX (SDM vol. 2, section 2.7): 62 plus three payload bytes, the first holding the map in
     * its low three bits. ModRM is always present; the compressed disp8*N only changes how the
     * displacement is scaled, not how many bytes it takes. Maps 5 and 6 are AVX512-FP16; map 4
     * (APX promoted legacy instructions) is not supported.
     */
    private static int decodeEvex(byte[] code, int offset, int pos, int available) {
        if (pos + 3 >= available) {
            return -1;
        }
        int map = code[offset + pos] & 0x07;
        if (map == 0 || map == 4 || map == 7) {
            return -1;
        }
        pos += 3;
        int op = code[offset + pos] & 0xFF;
        pos++;
        return finish(code, offset, pos, available, true, false, vexImmediate(map, op), false);
    }

    /**
     * Immediate size of a VEX/EVEX instruction: map 0F 3A always has an imm8; in map 0F only
     * the shuffles and shift-by-immediate groups (70-73), compares (C2), PINSRW/PEXTRW (C4/C5)
     * and SHUFPS/PD (C6) do; maps 0F 38, 5 and 6 never do.
     */
    private static int vexImmediate(int map, int op) {
        if (map == 3) {
            return 1;
        }
        if (map == 1 && ((op >= 0x70 && op <= 0x73) || op == 0xC2 || (op >= 0xC4 && op <= 0xC6))) {
            return 1;
        }
        return 0;
    }

    /**
     * Consumes ModRM, SIB and displacement (if {@code hasModrm}), then {@code immediate} bytes,
     * and checks that everything fits in {@code available}. Returns the packed result.
     *
     * <p>Addressing follows SDM vol. 2, section 2.1.5 (tables 2-2 and 2-3) with the 64-bit mode
     * changes of section 2.2.1.6: mod=11 is a register; rm=100 brings a SIB byte; mod=01 adds a
     * disp8 and mod=10 a disp32; with mod=00, rm=101 means RIP-relative disp32 and a SIB base
     * of 101 means disp32 with no base. REX.B does not take part in these checks. A 67 prefix
     * only narrows the address size; the encoding is the same, so it changes nothing here.
     */
    private static int finish(byte[] code, int offset, int pos, int available,
                              boolean hasModrm, boolean registerOnly, int immediate, boolean relative) {
        boolean positionDependent = relative;
        if (hasModrm) {
            if (pos >= available) {
                return -1;
            }
            int modrm = code[offset + pos] & 0xFF;
            pos++;
            int mod = modrm >> 6;
            int rm = modrm & 7;
            if (!registerOnly && mod != 3) {
                if (rm == 4) {
                    if (pos >= available) {
                        return -1;
                    }
                    int sib = code[offset + pos] & 0xFF;
                    pos++;
                    if (mod == 0 && (sib & 7) == 5) {
                        pos += 4;
                    }
                } else if (mod == 0 && rm == 5) {
                    pos += 4;
                    positionDependent = true;
                }
                if (mod == 1) {
                    pos += 1;
                } else if (mod == 2) {
                    pos += 4;
                }
            }
        }
        pos += immediate;
        if (pos > available) {
            return -1;
        }
        return pos | (positionDependent ? POSITION_DEPENDENT : 0);
    }
}
