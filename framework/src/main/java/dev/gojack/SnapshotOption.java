package dev.gojack;

/** Options of {@link GoLibrary#snapshot(java.util.List, SnapshotOption...)}. */
public enum SnapshotOption {
    /**
     * Also snapshot variables that may hold pointers (Go's linker puts them in {@code .data}/{@code .bss}).
     * Restoring a pointer is only sound when it leads to static data — a string literal, a package-level
     * object — or to an object something else still references: the Go garbage collector may have freed an
     * object that only the old value referenced, and the restored pointer would then dangle.
     */
    ALLOW_POINTERS
}
