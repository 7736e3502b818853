package dev.gojack.internal.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The fake clock's atomics on native memory, on whichever implementation this JDK gets: java.lang.foreign from JDK
 * 22 (so JDK 24+ has no sun.misc.Unsafe warning to print about GoJack), sun.misc.Unsafe before. CI runs this class
 * on JDK 17 and on JDK 25, the latter with sun.misc.Unsafe memory access denied.
 */
class RawAtomicsTest {
    /** Eight longs of malloc'ed (16-byte aligned) native memory, freed with this object. */
    private final Pointer memory = jnr.ffi.Runtime.getSystemRuntime().getMemoryManager().allocateDirect(64, true);
    private final long base = memory.address();

    @Test
    void jdk22AndLaterUseJavaLangForeignAndOlderJdksUseUnsafe() {
        assertThat(RawAtomics.implementation())
                .isEqualTo(Runtime.version().feature() >= 22 ? "java.lang.foreign" : "sun.misc.Unsafe");
    }

    @Test
    void bytesReadAsAlignedWordsAreTheBytesJnrReadsAtEveryOffsetAndLength() {
        for (int i = 0; i < 64; i++) {
            memory.putByte(i, (byte) (i * 37 + 11));
        }
        for (int offset = 8; offset < 40; offset++) {
            for (int length = 0; offset + length <= 56; length++) {
                byte[] jnr = new byte[length];
                memory.get(offset, jnr, 0, length);
                assertThat(RawAtomics.bytes(base + offset, length)).as("offset %d, length %d", offset, length)
                        .isEqualTo(jnr);
            }
        }
    }

    @Test
    void storesAreSeenByLoadsAndByJnrAtTheSameAddress() {
        RawAtomics.store(base + 8, 0x1122_3344_5566_7788L);
        RawAtomics.store(base + 16, -1);
        assertThat(RawAtomics.load(base + 8)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(memory.getLong(8)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(memory.getLong(16)).isEqualTo(-1);
        assertThat(memory.getLong(0)).as("neighbour below").isZero();
        assertThat(memory.getLong(24)).as("neighbour above").isZero();

        memory.putLong(32, 99);
        assertThat(RawAtomics.load(base + 32)).isEqualTo(99);
    }

    @Test
    void loadsAndStoresWorkAtAddressesThatAreNotEightByteAligned() {
        // GoJack reads 4-byte Go variables (runtime.netpollInited) with an 8-byte load, at a 4-aligned address.
        RawAtomics.store(base + 4, 0x0102_0304_0506_0708L);
        assertThat(memory.getInt(4)).isEqualTo(0x0506_0708);
        assertThat(memory.getInt(8)).isEqualTo(0x0102_0304);
        assertThat(RawAtomics.load(base + 4)).isEqualTo(0x0102_0304_0506_0708L);
        memory.putInt(12, 7);
        assertThat((int) RawAtomics.load(base + 12)).isEqualTo(7);
    }

    @Test
    void getAndAddAndGetAndSetReturnThePreviousValue() {
        RawAtomics.store(base, 40);
        assertThat(RawAtomics.getAndAdd(base, 2)).isEqualTo(40);
        assertThat(RawAtomics.getAndAdd(base, -50)).isEqualTo(42);
        assertThat(memory.getLong(0)).isEqualTo(-8);
        assertThat(RawAtomics.getAndSet(base, 7)).isEqualTo(-8);
        assertThat(RawAtomics.getAndSet(base, 0)).isEqualTo(7);
        assertThat(memory.getLong(0)).isZero();
    }

    @Test
    void compareAndSetWritesOnlyOverTheExpectedValue() {
        RawAtomics.store(base + 48, 5);
        assertThat(RawAtomics.compareAndSet(base + 48, 4, 9)).isFalse();
        assertThat(memory.getLong(48)).isEqualTo(5);
        assertThat(RawAtomics.compareAndSet(base + 48, 5, 9)).isTrue();
        assertThat(memory.getLong(48)).isEqualTo(9);
    }

    @Test
    void concurrentGetAndAddLosesNoUpdate() throws InterruptedException {
        int threads = 4;
        int each = 200_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    RawAtomics.getAndAdd(base + 40, 1);
                }
            });
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        assertThat(RawAtomics.load(base + 40)).isEqualTo((long) threads * each);
    }
}
