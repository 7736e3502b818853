package dev.gojack.internal.arch;

import java.util.List;

/**
 * What a spy stub records of each call, and where (issue 20). The stub claims the next call number with one
 * atomic add on {@code counter}, takes slot {@code number & mask} of the ring at {@code ring} ({@code slotSize}
 * bytes each) under the slot's lock word, skips the slot if a later call already filled it, and stores: the
 * call number + 1 at {@link #INDEX}, the goroutine's {@code g} at {@link #GOROUTINE}, the argument registers,
 * {@code stackBytes} of stack-passed arguments, and the bytes of each captured string or byte slice (at most
 * {@code cap}, read in whole aligned words). It then jumps to the address stored in the 8-byte {@code next}.
 */
public record SpyRecording(long counter, long ring, int mask, int slotSize, long next, List<Saved> registers,
                           int stackOffset, int stackBytes, List<Capture> captures) {
    /** The slot's lock word: non-zero while a stub writes the slot. */
    public static final int LOCK = 0;
    /** The call number + 1 of the call the slot holds (0: none yet). */
    public static final int INDEX = 8;
    /** The runtime {@code g} of the calling goroutine. */
    public static final int GOROUTINE = 16;
    /** Bytes of the slot header. */
    public static final int HEADER = 32;

    public SpyRecording {
        registers = List.copyOf(registers);
        captures = List.copyOf(captures);
    }

    /** An argument register and the slot offset it is stored at (8 bytes). */
    public record Saved(AbiAssignment.Register register, int slotOffset) {
    }

    /**
     * A string or byte slice argument: its data pointer and length are already in the slot (at {@code
     * pointerOffset} and {@code lengthOffset}); the aligned words holding its first {@code min(len, cap)} bytes
     * go to {@code bufferOffset}, which has room for {@code cap + 16} bytes.
     */
    public record Capture(int pointerOffset, int lengthOffset, int bufferOffset, int cap) {
    }
}
