package dev.gojack.internal.patch;

import dev.gojack.internal.nat.Native;

/**
 * Whether a pointer found in Go memory may be followed from Java: reading an unmapped address would kill the
 * JVM (SIGSEGV in Unsafe), so a word that should point at a funcval or an itab is first looked up in
 * {@code /proc/self/maps} as it is now. Go never unmaps heap arenas, so a mapping found here stays readable.
 */
final class ReadableMemory {
    private ReadableMemory() {
    }

    /** True if {@code length} bytes from {@code address} lie in one readable mapping. */
    static boolean contains(long address, long length) {
        if (address == 0 || address + length < address) {
            return false;
        }
        for (LibraryMappings.Mapping m : LibraryMappings.read()) {
            if (Long.compareUnsigned(address, m.start()) >= 0 && Long.compareUnsigned(address + length, m.end()) <= 0) {
                return (m.protection() & Native.PROT_READ) != 0;
            }
        }
        return false;
    }
}
