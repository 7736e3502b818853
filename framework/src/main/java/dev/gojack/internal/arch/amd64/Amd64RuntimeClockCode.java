package dev.gojack.internal.arch.amd64;

import java.util.OptionalLong;

/**
 * The amd64 code behind a fake clock that fires Go's timers (go-internals §10): the C-ABI stub that replaces
 * {@code runtime.vdsoClockgettimeSym}, and the decoders that find the runtime's clock pointer and netpoll
 * wake-up descriptor in {@code runtime.nanotime1} and {@code runtime.netpollBreak} when the library is stripped.
 */
public final class Amd64RuntimeClockCode {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Amd64RuntimeClockCode() {
    }

    /**
     * {@code int clock_gettime(clockid_t id, struct timespec *ts)} that calls {@code real} (the vDSO's
     * {@code __vdso_clock_gettime}) and then, for a successful call with {@code id} 0 (CLOCK_REALTIME) or 1
     * (CLOCK_MONOTONIC), adds the signed nanosecond offset stored at {@code offsets + 8 * id} to the result,
     * normalising {@code tv_nsec} into [0, 1e9). Other clocks pass through unchanged.
     *
     * <p>Runs where the vDSO runs (the g0 stack, with {@code m.vdsoPC/vdsoSP} set by the caller); follows the
     * C ABI: clobbers only RAX, RCX, RDX and the argument registers it restores; 24 bytes of stack.
     */
    public static byte[] offsetClockStub(long real, long offsets) {
        Encoder e = new Encoder();
        ShortJumps j = new ShortJumps(e);
        e.u8(0x57);                                                   // PUSHQ DI       clock id
        e.u8(0x56);                                                   // PUSHQ SI       *timespec
        e.u8(0x48).u8(0x83).u8(0xec).u8(0x08);                        // SUBQ $8, SP    16-byte aligned for the call
        e.u8(0x48).u8(0xb8).u64(real);                                // MOVQ $real, AX
        e.u8(0xff).u8(0xd0);                                          // CALL AX
        e.u8(0x48).u8(0x83).u8(0xc4).u8(0x08);                        // ADDQ $8, SP
        e.u8(0x5e);                                                   // POPQ SI
        e.u8(0x5f);                                                   // POPQ DI
        e.u8(0x85).u8(0xc0);                                          // TESTL AX, AX   failed? return as is
        int failed = j.jump(0x75);                                   // JNZ done
        e.u8(0x83).u8(0xff).u8(0x01);                                 // CMPL DI, $1
        int other = j.jump(0x77);                                    // JA done        (unsigned: ids 0, 1 only)
        e.u8(0x89).u8(0xff);                                          // MOVL DI, DI    zero-extend the id
        e.u8(0x48).u8(0xb9).u64(offsets);                             // MOVQ $offsets, CX
        e.u8(0x48).u8(0x8b).u8(0x04).u8(0xf9);                        // MOVQ (CX)(DI*8), AX
        e.u8(0x48).u8(0x85).u8(0xc0);                                 // TESTQ AX, AX   no offset: AX = 0 = success
        int none = j.jump(0x74);                                     // JZ done
        e.u8(0x48).u8(0x99);                                          // CQO
        e.u8(0x48).u8(0xc7).u8(0xc1).u32((int) NANOS_PER_SECOND);     // MOVQ $1e9, CX
        e.u8(0x48).u8(0xf7).u8(0xf9);                                 // IDIVQ CX       AX = s, DX = ns (sign of offset)
        e.u8(0x48).u8(0x01).u8(0x06);                                 // ADDQ AX, (SI)  tv_sec
        e.u8(0x48).u8(0x03).u8(0x56).u8(0x08);                        // ADDQ 8(SI), DX tv_nsec + ns, in (-1e9, 2e9)
        int nonNegative = j.jump(0x79);                              // JNS nonNegative
        e.u8(0x48).u8(0x01).u8(0xca);                                 // ADDQ CX, DX
        e.u8(0x48).u8(0xff).u8(0x0e);                                 // DECQ (SI)
        int toStore = j.jump(0xeb);                                  // JMP store
        j.land(nonNegative);
        e.u8(0x48).u8(0x39).u8(0xca);                                 // CMPQ DX, CX
        int small = j.jump(0x72);                                    // JB store
        e.u8(0x48).u8(0x29).u8(0xca);                                 // SUBQ CX, DX
        e.u8(0x48).u8(0xff).u8(0x06);                                 // INCQ (SI)
        j.land(toStore);
        j.land(small);
        e.u8(0x48).u8(0x89).u8(0x56).u8(0x08);                        // MOVQ DX, 8(SI) tv_nsec
        e.u8(0x31).u8(0xc0);                                          // XORL AX, AX    success
        j.land(failed);
        j.land(other);
        j.land(none);
        e.u8(0xc3);                                                   // RET
        return j.resolve();
    }

