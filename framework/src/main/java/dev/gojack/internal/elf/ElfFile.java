package dev.gojack.internal.elf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a little-endian ELF64 file: section and program headers, symbol tables and
 * RELATIVE relocations. Reads a mapped file; never runs any of it.
 */
public final class ElfFile {
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    private static final int R_X86_64_RELATIVE = 8;
    private static final int R_AARCH64_RELATIVE = 1027;
    private static final int MAX_SECTIONS = 65_535;
    private static final int MAX_SEGMENTS = 4_096;

    private final ByteView bytes;
    private final int machine;
    private final int type;
    private final List<ElfSection> sections;
    private final List<ElfSegment> loadSegments;
    private List<ElfSymbol> symbols;
    private List<ElfSymbol> dynamicSymbols;
    private long[] relocationOffsets;
    private long[] relocationAddends;

    private ElfFile(ByteView bytes) {
        this.bytes = bytes;
        if (bytes.size() < 64 || bytes.u32(0) != 0x464c457fL) {
            throw new NotElfException("it does not start with the ELF magic bytes 7f 45 4c 46");
        }
        if (bytes.u8(4) != 2) {
            throw new UnsupportedElfException("it is a 32-bit ELF file; only ELF64 is supported");
        }
        if (bytes.u8(5) != 1) {
            throw new UnsupportedElfException("it is a big-endian ELF file; only little-endian is supported");
        }
        this.type = bytes.u16(16);
        this.machine = bytes.u16(18);
        this.sections = readSections();
        this.loadSegments = readSegments();
    }

