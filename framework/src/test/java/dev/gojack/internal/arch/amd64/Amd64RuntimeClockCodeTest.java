package dev.gojack.internal.arch.amd64;

import com.kenai.jffi.Function;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Type;
import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.NearMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FIRES_TIMERS clock stub, executed for real on a stand-in "vDSO" that returns a fixed timespec, and the
 * decoders run on the code of the fixture libraries built with Go 1.21 and 1.26.
 */
class Amd64RuntimeClockCodeTest {
    private static final NearMemory MEMORY = new NearMemory(0x7f0000000000L, Integer.MAX_VALUE - 4096L,
            java.nio.file.Path.of("stand-in-vdso-test"));

    /** {@code ts->tv_sec = sec; ts->tv_nsec = nsec; return result;} */
    private static long fakeVdso(int sec, int nsec, int result) {
        Encoder e = new Encoder();
        e.u8(0x48).u8(0xc7).u8(0x06).u32(sec);             // MOVQ $sec, (SI)
        e.u8(0x48).u8(0xc7).u8(0x46).u8(0x08).u32(nsec);   // MOVQ $nsec, 8(SI)
        e.u8(0xb8).u32(result);                            // MOVL $result, AX
        return MEMORY.code(e.u8(0xc3).bytes());
    }

    /** Calls the stub for {@code clock} with the given offsets; returns {result, tv_sec, tv_nsec}. */
    private static long[] call(long real, long realtimeOffset, long monotonicOffset, int clock) {
        long offsets = MEMORY.data(16);
        Native.memory(offsets).putLong(0, realtimeOffset);
        Native.memory(offsets).putLong(8, monotonicOffset);
        long stub = MEMORY.code(Amd64RuntimeClockCode.offsetClockStub(real, offsets));
        long ts = MEMORY.data(16);
        Function f = new Function(stub, Type.SINT32, Type.SINT32, Type.POINTER);
        long result = Invoker.getInstance().invokeLLrL(f, clock, ts);
        return new long[] {(int) result, Native.memory(ts).getLong(0), Native.memory(ts).getLong(8)};
    }

    @Test
    void addsEachClocksOffsetAndNormalisesTheNanoseconds() {
        long real = fakeVdso(100, 999_999_999, 0);
        assertThat(call(real, 0, 1, 1)).containsExactly(0, 101, 0);
        assertThat(call(real, 1, 0, 1)).as("monotonic reads its own offset").containsExactly(0, 100, 999_999_999);
        assertThat(call(real, 2_500_000_001L, 0, 0)).containsExactly(0, 103, 500_000_000);
        assertThat(call(real, -1_000_000_000L, 0, 0)).containsExactly(0, 99, 999_999_999);
        assertThat(call(real, -5_999_999_999L, 0, 0)).containsExactly(0, 95, 0);
        long zeroNanos = fakeVdso(100, 0, 0);
        assertThat(call(zeroNanos, -1, 0, 0)).containsExactly(0, 99, 999_999_999);
        assertThat(call(zeroNanos, 0, -1_500_000_000L, 1)).containsExactly(0, 98, 500_000_000);
    }

    @Test
    void otherClocksAndFailedCallsPassThroughUnchanged() {
        long real = fakeVdso(100, 5, 0);
        assertThat(call(real, 7, 7, 2)).containsExactly(0, 100, 5);
        assertThat(call(real, 7, 7, -1)).containsExactly(0, 100, 5);
        long failing = fakeVdso(100, 5, -22);
        assertThat(call(failing, 7, 7, 1)).containsExactly(-22, 100, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "noinline", "go1.21/default", "go1.21/noinline"})
    void findsTheClockPointerInNanotime1AndTheWakeUpWriteInNetpollBreak(String variant) {
        GoBinary binary = GoBinary.open(fixture(variant));
        GoFunction nanotime1 = binary.findFunction("runtime.nanotime1").orElseThrow();
        byte[] code = bytes(binary, nanotime1);
        OptionalLong pointer = Amd64RuntimeClockCode.nanotimeClockPointer(code, nanotime1.fileAddress());
        assertThat(pointer).hasValue(binary.variable("runtime.vdsoClockgettimeSym").fileAddress());

        GoFunction netpollBreak = binary.function("runtime.netpollBreak");
        Amd64RuntimeClockCode.WakeWrite write = Amd64RuntimeClockCode.netpollBreakWrite(bytes(binary, netpollBreak),
                netpollBreak.fileAddress(), binary.function("runtime.write").fileAddress());
        boolean eventFd = binary.findVariable("runtime.netpollEventFd").isPresent();
        String name = eventFd ? "runtime.netpollEventFd" : "runtime.netpollBreakWr";
        assertThat(write).isEqualTo(new Amd64RuntimeClockCode.WakeWrite(binary.variable(name).fileAddress(),
                eventFd ? 8 : 1));
        assertThat(eventFd).as("Go 1.26 wakes through an eventfd, 1.21 through a pipe")
                .isEqualTo(!variant.startsWith("go1.21"));
    }

    @Test
    void aNanotime1OfAnotherShapeIsNotTrusted() {
        GoBinary binary = GoBinary.open(fixture("default"));
        GoFunction nanotime1 = binary.findFunction("runtime.nanotime1").orElseThrow();
        byte[] code = bytes(binary, nanotime1);
        for (List<Integer> change : List.of(List.of(0xbf, 0x00), List.of(0xff, 0xd1), List.of(0x74, 0x75))) {
            byte[] mutated = code.clone();
            int at = indexOf(mutated, change.get(0));
            mutated[at] = (byte) (int) change.get(1);
            assertThat(Amd64RuntimeClockCode.nanotimeClockPointer(mutated, nanotime1.fileAddress())).isEmpty();
        }
        byte[] twice = Arrays.copyOf(code, code.length * 2);
        System.arraycopy(code, 0, twice, code.length, code.length);
        assertThat(Amd64RuntimeClockCode.nanotimeClockPointer(twice, 0)).as("two call sites").isEmpty();
    }

    /** The first byte {@code value} that starts the call-site sequence (MOVL $1, DI … CALL AX). */
    private static int indexOf(byte[] code, int value) {
        int start = -1;
        for (int i = 0; i + 5 < code.length; i++) {
            if ((code[i] & 0xff) == 0xbf && code[i + 1] == 1 && code[i + 5] == 0x48 && (code[i + 6] & 0xff) == 0x8d) {
                start = i;
                break;
            }
        }
        for (int i = start; i < start + 24; i++) {
            if ((code[i] & 0xff) == value) {
                return i;
            }
        }
        throw new AssertionError("no byte " + value);
    }

    private static byte[] bytes(GoBinary binary, GoFunction f) {
        try {
            byte[] file = Files.readAllBytes(binary.path());
            // c-shared Go libraries map .text at file offset = virtual address (first PT_LOAD at 0)
            return Arrays.copyOfRange(file, (int) f.fileAddress(), (int) (f.fileAddress() + f.size()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path fixture(String variant) {
        return Path.of(System.getProperty("gojack.fixtures.dir")).resolve(variant).resolve("libtimers.so");
    }
}
