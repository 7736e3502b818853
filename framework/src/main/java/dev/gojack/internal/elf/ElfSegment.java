package dev.gojack.internal.elf;

/** One PT_LOAD program header: how a file range is mapped into memory. */
public record ElfSegment(int type, int flags, long offset, long vaddr, long fileSize, long memorySize) {
    public static final int PT_LOAD = 1;
    public static final int PF_X = 1;
    public static final int PF_W = 2;

    public boolean containsAddress(long address) {
        return address >= vaddr && address - vaddr < memorySize;
    }

    public boolean isExecutable() {
        return (flags & PF_X) != 0;
    }
}