    /** Short forward jumps: the opcode and a placeholder first, the displacement once the target is reached. */
    private static final class ShortJumps {
        private final Encoder e;
        private final java.util.List<int[]> links = new java.util.ArrayList<>();

        ShortJumps(Encoder e) {
            this.e = e;
        }

        int jump(int opcode) {
            e.u8(opcode).u8(0);
            return e.size() - 1;
        }

        void land(int displacementAt) {
            links.add(new int[] {displacementAt, e.size()});
        }

        byte[] resolve() {
            byte[] code = e.bytes();
            for (int[] link : links) {
                code[link[0]] = (byte) (link[1] - (link[0] + 1));
            }
            return code;
        }
    }

    /**
     * In {@code runtime.nanotime1}'s code (at {@code address}), the call of the clock pointer:
     * {@code MOVL $1, DI; LEAQ 0(SP), SI; MOVQ sym(RIP), AX; CMPQ AX, $0; JE fallback; CALL AX}. Returns the
     * address of the pointer variable, or empty when the code does not have exactly that shape.
     */
    public static OptionalLong nanotimeClockPointer(byte[] code, long address) {
        int[] shape = {0xbf, 0x01, 0x00, 0x00, 0x00, 0x48, 0x8d, 0x34, 0x24, 0x48, 0x8b, 0x05, -1, -1, -1, -1,
                0x48, 0x83, 0xf8, 0x00, 0x74, -1, 0xff, 0xd0};
        int found = -1;
        for (int i = 0; i + shape.length <= code.length; i++) {
            if (matches(code, i, shape)) {
                if (found >= 0) {
                    return OptionalLong.empty(); // two call sites: not the function GoJack knows
                }
                found = i;
            }
        }
        if (found < 0) {
            return OptionalLong.empty();
        }
        int load = found + 9;
        return OptionalLong.of(address + load + 7 + rel32(code, load + 3));
    }

    /** The wake-up write in {@code runtime.netpollBreak}: the descriptor variable's address and the byte count. */
    public record WakeWrite(long descriptorVariable, int length) {
    }

    /**
     * In {@code runtime.netpollBreak}'s code (at {@code address}): the {@code CALL runtime.write} (at
     * {@code write}) and, in the 32 bytes before it, the last RIP-relative {@code MOVQ fd(RIP), reg} (the
     * descriptor variable) and {@code MOVL $n, CX} (the length: 1 for a pipe, 8 for an eventfd). Register choice
     * and order vary with the Go version and inlining. Null when no such call is there.
     */
    public static WakeWrite netpollBreakWrite(byte[] code, long address, long write) {
        for (int i = 0; i + 5 <= code.length; i++) {
            if ((code[i] & 0xff) != 0xe8 || address + i + 5 + rel32(code, i + 1) != write) {
                continue;
            }
            long variable = 0;
            int length = 0;
            for (int j = Math.max(0, i - 32); j < i; j++) {
                if (j + 7 <= i && (code[j] & 0xff) == 0x48 && (code[j + 1] & 0xff) == 0x8b
                        && (code[j + 2] & 0xc7) == 0x05) {
                    variable = address + j + 7 + rel32(code, j + 3);
                }
                if (j + 5 <= i && (code[j] & 0xff) == 0xb9 && rel32(code, j + 1) > 0 && rel32(code, j + 1) <= 8) {
                    length = rel32(code, j + 1);
                }
            }
            if (variable != 0 && (length == 1 || length == 8)) {
                return new WakeWrite(variable, length);
            }
        }
        return null;
    }

    private static boolean matches(byte[] code, int at, int[] shape) {
        for (int j = 0; j < shape.length; j++) {
            if (shape[j] >= 0 && (code[at + j] & 0xff) != shape[j]) {
                return false;
            }
        }
        return true;
    }

    private static int rel32(byte[] code, int at) {
        return (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | code[at + 3] << 24;
    }
}
