package dev.gojack.internal.nat;

import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;

/**
 * 64-bit accesses at absolute addresses through {@code java.lang.foreign} (final in JDK 22): one memory segment
 * spanning the whole address space, and var handles of {@code ValueLayout.JAVA_LONG} (the atomic read-modify-writes,
 * which need an 8-byte aligned address, as Go's own 64-bit atomics have) and {@code JAVA_LONG_UNALIGNED} (plain loads
 * and stores at any address, like {@code sun.misc.Unsafe.getLong}: GoJack also reads 4-byte Go variables with an
 * 8-byte load), whose coordinates are (segment, offset) — so the offset is the address. All are looked up reflectively, which
 * keeps the framework compiling for Java 17 and avoids a multi-release jar (whose JDK 22 classes the tests, run
 * from {@code target/classes}, would never see). Held in static finals, they are constants to the JIT.
 *
 * <p>{@code MemorySegment.reinterpret} is a restricted method: without {@code --enable-native-access} the JDK
 * prints a warning once, as it does for the native library jnr-ffi loads.
 */
final class ForeignLongs {
    /** Whether this JVM has the final {@code java.lang.foreign} API; before JDK 22 nothing here is used. */
    static final boolean AVAILABLE = Runtime.version().feature() >= 22;

    /** {@code MemorySegment.NULL.reinterpret(Long.MAX_VALUE)}: address 0 up to 2^63 - 1. */
    private static final Object EVERYTHING;
    /** {@code ValueLayout.JAVA_LONG.varHandle()}: (MemorySegment, long offset) → long, aligned. */
    private static final VarHandle LONGS;
    /** {@code ValueLayout.JAVA_LONG_UNALIGNED.varHandle()}: plain get and set only, at any address. */
    private static final VarHandle UNALIGNED_LONGS;

    static {
        Object everything = null;
        VarHandle longs = null;
        VarHandle unaligned = null;
        if (AVAILABLE) {
            try {
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
                everything = segment.getMethod("reinterpret", long.class)
                        .invoke(segment.getField("NULL").get(null), Long.MAX_VALUE);
                longs = (VarHandle) valueLayout.getMethod("varHandle")
                        .invoke(valueLayout.getField("JAVA_LONG").get(null));
                unaligned = (VarHandle) valueLayout.getMethod("varHandle")
                        .invoke(valueLayout.getField("JAVA_LONG_UNALIGNED").get(null));
            } catch (InvocationTargetException e) {
                // e.g. IllegalCallerException when native access is denied (--illegal-native-access=deny)
                throw new ExceptionInInitializerError(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        EVERYTHING = everything;
        LONGS = longs;
        UNALIGNED_LONGS = unaligned;
    }

    private ForeignLongs() {
    }

    static long getAndAdd(long address, long delta) {
        return (long) LONGS.getAndAdd(EVERYTHING, address, delta);
    }

    static long getAndSet(long address, long value) {
        return (long) LONGS.getAndSet(EVERYTHING, address, value);
    }

    static boolean compareAndSet(long address, long expected, long value) {
        return (boolean) LONGS.compareAndSet(EVERYTHING, address, expected, value);
    }

    /** A plain load; the caller fences. */
    static long get(long address) {
        return (long) UNALIGNED_LONGS.get(EVERYTHING, address);
    }

    /** A plain store; the caller fences. */
    static void set(long address, long value) {
        UNALIGNED_LONGS.set(EVERYTHING, address, value);
    }
}
