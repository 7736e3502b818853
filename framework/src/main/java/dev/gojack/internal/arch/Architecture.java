package dev.gojack.internal.arch;

import java.util.List;

/**
 * Everything GoJack knows about one instruction set: how to put a jump at a Go function entry safely, and
 * how to encode the small frameless stubs patches jump to. One implementation per package;
 * {@link Architectures#forLibrary} picks it.
 */
public interface Architecture {

    String name();

    /** Integer result registers of Go's register ABI, in order. */
    List<String> integerResultRegisters();

    /** Floating-point result registers of Go's register ABI, in order. */
    List<String> floatResultRegisters();

    /**
     * Plans a jump from {@code entry} to {@code destination} (a stub GoJack owns, within branch reach).
     * {@code code} holds the current bytes from {@code entry} up to {@code nextEntry} (the next function's entry);
     * {@code codeEnd} is the end of the function's own code, without padding.
     *
     * @throws IllegalArgumentException with the reason when no plan fits
     */
    EntryJumpPlan planEntryJump(long entry, byte[] code, long codeEnd, long nextEntry, long destination,
                                PaddingSlots padding);

    /** A jump through the 8-byte slot at {@code slot}, to be placed at {@code at}. */
    byte[] indirectJump(long at, long slot);

    /** Loads the func value stored in the variable at {@code variable} into the closure register and jumps to its code. */
    byte[] funcValueJump(long variable);

    /**
     * A function of the platform's C calling convention, without arguments or result, that executes a
     * core-serialising instruction and returns: what the thread that stored code through another address than the
     * one the code runs at (a read-write alias of the page) runs, since {@code membarrier(SYNC_CORE)} serialises
     * only the other cores.
     */
    byte[] serialiseCoreFunction();

    /**
     * A stub that counts its calls in the 8-byte counter at {@code counter} and returns row min(count, rows - 1)
     * of the result table at {@code table} (rows of {@link ResultPlacement#rowSize()} bytes), placed as
     * {@code placement} says: its stack part copied to the caller's result slots, its register words loaded into
     * the result registers. Touches only the result registers and the architecture's scratch registers.
     */
    byte[] resultStub(long counter, long table, int rows, ResultPlacement placement);

    /**
     * A replacement for {@code time.Now}: reads (seconds since year 1, nanoseconds, sleep offset in ns) from the
     * seqlock-guarded state at {@code state} (sequence word at +0, fields at +8, +16, +24) and returns a
     * wall-clock-only {@code time.Time} whose location is read from the {@code *Location} variable at
     * {@code locationVariable}, or nil (UTC) when that is 0.
     */
    byte[] fakeNowStub(long state, long locationVariable);

    /**
     * A replacement for {@code time.Sleep(d)}: atomically adds a positive {@code d} to the sleep offset at
     * state+24, saturating at {@code Long.MAX_VALUE} (never wrapping).
     */
    byte[] fakeSleepStub(long state);

    /** The byte the Go linker fills padding between functions with (never executed). */
    int paddingByte();

    /** Bytes a long jump parked in padding takes; two parked jumps must not overlap. */
    int parkedJumpLength();

    /** Maximum reach of a direct jump from a library's code to a stub, in bytes either way. */
    long branchReach();

    /**
     * How a spy takes over the function at {@code entry} whose first bytes (in the library file) are {@code code}
     * (issue 20).
     *
     * @throws IllegalArgumentException with the reason when the entry is neither a stack check GoJack knows nor
     *                                  instructions it can relocate
     */
    SpyEntry spyEntry(long entry, byte[] code);

    /** The recording stub of a spy: repeats the entry's stack check, records, jumps through the next slot. */
    byte[] spyStub(SpyEntry entry, SpyRecording recording);

    /** Bytes from a spy stub's start to the part after the stack check (where another spy's stub goes on). */
    int spyRecordingOffset(SpyEntry entry, SpyRecording recording);

    /** For an entry without a stack check: its relocated instructions, then a jump back into the function. */
    byte[] spyResume(SpyEntry entry);
}
