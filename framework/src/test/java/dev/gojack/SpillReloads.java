package dev.gojack;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decodes the reloads of a Go function's stack-growth path: after {@code CALL runtime.morestack_noctxt} the
 * compiler reloads each register argument from its spill slot before {@code JMP entry}. Knows exactly the loads it
 * emits there (MOVZX/MOVSX of 1 and 2 bytes, MOVL, MOVQ, MOVSS, MOVSD from {@code disp(SP)}); anything else fails.
 */
final class SpillReloads {
    private static final String[] GPR = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
            "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"};

    private SpillReloads() {
    }

    private static boolean isNop(byte[] code, int at) {
        int b = code[at] & 0xff;
        int i = at;
        while (b == 0x66) {
            b = code[++i] & 0xff;
        }
        return b == 0x90 || (b == 0x0f && (code[i + 1] & 0xff) == 0x1f);
    }

    /** {@code "REG<-disp/size"} for each reload, disp relative to SP at the function's entry. */
    static Set<String> of(GoBinary binary, GoFunction f) {
        byte[] code = binary.elf().bytesAt(f.fileAddress(), (int) f.size());
        long morestack = binary.function("runtime.morestack_noctxt").fileAddress();
        int at = -1;
        for (int i = 0; i + 5 <= code.length; i++) {
            if ((code[i] & 0xff) == 0xe8) {
                int rel = (code[i + 1] & 0xff) | (code[i + 2] & 0xff) << 8 | (code[i + 3] & 0xff) << 16 | code[i + 4] << 24;
                if (f.fileAddress() + i + 5 + rel == morestack) {
                    at = i + 5;
                }
            }
        }
        if (at < 0) {
            throw new AssertionError(f.name() + " has no call of runtime.morestack_noctxt");
        }
        Set<String> reloads = new LinkedHashSet<>();
        dev.gojack.internal.arch.amd64.Amd64InstructionDecoder decoder =
                new dev.gojack.internal.arch.amd64.Amd64InstructionDecoder();
        while ((code[at] & 0xff) != 0xe9 && (code[at] & 0xff) != 0xeb) {
            if (isNop(code, at)) {
                at += decoder.length(code, at, code.length);
                continue;
            }
            int prefix = 0;
            if ((code[at] & 0xff) == 0xf2 || (code[at] & 0xff) == 0xf3 || (code[at] & 0xff) == 0x66) {
                prefix = code[at++] & 0xff;
            }
            int rex = 0;
            if ((code[at] & 0xf0) == 0x40) {
                rex = code[at++] & 0xff;
            }
            int op = code[at++] & 0xff;
            int size;
            boolean floating = false;
            if (op == 0x0f) {
                int op2 = code[at++] & 0xff;
                if (op2 == 0xb6 || op2 == 0xbe) {
                    size = 1;
                } else if (op2 == 0xb7 || op2 == 0xbf) {
                    size = 2;
                } else if (op2 == 0x10 && (prefix == 0xf3 || prefix == 0xf2)) {
                    size = prefix == 0xf3 ? 4 : 8;
                    floating = true;
                } else {
                    throw new AssertionError(f.name() + ": unexpected reload opcode 0f " + Integer.toHexString(op2));
                }
            } else if (op == 0x8b) {
                size = (rex & 8) != 0 ? 8 : prefix == 0x66 ? 2 : 4;
            } else if (op == 0x8a) {
                size = 1;
            } else {
                throw new AssertionError(f.name() + ": unexpected reload opcode " + Integer.toHexString(op));
            }
            int modrm = code[at++] & 0xff;
            int mod = modrm >> 6;
            int reg = ((modrm >> 3) & 7) | ((rex & 4) << 1);
            if ((modrm & 7) != 4 || (code[at++] & 0xff) != 0x24) {
                throw new AssertionError(f.name() + ": reload not from (SP)");
            }
            long disp;
            if (mod == 1) {
                disp = code[at++];
            } else if (mod == 2) {
                disp = (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | code[at + 3] << 24;
                at += 4;
            } else {
                disp = 0;
            }
            reloads.add((floating ? "X" + reg : GPR[reg]) + "<-" + disp + "/" + size);
        }
        return reloads;
    }
}
