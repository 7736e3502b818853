package dev.gojack.internal.nat;

import com.kenai.jffi.MemoryIO;

/**
 * Loads and stores at absolute addresses without a {@link jnr.ffi.Pointer} object per access: for the hot path of
 * Java answers (issue 19), which reads a Go frame's words on every call Go makes. The caller guarantees the
 * addresses are mapped (a stub frame, a Go string's bytes).
 */
public final class RawMemory {
    private static final MemoryIO IO = MemoryIO.getInstance();

    private RawMemory() {
    }

    public static long getLong(long address) {
        return IO.getLong(address);
    }

    public static int getInt(long address) {
        return IO.getInt(address);
    }

    public static short getShort(long address) {
        return IO.getShort(address);
    }

    public static byte getByte(long address) {
        return IO.getByte(address);
    }

    public static void putLong(long address, long value) {
        IO.putLong(address, value);
    }

    /** Copies {@code length} bytes at {@code address} into a new array. */
    public static byte[] bytes(long address, int length) {
        byte[] out = new byte[length];
        if (length > 0) {
            IO.getByteArray(address, out, 0, length);
        }
        return out;
    }
}