    /** Maps and parses {@code path}. */
    public static ElfFile open(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new UnsupportedElfException("it is larger than 2 GiB");
            }
            return new ElfFile(new ByteView(channel.map(FileChannel.MapMode.READ_ONLY, 0, size)));
        }
    }

    /** Parses ELF bytes already in memory (tests, fuzzing). */
    public static ElfFile of(byte[] content) {
        return new ElfFile(new ByteView(java.nio.ByteBuffer.wrap(content)));
    }

    public ByteView bytes() {
        return bytes;
    }

    public int machine() {
        return machine;
    }

    /** ET_DYN (3) for shared libraries. */
    public int type() {
        return type;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public Optional<ElfSection> section(String name) {
        for (ElfSection s : sections) { // a loop, not a stream: this runs while a fresh JVM opens the file
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public List<ElfSegment> loadSegments() {
        return loadSegments;
    }

    private List<ElfSection> readSections() {
        long shoff = bytes.u64(0x28);
        int shentsize = bytes.u16(0x3a);
        int shnum = bytes.u16(0x3c);
        int shstrndx = bytes.u16(0x3e);
        if (shnum == 0) {
            return List.of();
        }
        if (shentsize < 64 || shnum > MAX_SECTIONS || !bytes.contains(shoff, (long) shentsize * shnum)) {
            throw new MalformedInputException("section header table (offset 0x" + Long.toHexString(shoff)
                    + ", " + shnum + " entries of " + shentsize + " bytes) lies outside the file");
        }
        if (shstrndx >= shnum) {
            throw new MalformedInputException("section name table index " + shstrndx + " >= " + shnum);
        }
        long namesOffset = bytes.u64(shoff + (long) shstrndx * shentsize + 0x18);
        long namesSize = bytes.u64(shoff + (long) shstrndx * shentsize + 0x20);
        List<ElfSection> result = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long h = shoff + (long) i * shentsize;
            long nameOffset = bytes.u32(h);
            String name = nameOffset < namesSize ? bytes.cString(namesOffset + nameOffset, 256) : "";
            result.add(new ElfSection(name, (int) bytes.u32(h + 4), bytes.u64(h + 8), bytes.u64(h + 0x10),
                    bytes.u64(h + 0x18), bytes.u64(h + 0x20), (int) bytes.u32(h + 0x28), bytes.u64(h + 0x38)));
        }
        return List.copyOf(result);
    }

    private List<ElfSegment> readSegments() {
        long phoff = bytes.u64(0x20);
        int phentsize = bytes.u16(0x36);
        int phnum = bytes.u16(0x38);
        if (phnum == 0) {
            return List.of();
        }
        if (phentsize < 56 || phnum > MAX_SEGMENTS || !bytes.contains(phoff, (long) phentsize * phnum)) {
            throw new MalformedInputException("program header table lies outside the file");
        }
        List<ElfSegment> result = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            long h = phoff + (long) i * phentsize;
            int ptype = (int) bytes.u32(h);
            if (ptype == ElfSegment.PT_LOAD) {
                result.add(new ElfSegment(ptype, (int) bytes.u32(h + 4), bytes.u64(h + 8), bytes.u64(h + 0x10),
                        bytes.u64(h + 0x20), bytes.u64(h + 0x28)));
            }
        }
        return List.copyOf(result);
    }

    /** {@code .symtab}, empty when the file is stripped. */
    public synchronized List<ElfSymbol> symbols() {
        if (symbols == null) {
            symbols = readSymbols(".symtab");
        }
        return symbols;
    }

    /** {@code .dynsym}: exported functions and the dynamic linker's view. */
    public synchronized List<ElfSymbol> dynamicSymbols() {
        if (dynamicSymbols == null) {
            dynamicSymbols = readSymbols(".dynsym");
        }
        return dynamicSymbols;
    }

    private List<ElfSymbol> readSymbols(String sectionName) {
        Optional<ElfSection> table = section(sectionName);
        if (table.isEmpty()) {
            return List.of();
        }
        ElfSection symtab = table.get();
        if (symtab.link() < 0 || symtab.link() >= sections.size()) {
            throw new MalformedInputException(sectionName + " links to missing string table " + symtab.link());
        }
        ElfSection strtab = sections.get(symtab.link());
        long count = symtab.size() / 24;
        if (!bytes.contains(symtab.offset(), count * 24) || !bytes.contains(strtab.offset(), strtab.size())) {
            throw new MalformedInputException(sectionName + " lies outside the file");
        }
        List<ElfSymbol> result = new ArrayList<>((int) count);
        for (long i = 1; i < count; i++) {
            long e = symtab.offset() + i * 24;
            long nameOffset = bytes.u32(e);
            int info = bytes.u8(e + 4);
            int shndx = bytes.u16(e + 6);
            String name = nameOffset < strtab.size()
                    ? bytes.cString(strtab.offset() + nameOffset, (int) Math.min(64 * 1024, strtab.size() - nameOffset))
                    : "";
            result.add(new ElfSymbol(name, bytes.u64(e + 8), bytes.u64(e + 16), info & 0xf, info >> 4, shndx));
        }
        return List.copyOf(result);
    }

    /**
     * RELATIVE relocations: the addresses they patch (sorted) and the values the dynamic linker writes there
     * (base + addend). On aarch64 the file holds no useful value at those addresses, so pointers in data are read
     * through {@link #pointerAt(long)}. Kept as two primitive arrays: a large library has tens of thousands.
     */
    private synchronized void loadRelocations() {
        if (relocationOffsets != null) {
            return;
        }
        int relative = machine == EM_AARCH64 ? R_AARCH64_RELATIVE : R_X86_64_RELATIVE;
        int count = 0;
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_RELA && bytes.contains(s.offset(), s.size())) {
                count += (int) Math.min(Integer.MAX_VALUE / 2, s.size() / 24);
            }
        }
        long[] offsets = new long[count];
        long[] addends = new long[count];
        int n = 0;
        boolean sorted = true;
        for (ElfSection s : sections) {
            if (s.type() != ElfSection.SHT_RELA || !bytes.contains(s.offset(), s.size())) {
                continue;
            }
            for (long e = s.offset(); e + 24 <= s.offset() + s.size() && n < count; e += 24) {
                if ((bytes.u64(e + 8) & 0xffffffffL) == relative) {
                    offsets[n] = bytes.u64(e);
                    addends[n] = bytes.u64(e + 16);
                    sorted &= n == 0 || offsets[n - 1] <= offsets[n];
                    n++;
                }
            }
        }
        offsets = Arrays.copyOf(offsets, n);
        addends = Arrays.copyOf(addends, n);
        if (!sorted) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            long[] o = offsets;
            Arrays.sort(order, (a, b) -> Long.compareUnsigned(o[a], o[b]));
            long[] so = new long[n];
            long[] sa = new long[n];
            for (int i = 0; i < n; i++) {
                so[i] = offsets[order[i]];
                sa[i] = addends[order[i]];
            }
            offsets = so;
            addends = sa;
        }
        relocationAddends = addends;
        relocationOffsets = offsets;
    }

    /** Addresses whose RELATIVE relocation writes {@code base + addend}, in address order. */
    public List<Long> relocatedAddressesPointingTo(long addend) {
        loadRelocations();
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < relocationAddends.length; i++) {
            if (relocationAddends[i] == addend) {
                result.add(relocationOffsets[i]);
            }
        }
        return result;
    }

    /** Every RELATIVE relocation, address to addend (a copy; for inspection and tests). */
    public Map<Long, Long> relativeRelocations() {
        Map<Long, Long> map = new java.util.LinkedHashMap<>();
        forEachRelocation(map::put);
        return map;
    }

    /** Every RELATIVE relocation as (address, addend), in address order. */
    public void forEachRelocation(java.util.function.BiConsumer<Long, Long> visitor) {
        loadRelocations();
        for (int i = 0; i < relocationOffsets.length; i++) {
            visitor.accept(relocationOffsets[i], relocationAddends[i]);
        }
    }

    /** The first symbol of {@code .symtab} named {@code name}, found without decoding the other names. */
    public Optional<ElfSymbol> symbolNamed(String name) {
        if (symbols != null) {
            for (ElfSymbol s : symbols) {
                if (s.name().equals(name)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
        Optional<ElfSection> table = section(".symtab");
        if (table.isEmpty() || table.get().link() < 0 || table.get().link() >= sections.size()) {
            return Optional.empty();
        }
        ElfSection symtab = table.get();
        ElfSection strtab = sections.get(symtab.link());
        byte[] wanted = (name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long count = symtab.size() / 24;
        if (!bytes.contains(symtab.offset(), count * 24) || !bytes.contains(strtab.offset(), strtab.size())) {
            throw new MalformedInputException(".symtab lies outside the file");
        }
        outer:
        for (long i = 1; i < count; i++) {
            long e = symtab.offset() + i * 24;
            long nameOffset = bytes.u32(e);
            if (nameOffset + wanted.length > strtab.size()) {
                continue;
            }
            long at = strtab.offset() + nameOffset;
            for (int k = 0; k < wanted.length; k++) {
                if (bytes.u8(at + k) != (wanted[k] & 0xff)) {
                    continue outer;
                }
            }
            int info = bytes.u8(e + 4);
            return Optional.of(new ElfSymbol(name, bytes.u64(e + 8), bytes.u64(e + 16), info & 0xf, info >> 4,
                    bytes.u16(e + 6)));
        }
        return Optional.empty();
    }

    /** Sizes of the defined function symbols of {@code .symtab} by address (largest wins), names not decoded. */
    public Map<Long, Long> functionSymbolSizes() {
        Map<Long, Long> sizes = new HashMap<>();
        Optional<ElfSection> table = section(".symtab");
        if (table.isEmpty()) {
            return sizes;
        }
        ElfSection symtab = table.get();
        long count = symtab.size() / 24;
        if (!bytes.contains(symtab.offset(), count * 24)) {
            throw new MalformedInputException(".symtab lies outside the file");
        }
        for (long i = 1; i < count; i++) {
            long e = symtab.offset() + i * 24;
            if ((bytes.u8(e + 4) & 0xf) == ElfSymbol.STT_FUNC && bytes.u16(e + 6) != 0) {
                sizes.merge(bytes.u64(e + 8), bytes.u64(e + 16), Math::max);
            }
        }
        return sizes;
    }

    /** File offset holding the byte at virtual address {@code vaddr}, or -1 if it is not backed by the file. */
    public long fileOffset(long vaddr) {
        for (ElfSegment s : loadSegments) {
            if (vaddr >= s.vaddr() && vaddr - s.vaddr() < s.fileSize()) {
                return s.offset() + (vaddr - s.vaddr());
            }
        }
        return -1;
    }

    private long requireOffset(long vaddr, int length) {
        long offset = fileOffset(vaddr);
        if (offset < 0 || fileOffset(vaddr + length - 1) != offset + length - 1) {
            throw new MalformedInputException("virtual address 0x" + Long.toHexString(vaddr)
                    + " is not backed by the file");
        }
        return offset;
    }

    public byte[] bytesAt(long vaddr, int length) {
        return bytes.bytes(requireOffset(vaddr, Math.max(length, 1)), length);
    }

    public long u64At(long vaddr) {
        return bytes.u64(requireOffset(vaddr, 8));
    }

    public long u32At(long vaddr) {
        return bytes.u32(requireOffset(vaddr, 4));
    }

    public int u8At(long vaddr) {
        return bytes.u8(requireOffset(vaddr, 1));
    }

    /** A pointer-sized word as the dynamic linker leaves it, relative to a zero load base. */
    public long pointerAt(long vaddr) {
        loadRelocations();
        int i = Arrays.binarySearch(relocationOffsets, vaddr);
        if (i >= 0) {
            return relocationAddends[i];
        }
        long offset = fileOffset(vaddr);
        return offset < 0 ? 0 : bytes.u64(requireOffset(vaddr, 8));
    }

    public boolean isExecutableAddress(long vaddr) {
        return loadSegments.stream().anyMatch(s -> s.isExecutable() && s.containsAddress(vaddr));
    }
}
