package dev.gojack.internal.patch;

import dev.gojack.PatchRefusedException;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.nat.ThreadPositions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stub memory allocator on its own, with a reach small enough to run out (no Go library involved). */
class NearMemoryTest {
    private static final Path LIBRARY = Path.of("/nowhere/libtest.so");
    /** 18 MiB of reach from a 16 MiB-aligned anchor leaves room for exactly two 1 MiB chunks of code. */
    private static final long REACH = 18L << 20;

    /** An anchor in a part of the address space nothing else uses, different per test. */
    private static long anchor(int n) {
        return 0x3000_0000_0000L + n * (1L << 32);
    }

    @Test
    void runningOutOfAddressSpaceNearTheLibraryIsAPatchRefusalThatSaysWhatToDo() {
        NearMemory memory = new NearMemory(anchor(1), REACH, LIBRARY);
        byte[] code = new byte[1000];
        List<StubMemory> live = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                StubMemory stub = memory.newStub();
                stub.code(code);
                live.add(stub);
            }
        }).isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining(LIBRARY.toString())
                .hasMessageContaining("no free address range is left within 18 MiB")
                .hasMessageContaining("belong to open patches")
                .hasMessageContaining("Close patches you no longer need");
        assertThat(live).hasSize(2 * 1024); // two chunks of 1024-byte blocks
    }

    /** Two threads besides this one: 101 blocked at {@code pc[0]}, 102 at {@code pc[1]} (or RUNNING / GONE). */
    private static StubGrace.Threads threads(long[] pc) {
        return new StubGrace.Threads() {
            @Override
            public List<Integer> all() {
                return List.of(100, 101, 102);
            }

            @Override
            public long position(int tid) {
                return pc[tid - 101];
            }

            @Override
            public int self() {
                return 100;
            }
        };
    }

    /** Fills the two chunks with live stubs, closes the first {@code closed}; returns every address used. */
    private static Set<Long> fill(NearMemory memory, int closed) {
        Set<Long> addresses = new HashSet<>();
        List<StubMemory> live = new ArrayList<>();
        for (int i = 0; i < 2 * 1024; i++) {
            StubMemory stub = memory.newStub();
            addresses.add(stub.code(new byte[1000]));
            live.add(stub);
        }
        live.subList(0, closed).forEach(StubMemory::close);
        return addresses;
    }

    @Test
    void closedStubsAreReusedOnceEveryThreadWasSeenBlockedOutsideStubCode() {
        long[] pc = {0x1000, 0x2000};
        NearMemory memory = new NearMemory(anchor(6), REACH, LIBRARY, threads(pc));
        Set<Long> first = fill(memory, 100);
        // The address space is full: these can only come from the 100 closed stubs.
        for (int i = 0; i < 100; i++) {
            assertThat(first).contains(memory.newStub().code(new byte[1000]));
        }
        assertThat(memory.usage().reusedBlocks()).isEqualTo(100);
        assertThat(memory.usage().liveStubs()).isEqualTo(2 * 1024);
    }

    @Test
    void aThreadSeenOnlyRunningOrBlockedInsideStubCodeHoldsReuseBack() {
        long[] pc = {0x1000, ThreadPositions.RUNNING};
        NearMemory memory = new NearMemory(anchor(7), REACH, LIBRARY, threads(pc));
        Set<Long> first = fill(memory, 10);
        assertThatThrownBy(() -> memory.newStub().code(new byte[1000])).isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("10 closed one(s) wait until no thread can be inside them");
        pc[1] = first.iterator().next() + 16; // now blocked (a page fault, say) inside stub code
        assertThatThrownBy(() -> memory.newStub().code(new byte[1000])).isInstanceOf(PatchRefusedException.class);
        pc[1] = ThreadPositions.GONE; // it exited
        assertThat(first).contains(memory.newStub().code(new byte[1000]));
    }

    @Test
    void closedStubsAreReusedWithTheRealThreadsOfThisJvm() {
        NearMemory memory = new NearMemory(anchor(2), REACH, LIBRARY);
        byte[] code = new byte[1000];
        Set<Long> first = new HashSet<>();
        List<StubMemory> live = new ArrayList<>();
        for (int i = 0; i < 2 * 1024; i++) {
            StubMemory stub = memory.newStub();
            first.add(stub.code(code));
            live.add(stub);
        }
        live.subList(0, 100).forEach(StubMemory::close);
        // The address space is full: this can only come from a closed stub, once every real thread of this JVM was
        // seen blocked outside stub code (a JIT compiler thread busy right after start-up can take a while).
        long deadline = System.nanoTime() + 60_000_000_000L;
        Long reused = null;
        while (reused == null) {
            try {
                reused = memory.newStub().code(code);
            } catch (PatchRefusedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
        assertThat(first).contains(reused);
    }

    @Test
    void aStubStaysWhileAPatchRetainsItAndIsRetiredWhenTheLastOneReleasesIt() {
        NearMemory memory = new NearMemory(anchor(3), REACH, LIBRARY);
        StubMemory stub = memory.newStub();
        long code = stub.code(new byte[] {(byte) 0xc3});
        memory.retain(code);
        stub.close();
        assertThat(memory.usage().liveStubs()).isEqualTo(1);
        memory.release(code);
        assertThat(memory.usage().liveStubs()).isZero();
        assertThat(memory.usage().waitingStubs()).isEqualTo(1);
    }

    @Test
    void stubDataOfAnySizeTheProcessCanMapWorksAndMoreIsRefusedNamingTheSize() {
        NearMemory memory = new NearMemory(anchor(4), REACH, LIBRARY);
        StubMemory stub = memory.newStub();
        long big = stub.data(3L << 20);
        Native.memory(big).putLong((3L << 20) - 8, 42);
        assertThat(Native.memory(big).getLong((3L << 20) - 8)).isEqualTo(42);
        assertThat(Native.memory(big).getLong(0)).isZero();
        assertThatThrownBy(() -> stub.data(1L << 50))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining(String.valueOf(1L << 50)).hasMessageContaining("mmap failed");
        assertThatThrownBy(() -> memory.newStub().code(new byte[2 << 20]))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("the limit is " + NearMemory.MAX_CODE + " bytes");
    }

    @Test
    void equalConstantsShareOneCopy() {
        NearMemory memory = new NearMemory(anchor(5), REACH, LIBRARY);
        long a = memory.constant("grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(memory.constant("grüße".getBytes(StandardCharsets.UTF_8))).isEqualTo(a);
        assertThat(memory.constant("grüsse".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(a);
        assertThat(NearMemory.sizeClass(1)).isEqualTo(16);
        assertThat(NearMemory.sizeClass(257)).isEqualTo(512);
        assertThat(NearMemory.sizeClass(1 << 20)).isEqualTo(1 << 20);
    }
}
