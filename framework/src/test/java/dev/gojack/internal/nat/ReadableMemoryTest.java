package dev.gojack.internal.nat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads that refuse instead of crashing: unmapped, inaccessible and partly mapped ranges. */
class ReadableMemoryTest {
    @Test
    void readableMemoryIsReadAndTheKernelCheckedCopyIsAvailableHere() {
        jnr.ffi.Pointer buffer = Native.allocate(16);
        buffer.putLong(0, 0x1122334455667788L);
        assertThat(ReadableMemory.readLong(buffer.address())).hasValue(0x1122334455667788L);
        assertThat(ReadableMemory.usesCheckedCopy()).isTrue();
    }

    @Test
    void unmappedInaccessibleAndPartlyMappedRangesAreRefused() {
        long page = Native.pageSize();
        long twoPages = Native.mapSharedMemory("gojack-test", 2 * page);
        try {
            Native.protect(twoPages + page, page, Native.PROT_NONE);
            assertThat(ReadableMemory.read(twoPages, (int) page)).isPresent();
            assertThat(ReadableMemory.isReadable(twoPages, page)).isTrue();
            assertThat(ReadableMemory.read(twoPages + page, 8)).isEmpty();
            assertThat(ReadableMemory.isReadable(twoPages + page - 8, 16)).isFalse();
            assertThat(ReadableMemory.read(twoPages + page - 8, 16)).isEmpty();
            assertThat(ReadableMemory.read(twoPages + page - 8, 1 << 20)).isEmpty();
            assertThat(ReadableMemory.readLong(8)).isEmpty();
            assertThat(ReadableMemory.readLong(-4096)).isEmpty();
        } finally {
            Native.unmap(twoPages, 2 * page);
        }
        assertThat(ReadableMemory.readLong(twoPages)).as("after munmap").isEmpty();
    }

    @Test
    void aMappingMadeAfterTheSnapshotIsFound() {
        long size = 1 << 20;
        ReadableMemory.isReadable(8, 8); // takes a snapshot
        long fresh = Native.mapSharedMemory("gojack-test", size);
        try {
            assertThat(ReadableMemory.isReadable(fresh, size)).isTrue();
            assertThat(ReadableMemory.read(fresh, (int) size)).isPresent();
        } finally {
            Native.unmap(fresh, size);
        }
    }
}
