package dev.gojack.internal.elf;

/** One section header: where a named section lives in the file and in memory. */
public record ElfSection(String name, int type, long flags, long address, long offset, long size, int link,
                         long entrySize) {
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_RELA = 4;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final long SHF_WRITE = 1;
    public static final long SHF_EXECINSTR = 4;

    public boolean containsAddress(long vaddr) {
        return address != 0 && vaddr >= address && vaddr - address < size;
    }
}
