package dev.gojack.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny but complete "Go c-shared library" ELF file (a few KB): an ELF64 little-endian x86-64 header,
 * two PT_LOAD segments, {@code .text} with five functions, {@code .go.buildinfo}, a pclntab (Go 1.18 or 1.20+
 * layout) with pcsp tables, one function with an inline tree and its PCDATA index table, a moduledata in a
 * writable section, RELATIVE relocations, {@code .dynsym} and (optionally) {@code .symtab}. Every GoJack parser
 * finds what it looks for in it, so it is the seed the fuzzer mutates: each mutation lands on a structure a
 * parser reads, where a real library (megabytes of code) would mostly be mutated in bytes nobody parses.
 *
 * <p>Nothing of it runs: the code bytes are {@code nop}s, a {@code ret} and {@code int3} padding.
 */
public final class SyntheticGoElf {
    /** Functions of the synthetic library, in address order. {@code main.caller} has {@code main.tiny} inlined. */
    public static final List<String> FUNCTIONS =
            List.of("runtime.main", "main.add", "main.addReplacement", "main.caller", "main.tiny");
    public static final String INLINED = "main.tiny";
    public static final String INLINED_INTO = "main.caller";
    public static final String VARIABLE = "main.counter";
    /** Every function is 32 bytes apart; its code (by pcsp) is 24 bytes, then 8 bytes of int3 padding. */
    public static final int FUNCTION_STRIDE = 32;
    public static final int CODE_SIZE = 24;
    public static final int FRAME_SIZE = 8;

    private static final int SHF_WRITE = 1;
    private static final int SHF_ALLOC = 2;
    private static final int SHF_EXECINSTR = 4;

    private final String goVersion;
    private final boolean symtab;
    private final String pclntabSection;
    private final boolean zeroTextStart;

    private SyntheticGoElf(String goVersion, boolean symtab, String pclntabSection, boolean zeroTextStart) {
        this.goVersion = goVersion;
        this.symtab = symtab;
        this.pclntabSection = pclntabSection;
        this.zeroTextStart = zeroTextStart;
    }

    /** Go 1.22 layout, unstripped, pclntab in its own {@code .gopclntab} section. */
    public static byte[] standard() {
        return of("go1.22.5", true, ".gopclntab", false);
    }

    /**
     * @param goVersion      what buildinfo says, e.g. {@code go1.19.13} (pre-1.20: the 1.18 pclntab layout)
     * @param symtab         false = stripped: no {@code .symtab}, so the pclntab and moduledata are found by scanning
     * @param pclntabSection the section holding the pclntab: {@code .gopclntab} (found by name) or e.g.
     *                       {@code .data.rel.ro} (found by symbol, or by scanning when stripped)
     * @param zeroTextStart  write 0 as the header's textStart (as Go 1.26 does): the text base then comes from
     *                       the moduledata
     */
    public static byte[] of(String goVersion, boolean symtab, String pclntabSection, boolean zeroTextStart) {
        return new SyntheticGoElf(goVersion, symtab, pclntabSection, zeroTextStart).write();
    }

