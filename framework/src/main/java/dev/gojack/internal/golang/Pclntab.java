package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ByteView;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.elf.ElfSymbol;
import dev.gojack.internal.elf.MalformedInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Go function table (pclntab) of a file: every function's name, entry, argument size, funcID and
 * the offsets of its pc-value tables. Formats 1.18 ({@code 0xfffffff0}) and 1.20+ ({@code 0xfffffff1}).
 * Found through {@code runtime.pclntab} in {@code .symtab} or, in a stripped file, by scanning for the
 * header's magic and checking that the header describes a plausible table.
 */
public final class Pclntab {
    public static final long MAGIC_118 = 0xfffffff0L;
    public static final long MAGIC_120 = 0xfffffff1L;
    private static final int MAX_FUNCTIONS = 4_000_000;
    private static final int MAX_NAME = 64 * 1024;

    private final ByteView bytes;
    private final long headerOffset;
    private final long headerAddress;
    private final long magic;
    private final int pcQuantum;
    private final long textStart;
    private final long funcnameOffset;
    /** The function name table copied out once: scanning an array is far cheaper than a read call per byte. */
    private final byte[] names;
    private final long pctabOffset;
    private final long pclnOffset;
    private final List<FuncRecord> functions;

    private Pclntab(ElfFile elf, long headerAddress) {
        this.bytes = elf.bytes();
        this.headerAddress = headerAddress;
        this.headerOffset = elf.fileOffset(headerAddress);
        if (headerOffset < 0) {
            throw new MalformedInputException("pclntab address 0x" + Long.toHexString(headerAddress) + " is not in the file");
        }
        this.magic = bytes.u32(headerOffset);
        this.pcQuantum = bytes.u8(headerOffset + 6);
        int ptrSize = bytes.u8(headerOffset + 7);
        if (ptrSize != 8 || (pcQuantum != 1 && pcQuantum != 4)) {
            throw new MalformedInputException("pclntab header has pointer size " + ptrSize + " and pc quantum " + pcQuantum);
        }
        long nfunc = bytes.u64(headerOffset + 8);
        if (nfunc <= 0 || nfunc > MAX_FUNCTIONS) {
            throw new MalformedInputException("pclntab claims " + nfunc + " functions");
        }
        this.funcnameOffset = headerOffset + bytes.u64(headerOffset + 32);
        this.names = nameTable(bytes, funcnameOffset, headerOffset + bytes.u64(headerOffset + 40));
        this.textStart = textStart(elf, headerAddress, headerAddress + bytes.u64(headerOffset + 32));
        this.pctabOffset = headerOffset + bytes.u64(headerOffset + 56);
        this.pclnOffset = headerOffset + bytes.u64(headerOffset + 64);
        this.functions = readFunctions((int) nfunc);
    }

    /** Locates and parses the pclntab of {@code elf}, or empty if the file has none. */
    public static Optional<Pclntab> find(ElfFile elf) {
        Optional<ElfSymbol> symbol = elf.symbolNamed("runtime.pclntab");
        if (symbol.isPresent() && symbol.get().isDefined()) {
            return Optional.of(new Pclntab(elf, symbol.get().value()));
        }
        Optional<ElfSection> gopclntab = elf.section(".gopclntab");
        if (gopclntab.isPresent()) {
            return Optional.of(new Pclntab(elf, gopclntab.get().address()));
        }
        return scan(elf);
    }

