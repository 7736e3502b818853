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

    /** Sets the result registers and returns to the caller; touches nothing else. */
    byte[] returnStub(List<RegisterValue> results);

    /**
     * A stub that counts its calls in the 8-byte counter at {@code counter} and returns row min(count, rows - 1)
     * of the result table at {@code table} ({@code stride} bytes a row): result {@code i} is loaded from offset
     * {@code 8 * i} of the row into the register {@code results.get(i)} names.
     */
    byte[] sequenceStub(long counter, long table, int rows, int stride, List<RegisterValue> results);

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
}