    private boolean go120() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("go1\\.(\\d+)").matcher(goVersion);
        return !m.find() || m.group(1).length() > 2 || Integer.parseInt(m.group(1)) >= 20;
    }

    private int gofuncOffsetInModuledata() {
        return go120() ? 320 : 304;
    }

    private byte[] write() {
        Image img = new Image();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("", 0, 0, 0, 0, 0, 0, 0, 0));

        // ---- ELF header and program headers are filled in at the end; reserve them.
        img.zeros(64 + 2 * 56);

        // ---- .text
        img.align(64);
        long text = img.size();
        for (int i = 0; i < FUNCTIONS.size(); i++) {
            byte[] code = new byte[FUNCTION_STRIDE];
            Arrays.fill(code, 0, CODE_SIZE - 1, (byte) 0x90);
            code[CODE_SIZE - 1] = (byte) 0xc3;
            Arrays.fill(code, CODE_SIZE, FUNCTION_STRIDE, (byte) 0xcc);
            img.bytes(code);
        }
        long textEnd = img.size();
        int textIndex = sections.size();
        sections.add(new Section(".text", 1, SHF_ALLOC | SHF_EXECINSTR, text, text, textEnd - text, 0, 16, 0));

        // ---- .go.buildinfo (Go 1.18+ inline-string form)
        img.align(512);
        long rodataStart = img.size();
        long buildinfo = img.size();
        img.bytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        img.u8(8); // pointer size
        img.u8(2); // flags: inline strings, little endian
        img.zeros(16);
        String sentinel = "0123456789abcdef";
        String modinfo = sentinel + "path\texample.com/synthetic\nmod\texample.com/synthetic\t(devel)\t\n"
                + "build\t-buildmode=c-shared\nbuild\t-gcflags=all=-l\nbuild\tCGO_ENABLED=1\n"
                + "build\tGOARCH=amd64\nbuild\tGOOS=linux\n" + sentinel;
        img.varString(goVersion);
        img.varString(modinfo);
        sections.add(new Section(".go.buildinfo", 1, SHF_ALLOC | SHF_WRITE, buildinfo, buildinfo,
                img.size() - buildinfo, 0, 16, 0));

        // ---- pclntab
        img.align(32);
        long header = img.size();
        img.zeros(72);
        // funcnametab: every function name, and nothing else
        long funcnametab = img.size();
        Map<String, Long> nameOff = new LinkedHashMap<>();
        for (String name : FUNCTIONS) {
            nameOff.put(name, img.size() - funcnametab);
            img.cString(name);
        }
        long cutab = img.size();
        img.u32(0);
        long filetab = img.size();
        img.cString("synthetic.go");
        long pctab = img.size();
        img.u8(0); // offset 0 of pctab means "no table"
        long pcsp = img.size() - pctab;
        // value 0 for 4 bytes, 8 for 16, 0 for the last 4 (the ret): code ends at entry + 24
        img.bytes(new byte[] {2, 4, 16, 16, 15, 4, 0});
        long inlineIndex = img.size() - pctab;
        // inline tree index 0 for pcs [0, 12), -1 after
        img.bytes(new byte[] {2, 12, 1, 12, 0});
        img.align(8);
        long pclntable = img.size();
        int nfunc = FUNCTIONS.size();
        int fixed = go120() ? 44 : 40;
        img.zeros((nfunc + 1) * 8L);
        List<Long> funcOffsets = new ArrayList<>();
        for (int i = 0; i < nfunc; i++) {
            String name = FUNCTIONS.get(i);
            boolean caller = name.equals(INLINED_INTO);
            int npcdata = caller ? 3 : 0;
            int nfuncdata = caller ? 4 : 0;
            img.align(4);
            long f = img.size();
            funcOffsets.add(f - pclntable);
            img.u32((long) i * FUNCTION_STRIDE);   // entryoff
            img.u32(nameOff.get(name));             // nameoff
            img.u32(name.startsWith("main.add") ? 24 : 0); // args
            img.u32(0);                             // deferreturn
            img.u32(pcsp);                          // pcsp
            img.u32(0);                             // pcfile
            img.u32(0);                             // pcln
            img.u32(npcdata);
            img.u32(0);                             // cuOffset
            if (go120()) {
                img.u32(10 + i);                    // startLine
            }
            img.u8(0);                              // funcID normal
            img.u8(0);                              // flag
            img.u8(0);
            img.u8(nfuncdata);
            if (caller) {
                img.u32(0);
                img.u32(0);
                img.u32(inlineIndex);
                img.u32(0xffffffffL);
                img.u32(0xffffffffL);
                img.u32(0xffffffffL);
                img.u32(0);                          // FUNCDATA_InlTree: at gofunc + 0
            }
            if (img.size() - f < fixed) {
                throw new IllegalStateException("short _func");
            }
        }
        for (int i = 0; i < nfunc; i++) {
            img.putU32(pclntable + i * 8L, (long) i * FUNCTION_STRIDE);
            img.putU32(pclntable + i * 8L + 4, funcOffsets.get(i));
        }
        img.putU32(pclntable + nfunc * 8L, (long) nfunc * FUNCTION_STRIDE);
        img.putU32(pclntable + nfunc * 8L + 4, 0);
        img.putU32(header, go120() ? 0xfffffff1L : 0xfffffff0L);
        img.putU8(header + 6, 1);
        img.putU8(header + 7, 8);
        img.putU64(header + 8, nfunc);
        img.putU64(header + 16, 1);
        img.putU64(header + 24, zeroTextStart ? 0 : text);
        img.putU64(header + 32, funcnametab - header);
        img.putU64(header + 40, cutab - header);
        img.putU64(header + 48, filetab - header);
        img.putU64(header + 56, pctab - header);
        img.putU64(header + 64, pclntable - header);
        long pclntabEnd = img.size();
        sections.add(new Section(pclntabSection, 1, SHF_ALLOC, header, header, pclntabEnd - header, 0, 32, 0));

        // ---- gofunc: the inline tree of main.caller (one entry: main.tiny)
        img.align(8);
        long gofunc = img.size();
        if (go120()) {
            img.u8(0);
            img.zeros(3);
            img.u32(nameOff.get(INLINED));
            img.u32(4);   // parentPc
            img.u32(99);  // startLine
        } else {
            img.u16(0xffff); // parent -1
            img.u8(0);
            img.u8(0);
            img.u32(0);   // file
            img.u32(99);  // line
            img.u32(nameOff.get(INLINED));
            img.u32(4);   // parentPc
        }
        sections.add(new Section(".rodata", 1, SHF_ALLOC, gofunc, gofunc, img.size() - gofunc, 0, 8, 0));

        // ---- .noptrdata: moduledata and one package variable, in the writable segment
        img.align(512);
        long dataStart = img.size();
        long moduledata = img.size();
        img.zeros(400);
        img.putU64(moduledata, header);
        img.putU64(moduledata + 8, funcnametab);
        img.putU64(moduledata + 176, text);
        img.putU64(moduledata + 184, textEnd);
        img.putU64(moduledata + gofuncOffsetInModuledata(), gofunc);
        long counter = img.size();
        img.u64(41);
        long dataEnd = img.size();
        sections.add(new Section(".noptrdata", 1, SHF_ALLOC | SHF_WRITE, dataStart, dataStart, dataEnd - dataStart,
                0, 32, 0));

        // ---- .rela.dyn: the words the dynamic linker relocates in moduledata (GNU ld writes the addends into
        // the words too on amd64)
        img.align(8);
        long rela = img.size();
        for (long off : new long[] {0, 8, 176, 184, gofuncOffsetInModuledata()}) {
            img.u64(moduledata + off);
            img.u64(8); // R_X86_64_RELATIVE, symbol 0
            img.u64(img.getU64(moduledata + off));
        }
        int dynsymIndex = sections.size() + 1;
        sections.add(new Section(".rela.dyn", 4, SHF_ALLOC, rela, rela, img.size() - rela, dynsymIndex, 8, 24));

        // ---- .dynsym / .dynstr: one export
        img.align(8);
        long dynstr = img.size();
        img.u8(0);
        long exportName = img.size() - dynstr;
        img.cString("Add");
        long dynstrSize = img.size() - dynstr;
        img.align(8);
        long dynsym = img.size();
        img.zeros(24);
        symbol(img, exportName, 0x12, textIndex, text + FUNCTION_STRIDE, CODE_SIZE);
        sections.add(new Section(".dynsym", 11, SHF_ALLOC, dynsym, dynsym, img.size() - dynsym, dynsymIndex + 1,
                8, 24));
        sections.add(new Section(".dynstr", 3, SHF_ALLOC, dynstr, dynstr, dynstrSize, 0, 1, 0));

        // ---- .symtab / .strtab
        if (symtab) {
            ByteArrayOutputStream strings = new ByteArrayOutputStream();
            strings.write(0);
            Map<String, Long> offsets = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(FUNCTIONS);
            names.addAll(List.of("runtime.pclntab", "runtime.firstmoduledata", VARIABLE));
            for (String n : names) {
                offsets.put(n, (long) strings.size());
                strings.writeBytes((n + "\0").getBytes(StandardCharsets.UTF_8));
            }
            img.align(8);
            long symtabAt = img.size();
            img.zeros(24);
            for (int i = 0; i < FUNCTIONS.size(); i++) {
                symbol(img, offsets.get(FUNCTIONS.get(i)), 0x02, textIndex, text + (long) i * FUNCTION_STRIDE,
                        CODE_SIZE);
            }
            symbol(img, offsets.get("runtime.pclntab"), 0x01, 3, header, 0);
            symbol(img, offsets.get("runtime.firstmoduledata"), 0x01, 5, moduledata, 400);
            symbol(img, offsets.get(VARIABLE), 0x01, 5, counter, 8);
            int strtabIndex = sections.size() + 1;
            sections.add(new Section(".symtab", 2, 0, 0, symtabAt, img.size() - symtabAt, strtabIndex, 8, 24));
            long strtab = img.size();
            img.bytes(strings.toByteArray());
            sections.add(new Section(".strtab", 3, 0, 0, strtab, img.size() - strtab, 0, 1, 0));
        }

        // ---- .shstrtab and the section header table
        ByteArrayOutputStream shstr = new ByteArrayOutputStream();
        shstr.write(0);
        List<Long> nameOffsets = new ArrayList<>();
        for (Section s : sections) {
            if (s.name.isEmpty()) {
                nameOffsets.add(0L);
            } else {
                nameOffsets.add((long) shstr.size());
                shstr.writeBytes((s.name + "\0").getBytes(StandardCharsets.UTF_8));
            }
        }
        nameOffsets.add((long) shstr.size());
        shstr.writeBytes(".shstrtab\0".getBytes(StandardCharsets.UTF_8));
        long shstrtab = img.size();
        img.bytes(shstr.toByteArray());
        sections.add(new Section(".shstrtab", 3, 0, 0, shstrtab, img.size() - shstrtab, 0, 1, 0));
        img.align(8);
        long shoff = img.size();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            img.u32(nameOffsets.get(i));
            img.u32(s.type);
            img.u64(s.flags);
            img.u64(s.address);
            img.u64(s.offset);
            img.u64(s.size);
            img.u32(s.link);
            img.u32(0);
            img.u64(s.align);
            img.u64(s.entrySize);
        }

        // ---- ELF header
        img.putBytes(0, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        img.putU16(16, 3);   // ET_DYN
        img.putU16(18, 62);  // EM_X86_64
        img.putU32(20, 1);
        img.putU64(24, text);
        img.putU64(32, 64);  // phoff
        img.putU64(40, shoff);
        img.putU16(52, 64);
        img.putU16(54, 56);
        img.putU16(56, 2);
        img.putU16(58, 64);
        img.putU16(60, sections.size());
        img.putU16(62, sections.size() - 1);
        // PT_LOAD r-x: headers, text and read-only data
        programHeader(img, 64, 5, 0, 0, dataStart);
        // PT_LOAD rw-: moduledata and the variable
        programHeader(img, 64 + 56, 6, dataStart, dataStart, dataEnd - dataStart);
        if (rodataStart <= textEnd) {
            throw new IllegalStateException("layout");
        }
        return img.toByteArray();
    }

    private static void symbol(Image img, long name, int info, int shndx, long value, long size) {
        img.u32(name);
        img.u8(info);
        img.u8(0);
        img.u16(shndx);
        img.u64(value);
        img.u64(size);
    }

    private static void programHeader(Image img, long at, int flags, long offset, long vaddr, long size) {
        img.putU32(at, 1);
        img.putU32(at + 4, flags);
        img.putU64(at + 8, offset);
        img.putU64(at + 16, vaddr);
        img.putU64(at + 24, vaddr);
        img.putU64(at + 32, size);
        img.putU64(at + 40, size);
        img.putU64(at + 48, 512);
    }

    private record Section(String name, int type, long flags, long address, long offset, long size, int link,
                           long align, long entrySize) {
    }

    /** A growable little-endian byte image. */
    private static final class Image {
        private byte[] data = new byte[1024];
        private int size;

        long size() {
            return size;
        }

        private void ensure(long end) {
            if (end > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
            }
            size = (int) Math.max(size, end);
        }

        void zeros(long n) {
            ensure(size + n);
        }

        void align(int a) {
            zeros((a - size % a) % a);
        }

        void u8(int v) {
            long at = size;
            ensure(at + 1);
            data[(int) at] = (byte) v;
        }

        void u16(int v) {
            u8(v);
            u8(v >>> 8);
        }

        void u32(long v) {
            long at = size;
            ensure(at + 4);
            putU32(at, v);
        }

        void u64(long v) {
            long at = size;
            ensure(at + 8);
            putU64(at, v);
        }

        void bytes(byte[] b) {
            long at = size;
            ensure(at + b.length);
            System.arraycopy(b, 0, data, (int) at, b.length);
        }

        void cString(String s) {
            bytes((s + "\0").getBytes(StandardCharsets.UTF_8));
        }

        void varString(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            long n = b.length;
            while (n >= 0x80) {
                u8((int) (n & 0x7f) | 0x80);
                n >>>= 7;
            }
            u8((int) n);
            bytes(b);
        }

        void putU8(long at, int v) {
            data[(int) at] = (byte) v;
        }

        void putU16(long at, int v) {
            putU8(at, v);
            putU8(at + 1, v >>> 8);
        }

        void putU32(long at, long v) {
            for (int i = 0; i < 4; i++) {
                data[(int) at + i] = (byte) (v >>> (8 * i));
            }
        }

        void putU64(long at, long v) {
            for (int i = 0; i < 8; i++) {
                data[(int) at + i] = (byte) (v >>> (8 * i));
            }
        }

        long getU64(long at) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (data[(int) at + i] & 0xff);
            }
            return v;
        }

        void putBytes(long at, byte[] b) {
            System.arraycopy(b, 0, data, (int) at, b.length);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
