package dev.gojack.internal.runtime;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.amd64.Amd64RuntimeClockCode;
import dev.gojack.internal.nat.RawAtomics;
import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.internal.patch.NearMemory;
import jnr.ffi.Pointer;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The runtime's one clock pointer, {@code runtime.vdsoClockgettimeSym} (go-internals §10): every monotonic and
 * wall-clock reading of the Go runtime calls through it. {@link #install} swaps it, with one aligned 8-byte
 * compare-and-swap, for a stub that calls the vDSO and adds a per-clock offset kept in {@link #offsets}; Java
 * changes the offsets with plain aligned stores afterwards. Everything is checked before the swap.
 *
 * <p>Once monotonic time was shifted the stub stays for the life of the process: monotonic time must never go
 * back (timers would then fire late by the shift). While the monotonic offset is still 0 it can be swapped back.
 */
final class VdsoClockPointer {
    private static final int RTLD_LAZY = 1;
    private static final int RTLD_NOLOAD = 4;
    static final int REALTIME = 0;
    static final int MONOTONIC = 8;

    private final Path library;
    private final long pointer;
    private final long real;
    private final long offsets;
    private final long stub;

    private VdsoClockPointer(Path library, long pointer, long real, long offsets, long stub) {
        this.library = library;
        this.pointer = pointer;
        this.real = real;
        this.offsets = offsets;
        this.stub = stub;
    }

    /**
     * Finds and checks the pointer and prepares the stub (nothing in the library is written yet).
     *
     * @throws dev.gojack.PatchRefusedException naming what did not match
     */
    static VdsoClockPointer prepare(GoBinary binary, long loadBase, NearMemory memory) {
        Path library = binary.path();
        GoFunction nanotime1 = find(binary, "runtime.nanotime1")
                .orElseThrow(() -> refused(library, "it has no runtime.nanotime1, the function through which the "
                        + "runtime reads the monotonic clock"));
        byte[] code = MemoryWriter.read(loadBase + nanotime1.fileAddress(), (int) nanotime1.size());
        OptionalLong decoded = Amd64RuntimeClockCode.nanotimeClockPointer(code, loadBase + nanotime1.fileAddress());
        if (decoded.isEmpty()) {
            throw refused(library, "runtime.nanotime1 does not call the clock pointer the way Go 1.21 to 1.26 do "
                    + "(MOVL $1, DI; LEAQ 0(SP), SI; MOVQ runtime.vdsoClockgettimeSym(SB), AX; CMPQ AX, $0; JE; "
                    + "CALL AX), so GoJack cannot tell which pointer to shift");
        }
        long pointer = decoded.getAsLong();
        Optional<Long> named = binary.findVariable("runtime.vdsoClockgettimeSym").map(v -> loadBase + v.fileAddress());
        if (named.isPresent() && named.get() != pointer) {
            throw refused(library, "runtime.nanotime1 reads its clock pointer at 0x" + Long.toHexString(pointer)
                    + " but runtime.vdsoClockgettimeSym is at 0x" + Long.toHexString(named.get()));
        }
        if (pointer % 8 != 0) {
            throw refused(library, "runtime.vdsoClockgettimeSym at 0x" + Long.toHexString(pointer)
                    + " is not 8-byte aligned, so it cannot be swapped with one atomic store");
        }
        long current = RawAtomics.load(pointer);
        if (current == 0) {
            throw refused(library, "runtime.vdsoClockgettimeSym is 0: the runtime found no vDSO and reads the clocks "
                    + "with raw system calls, which GoJack cannot shift");
        }
        long vdso = vdsoClockGettime();
        if (vdso == 0) {
            throw refused(library, "dlopen(\"linux-vdso.so.1\", RTLD_NOLOAD) or dlsym(\"__vdso_clock_gettime\") "
                    + "found no vDSO clock function to compare runtime.vdsoClockgettimeSym with");
        }
        if (current != vdso) {
            throw refused(library, "runtime.vdsoClockgettimeSym holds 0x" + Long.toHexString(current)
                    + ", not the vDSO's __vdso_clock_gettime (0x" + Long.toHexString(vdso)
                    + "); something else changed it, and GoJack leaves it alone");
        }
        long offsets = memory.data(16);
        long stub = memory.code(Amd64RuntimeClockCode.offsetClockStub(vdso, offsets));
        return new VdsoClockPointer(library, pointer, vdso, offsets, stub);
    }

    private static Optional<GoFunction> find(GoBinary binary, String name) {
        return binary.findFunction(name).or(() -> binary.findFunction(name + ".abi0"));
    }

    /** The address of the vDSO's {@code __vdso_clock_gettime} in this process, or 0. */
    static long vdsoClockGettime() {
        Pointer handle = RuntimeLibC.LIBC.dlopen("linux-vdso.so.1", RTLD_LAZY | RTLD_NOLOAD);
        if (handle == null) {
            return 0;
        }
        try {
            Pointer f = RuntimeLibC.LIBC.dlsym(handle, "__vdso_clock_gettime");
            return f == null ? 0 : f.address();
        } finally {
            RuntimeLibC.LIBC.dlclose(handle);
        }
    }

    private static dev.gojack.PatchRefusedException refused(Path library, String why) {
        return Problems.refused("time.Now (FakeClockOption.FIRES_TIMERS)", library, why
                + ". Nothing was changed. Use the fake clock without FIRES_TIMERS (time.Now only).");
    }

    /** True while the runtime calls the stub. */
    boolean installed() {
        return RawAtomics.load(pointer) == stub;
    }

    /** Swaps the pointer to the stub (no-op when already there). */
    void install() {
        if (installed()) {
            return;
        }
        if (!RawAtomics.compareAndSet(pointer, real, stub)) {
            throw refused(library, "runtime.vdsoClockgettimeSym changed while GoJack was swapping it (now 0x"
                    + Long.toHexString(RawAtomics.load(pointer)) + ")");
        }
    }

    /** Puts the vDSO back, allowed only while monotonic time is unshifted. */
    void uninstallIfUnshifted() {
        if (offset(MONOTONIC) == 0 && offset(REALTIME) == 0) {
            RawAtomics.compareAndSet(pointer, stub, real);
        }
    }

    long offset(int clock) {
        return RawAtomics.load(offsets + clock);
    }

    void setOffset(int clock, long nanos) {
        RawAtomics.store(offsets + clock, nanos);
    }

    long pointerAddress() {
        return pointer;
    }
}
