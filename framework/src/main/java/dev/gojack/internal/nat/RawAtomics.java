package dev.gojack.internal.nat;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * Atomic operations on raw addresses, for memory that Go threads read and write concurrently (the fake
 * clock's state). jnr-ffi offers plain loads and stores only. On JDK 22 and later these go through a
 * {@code java.lang.foreign} var handle over the whole address space ({@link ForeignLongs}); before that through
 * {@code sun.misc.Unsafe}, whose null-object form takes an absolute address, and whose memory access JDK 24+ warns
 * about and a later JDK will refuse. The choice is a constant, made once per JVM. Loads and stores take any
 * address; the read-modify-writes need an 8-byte aligned one on JDK 22+ (IllegalArgumentException otherwise), as
 * every 64-bit atomic word of Go on amd64 is.
 */
public final class RawAtomics {
    /** JDK 22+: {@link ForeignLongs}; before: {@link UnsafeLongs}, never initialised on JDK 22+. */
    private static final boolean FOREIGN = ForeignLongs.AVAILABLE;

    private RawAtomics() {
    }

    /** Which implementation this JVM uses: {@code "java.lang.foreign"} or {@code "sun.misc.Unsafe"}. */
    public static String implementation() {
        return FOREIGN ? "java.lang.foreign" : "sun.misc.Unsafe";
    }

    public static long getAndAdd(long address, long delta) {
        if (FOREIGN) {
            return ForeignLongs.getAndAdd(address, delta);
        }
        return UnsafeLongs.UNSAFE.getAndAddLong(null, address, delta);
    }

    public static long getAndSet(long address, long value) {
        if (FOREIGN) {
            return ForeignLongs.getAndSet(address, value);
        }
        return UnsafeLongs.UNSAFE.getAndSetLong(null, address, value);
    }

    /** Atomically replaces {@code expected} by {@code value}; false (and nothing written) if it held something else. */
    public static boolean compareAndSet(long address, long expected, long value) {
        if (FOREIGN) {
            return ForeignLongs.compareAndSet(address, expected, value);
        }
        return UnsafeLongs.UNSAFE.compareAndSwapLong(null, address, expected, value);
    }

    /**
     * A load no later load or store may be reordered before. Any address: like {@code Unsafe.getLong}, a plain
     * 8-byte load (single-copy atomic when 8-byte aligned) followed by an acquire fence.
     */
    public static long load(long address) {
        long v = FOREIGN ? ForeignLongs.get(address) : UnsafeLongs.UNSAFE.getLong(address);
        VarHandle.acquireFence();
        return v;
    }

    /**
     * The {@code length} bytes at {@code address}, read as the naturally aligned 8-byte words that cover them: such a
     * word never crosses a page, and each holds a byte of the range, so no word read lies outside the pages the
     * range is on. (A jnr-ffi array read is a JNI call, several times the cost for the few bytes of an entry.)
     */
    public static byte[] bytes(long address, int length) {
        byte[] out = new byte[length];
        long end = address + length;
        for (long word = address & -8L; word < end; word += 8) {
            long v = FOREIGN ? ForeignLongs.get(word) : UnsafeLongs.UNSAFE.getLong(word);
            for (int i = 0; i < 8; i++) {
                long at = word + i;
                if (at >= address && at < end) {
                    out[(int) (at - address)] = (byte) (v >>> (8 * i)); // little-endian, as amd64 and arm64 are
                }
            }
        }
        VarHandle.acquireFence();
        return out;
    }

    /** A store no earlier store may be reordered after, and no later store before. Any address, as {@link #load}. */
    public static void store(long address, long value) {
        VarHandle.releaseFence();
        if (FOREIGN) {
            ForeignLongs.set(address, value);
        } else {
            UnsafeLongs.UNSAFE.putLong(address, value);
        }
        VarHandle.storeStoreFence();
    }

    /** Holds {@code theUnsafe}; initialised (and so touched) only when no foreign implementation exists. */
    private static final class UnsafeLongs {
        static final sun.misc.Unsafe UNSAFE = unsafe();

        private static sun.misc.Unsafe unsafe() {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                return (sun.misc.Unsafe) f.get(null);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
