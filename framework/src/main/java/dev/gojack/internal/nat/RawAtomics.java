package dev.gojack.internal.nat;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * Atomic operations on raw addresses, for memory that Go threads read and write concurrently (the fake
 * clock's state). jnr-ffi offers plain loads and stores only, so these go through {@code sun.misc.Unsafe},
 * whose null-object form takes an absolute address.
 */
public final class RawAtomics {
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private RawAtomics() {
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static long getAndAdd(long address, long delta) {
        return UNSAFE.getAndAddLong(null, address, delta);
    }

    public static long getAndSet(long address, long value) {
        return UNSAFE.getAndSetLong(null, address, value);
    }

    /** Atomically replaces {@code expected} by {@code value}; false (and nothing written) if it held something else. */
    public static boolean compareAndSet(long address, long expected, long value) {
        return UNSAFE.compareAndSwapLong(null, address, expected, value);
    }

    public static long load(long address) {
        long v = UNSAFE.getLong(address);
        VarHandle.acquireFence();
        return v;
    }

    /** A store no earlier store may be reordered after, and no later store before. */
    public static void store(long address, long value) {
        VarHandle.releaseFence();
        UNSAFE.putLong(address, value);
        VarHandle.storeStoreFence();
    }
}
