package dev.gojack.internal.nat;

/** Linux system call numbers GoJack uses, per host architecture (they differ between amd64 and arm64). */
record Syscalls(long mmap, long mprotect, long munmap, long close, long ftruncate, long memfdCreate,
                long membarrier, long getpid, long gettid, long processVmReadv) {
    private static final Syscalls AMD64 = new Syscalls(9, 10, 11, 3, 77, 319, 324, 39, 186, 310);
    private static final Syscalls ARM64 = new Syscalls(222, 226, 215, 57, 46, 279, 283, 172, 178, 270);

    /** The numbers for a host architecture as Go names it ({@code amd64}, {@code arm64}). */
    static Syscalls forHost(String goArch) {
        return goArch.equals("arm64") ? ARM64 : AMD64;
    }
}