    private static Optional<Pclntab> scan(ElfFile elf) {
        ByteView bytes = elf.bytes();
        for (ElfSection section : elf.sections()) {
            if (section.type() == ElfSection.SHT_NOBITS || section.address() == 0
                    || (section.flags() & ElfSection.SHF_EXECINSTR) != 0
                    || !bytes.contains(section.offset(), section.size())) {
                continue;
            }
            long from = section.offset();
            long to = section.offset() + section.size();
            for (byte magicByte : new byte[] {(byte) 0xf1, (byte) 0xf0}) {
                for (int quantum : new int[] {1, 4}) {
                    byte[] pattern = {magicByte, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, (byte) quantum, 8};
                    long at = from;
                    while ((at = bytes.indexOf(pattern, at, to, 8)) >= 0) {
                        long address = section.address() + (at - section.offset());
                        try {
                            Pclntab candidate = new Pclntab(elf, address);
                            if (elf.isExecutableAddress(candidate.textStart)) {
                                return Optional.of(candidate);
                            }
                        } catch (MalformedInputException notThisOne) {
                            // A byte pattern that happens to look like the magic: keep scanning.
                        }
                        at += 8;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The header's own textStart, or, where the linker left it zero (Go 1.26 puts the header in a read-only
     * section with no relocation), moduledata.text — the runtime reads the latter.
     */
    private static long textStart(ElfFile elf, long headerAddress, long namesAddress) {
        long inHeader = elf.pointerAt(headerAddress + 24);
        if (inHeader != 0) {
            return inHeader;
        }
        long moduledata = ModuleData.locate(elf, headerAddress, namesAddress);
        if (moduledata < 0) {
            throw new MalformedInputException("pclntab has no text start and no moduledata points to it");
        }
        return elf.pointerAt(moduledata + ModuleData.TEXT_OFFSET);
    }

    private List<FuncRecord> readFunctions(int nfunc) {
        boolean go120 = magic == MAGIC_120;
        if (!go120 && magic != MAGIC_118) {
            throw new MalformedInputException("unsupported pclntab magic 0x" + Long.toHexString(magic));
        }
        int fixed = go120 ? 44 : 40;
        int funcIdAt = go120 ? 40 : 36;
        List<FuncRecord> result = new ArrayList<>(nfunc);
        if (!bytes.contains(pclnOffset, (long) (nfunc + 1) * 8)) {
            throw new MalformedInputException("pclntab function table lies outside the file");
        }
        long previous = -1;
        for (int i = 0; i < nfunc; i++) {
            long ft = pclnOffset + (long) i * 8;
            long entryOff = bytes.u32(ft);
            long funcOff = bytes.u32(ft + 4);
            long nextEntryOff = bytes.u32(ft + 8);
            if (entryOff < previous || nextEntryOff < entryOff) {
                throw new MalformedInputException("pclntab function table is not sorted at entry " + i);
            }
            previous = entryOff;
            long f = pclnOffset + funcOff;
            if (!bytes.contains(f, fixed)) {
                throw new MalformedInputException("_func record " + i + " lies outside the file");
            }
            long nameOff = bytes.u32(f + 4);
            String name = nameFromTable(nameOff);
            int npcdata = (int) Math.min(bytes.u32(f + 28), 1 << 16);
            result.add(new FuncRecord(i, name, textStart + entryOff, textStart + nextEntryOff, bytes.i32(f + 8),
                    bytes.u8(f + funcIdAt), bytes.u8(f + funcIdAt + 1), f, npcdata, bytes.u8(f + funcIdAt + 3),
                    bytes.u32(f + 16)));
        }
        return List.copyOf(result);
    }

    /** The function name table (up to the cu table that follows it), or an empty array if it looks wrong. */
    private static byte[] nameTable(ByteView bytes, long start, long end) {
        long length = end - start;
        if (length <= 0 || length > Integer.MAX_VALUE - 16 || !bytes.contains(start, length)) {
            return new byte[0]; // names are then read one by one, with bounds checks, from the file
        }
        return bytes.bytes(start, (int) length);
    }

    private String nameFromTable(long nameOff) {
        if (nameOff < 0 || nameOff >= names.length) {
            return bytes.cString(funcnameOffset + nameOff, MAX_NAME);
        }
        int start = (int) nameOff;
        int end = start;
        while (end < names.length && names[end] != 0) {
            end++;
        }
        if (end == names.length || end - start > MAX_NAME) {
            return bytes.cString(funcnameOffset + nameOff, MAX_NAME);
        }
        return new String(names, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    public List<FuncRecord> functions() {
        return functions;
    }

    public boolean isGo120OrLater() {
        return magic == MAGIC_120;
    }

    public long headerAddress() {
        return headerAddress;
    }

    public long textStart() {
        return textStart;
    }

    public long funcnameAddressOffset() {
        return funcnameOffset - headerOffset;
    }

    public int pcQuantum() {
        return pcQuantum;
    }

    public ByteView bytes() {
        return bytes;
    }

    /** Name at {@code nameOff} in the function name table (inline tree entries refer to it). */
    public String nameAt(long nameOff) {
        return nameFromTable(nameOff);
    }

    /** The pc-value table at {@code tableOffset} within pctab, or null when the offset is 0 (no table). */
    public PcValueTable table(long tableOffset, long entry) {
        return tableOffset == 0 ? null : new PcValueTable(bytes, pctabOffset + tableOffset, entry, pcQuantum);
    }

    /** Offset into pctab of pcdata table {@code n} of {@code f}, or 0 if it has none. */
    public long pcdata(FuncRecord f, int n) {
        if (n >= f.npcdata()) {
            return 0;
        }
        return bytes.u32(f.funcOffset() + (isGo120OrLater() ? 44 : 40) + 4L * n);
    }

    /** Offset from moduledata.gofunc of funcdata {@code n} of {@code f}, or -1 if it has none. */
    public long funcdata(FuncRecord f, int n) {
        if (n >= f.nfuncdata()) {
            return -1;
        }
        long v = bytes.u32(f.funcOffset() + (isGo120OrLater() ? 44 : 40) + 4L * f.npcdata() + 4L * n);
        return v == 0xffffffffL ? -1 : v;
    }

    /** End of the function's code (without alignment padding), from its pcsp table; its largest frame. */
    public long[] codeEndAndFrameSize(FuncRecord f) {
        PcValueTable pcsp = table(f.pcspOffset(), f.entry());
        if (pcsp == null) {
            return new long[] {f.nextEntry(), 0};
        }
        int[] max = {0};
        long end = pcsp.forEach((start, stop, value) -> max[0] = Math.max(max[0], value));
        if (end <= f.entry() || end > f.nextEntry()) {
            throw new MalformedInputException("pcsp table of " + f.name() + " ends outside the function");
        }
        return new long[] {end, max[0]};
    }
}
