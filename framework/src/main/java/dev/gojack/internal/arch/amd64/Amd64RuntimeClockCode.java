package dev.gojack.internal.arch.amd64;

import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Label;
import dev.gojack.internal.arch.amd64.Amd64CodeWriter.Memory;

import java.util.OptionalLong;

import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.ABOVE;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.BELOW;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.NOT_EQUAL;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Condition.NO_SIGN;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RAX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RCX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RDI;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RDX;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSI;
import static dev.gojack.internal.arch.amd64.Amd64CodeWriter.Register.RSP;

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
        Amd64CodeWriter w = new Amd64CodeWriter();
        Label nonNegative = new Label();
        Label store = new Label();
        Label done = new Label();
        return w.push(RDI)                                            // clock id
                .push(RSI)                                            // *timespec
                .subImm8(RSP, 8)                                      // 16-byte aligned for the call
                .movImm64(RAX, real)
                .call(RAX)
                .addImm8(RSP, 8)
                .pop(RSI)
                .pop(RDI)
                .test32(RAX, RAX)                                     // failed? return as is
                .jcc(NOT_EQUAL, done)
                .cmp32Imm8(RDI, 1)
                .jcc(ABOVE, done)                                     // unsigned: ids 0, 1 only
                .mov32(RDI, RDI)                                      // zero-extend the id
                .movImm64(RCX, offsets)
                .load(RAX, Memory.indexed(RCX, RDI, 8))
                .test(RAX, RAX)                                       // no offset: AX = 0 = success
                .jcc(EQUAL, done)
                .cqo()
                .movSignExtendedImm32(RCX, (int) NANOS_PER_SECOND)
                .idiv(RCX)                                            // AX = s, DX = ns (sign of offset)
                .addToMemory(Memory.at(RSI), RAX)                     // tv_sec
                .addLoad(RDX, Memory.at(RSI, 8))                      // tv_nsec + ns, in (-1e9, 2e9)
                .jcc(NO_SIGN, nonNegative)
                .add(RDX, RCX)
                .decMemory(Memory.at(RSI))
                .jmp(store)
                .bind(nonNegative)
                .cmp(RDX, RCX)
                .jcc(BELOW, store)
                .sub(RDX, RCX)
                .incMemory(Memory.at(RSI))
                .bind(store)
                .store(Memory.at(RSI, 8), RDX)                        // tv_nsec
                .xor32(RAX, RAX)                                      // success
                .bind(done)
                .ret()
                .bytes();
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
