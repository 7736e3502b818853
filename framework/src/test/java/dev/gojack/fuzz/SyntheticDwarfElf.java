package dev.gojack.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * A minimal ELF64 file holding only DWARF sections the way Go writes them: one compile unit "main" with Go's type
 * entries (base types with DW_AT_go_kind, the string struct, a named typedef, a pointer, an array with a subrange,
 * a map typedef) and two functions — {@code main.F(a int, s string) (int, main.Money)} and an out-of-line copy of an
 * inlinable {@code main.G(p *main.Money) [2]int} described through DW_AT_abstract_origin. DWARF 4 or 5, plain or
 * zlib-compressed ({@code SHF_COMPRESSED}): seeds for the DWARF fuzz target and the reader's own unit test.
 */
public final class SyntheticDwarfElf {
    private static final int TAG_COMPILE_UNIT = 0x11;
    private static final int TAG_SUBPROGRAM = 0x2e;
    private static final int TAG_FORMAL_PARAMETER = 0x05;
    private static final int TAG_BASE_TYPE = 0x24;
    private static final int TAG_STRUCTURE_TYPE = 0x13;
    private static final int TAG_MEMBER = 0x0d;
    private static final int TAG_TYPEDEF = 0x16;
    private static final int TAG_POINTER_TYPE = 0x0f;
    private static final int TAG_ARRAY_TYPE = 0x01;
    private static final int TAG_SUBRANGE_TYPE = 0x21;

    private SyntheticDwarfElf() {
    }

    public static byte[] of(int version, boolean compressed) {
        byte[] abbrev = abbreviations();
        byte[] info = info(version);
        List<Object[]> sections = new ArrayList<>();
        sections.add(new Object[] {".debug_abbrev", compressed ? compress(abbrev) : abbrev, compressed});
        sections.add(new Object[] {".debug_info", compressed ? compress(info) : info, compressed});
        return elf(sections);
    }

    // ---- DWARF ----

    private static byte[] abbreviations() {
        Buf b = new Buf();
        // 1: compile unit, name string, children
        abbrev(b, 1, TAG_COMPILE_UNIT, true, 0x03, 0x08);
        // 2: subprogram name string, low_pc addr, external flag_present
        abbrev(b, 2, TAG_SUBPROGRAM, true, 0x03, 0x08, 0x11, 0x01, 0x3f, 0x19);
        // 3: formal parameter name, variable_parameter flag, type ref4
        abbrev(b, 3, TAG_FORMAL_PARAMETER, false, 0x03, 0x08, 0x4b, 0x0c, 0x49, 0x13);
        // 4: base type name, encoding data1, byte_size data1, go_kind data1
        abbrev(b, 4, TAG_BASE_TYPE, false, 0x03, 0x08, 0x3e, 0x0b, 0x0b, 0x0b, 0x2900, 0x0b);
        // 5: structure name, byte_size udata, go_kind implicit_const 24 (string) — Go uses data1; both are read
        b.uleb(5).uleb(TAG_STRUCTURE_TYPE).u8(1);
        b.uleb(0x03).uleb(0x08).uleb(0x0b).uleb(0x0f).uleb(0x2900).uleb(0x21).sleb(24).uleb(0).uleb(0);
        // 6: member name, data_member_location data1, type ref_addr
        abbrev(b, 6, TAG_MEMBER, false, 0x03, 0x08, 0x38, 0x0b, 0x49, 0x10);
        // 7: typedef name, type ref4
        abbrev(b, 7, TAG_TYPEDEF, false, 0x03, 0x08, 0x49, 0x13);
        // 8: pointer name, type ref4, go_kind data1
        abbrev(b, 8, TAG_POINTER_TYPE, false, 0x03, 0x08, 0x49, 0x13, 0x2900, 0x0b);
        // 9: array name, type ref4, byte_size data1, children (subrange)
        abbrev(b, 9, TAG_ARRAY_TYPE, true, 0x03, 0x08, 0x49, 0x13, 0x0b, 0x0b);
        // 10: subrange count data1
        abbrev(b, 10, TAG_SUBRANGE_TYPE, false, 0x37, 0x0b);
        // 11: abstract subprogram: name, inline data1, children
        abbrev(b, 11, TAG_SUBPROGRAM, true, 0x03, 0x08, 0x20, 0x0b);
        // 12: concrete subprogram: abstract_origin ref4, low_pc addr, children
        abbrev(b, 12, TAG_SUBPROGRAM, true, 0x31, 0x13, 0x11, 0x01);
        // 13: concrete parameter: abstract_origin ref4, location exprloc
        abbrev(b, 13, TAG_FORMAL_PARAMETER, false, 0x31, 0x13, 0x02, 0x18);
        // 14: map typedef: name, type ref4, go_kind data1, go_key ref4, go_elem ref4
        abbrev(b, 14, TAG_TYPEDEF, false, 0x03, 0x08, 0x49, 0x13, 0x2900, 0x0b, 0x2901, 0x13, 0x2902, 0x13);
        b.uleb(0);
        return b.bytes();
    }

    private static void abbrev(Buf b, int code, int tag, boolean children, int... specs) {
        b.uleb(code).uleb(tag).u8(children ? 1 : 0);
        for (int spec : specs) {
            b.uleb(spec);
        }
        b.uleb(0).uleb(0);
    }

    private static byte[] info(int version) {
        Buf b = new Buf();
        b.u32(0); // unit length, patched below
        b.u16(version);
        if (version >= 5) {
            b.u8(1).u8(8).u32(0); // DW_UT_compile, address size, abbrev offset
        } else {
            b.u32(0).u8(8);
        }
        int header = b.size();
        b.uleb(1).str("main");
        // Types first, at offsets we note (CU-relative for ref4, section-absolute for ref_addr).
        int tInt = b.size();
        b.uleb(4).str("int").u8(5).u8(8).u8(2);
        int tUint8 = b.size();
        b.uleb(4).str("uint8").u8(8).u8(1).u8(8);
        int tPtrUint8 = b.size();
        b.uleb(8).str("*uint8").u32(tUint8).u8(22);
        int tString = b.size();
        b.uleb(5).str("string").uleb(16);
        b.uleb(6).str("str").u8(0).u32(tPtrUint8);
        b.uleb(6).str("len").u8(8).u32(tInt);
        b.uleb(0);
        int tMoneyBase = b.size();
        b.uleb(4).str("main.Money").u8(5).u8(8).u8(6);
        int tMoney = b.size();
        b.uleb(7).str("main.Money").u32(tMoneyBase);
        int tPtrMoney = b.size();
        b.uleb(8).str("*main.Money").u32(tMoney).u8(22);
        int tArray = b.size();
        b.uleb(9).str("[2]int").u32(tInt).u8(16);
        b.uleb(10).u8(2);
        b.uleb(0);
        int tMap = b.size();
        b.uleb(14).str("map[string]int").u32(tPtrUint8).u8(21).u32(tString).u32(tInt);
        // main.F(a int, s string, m map[string]int) (~r0 int, ~r1 main.Money)
        b.uleb(2).str("main.F").u64(0x1000);
        b.uleb(3).str("a").u8(0).u32(tInt);
        b.uleb(3).str("s").u8(0).u32(tString);
        b.uleb(3).str("m").u8(0).u32(tMap);
        b.uleb(3).str("~r0").u8(1).u32(tInt);
        b.uleb(3).str("~r1").u8(1).u32(tMoney);
        b.uleb(0);
        // abstract main.G(p *main.Money) [2]int, and its out-of-line copy
        int gAbstract = b.size();
        b.uleb(11).str("main.G").u8(1);
        int gParam = b.size();
        b.uleb(3).str("p").u8(0).u32(tPtrMoney);
        b.uleb(0);
        b.uleb(12).u32(gAbstract).u64(0x1040);
        b.uleb(13).u32(gParam).uleb(1).u8(0x50); // DW_OP_reg0
        b.uleb(3).str("~r0").u8(1).u32(tArray);
        b.uleb(0);
        b.uleb(0); // end of the unit's children
        byte[] out = b.bytes();
        int length = out.length - 4;
        out[0] = (byte) length;
        out[1] = (byte) (length >> 8);
        out[2] = (byte) (length >> 16);
        out[3] = (byte) (length >> 24);
        if (header < 0) {
            throw new AssertionError();
        }
        return out;
    }

    private static byte[] compress(byte[] plain) {
        Deflater d = new Deflater();
        d.setInput(plain);
        d.finish();
        byte[] buf = new byte[plain.length + 64];
        int n = d.deflate(buf);
        d.end();
        Buf b = new Buf();
        b.u32(1).u32(0).u64(plain.length).u64(1); // Elf64_Chdr: ELFCOMPRESS_ZLIB, size, alignment
        for (int i = 0; i < n; i++) {
            b.u8(buf[i] & 0xff);
        }
        return b.bytes();
    }

    // ---- ELF ----

    private static byte[] elf(List<Object[]> sections) {
        Buf names = new Buf();
        names.u8(0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (Object[] s : sections) {
            nameOffsets.add(names.size());
            names.str((String) s[0]);
        }
        int shstrtabName = names.size();
        names.str(".shstrtab");
        Buf f = new Buf();
        for (int i = 0; i < 64; i++) {
            f.u8(0);
        }
        List<long[]> placed = new ArrayList<>();
        for (Object[] s : sections) {
            while (f.size() % 8 != 0) {
                f.u8(0);
            }
            byte[] content = (byte[]) s[1];
            placed.add(new long[] {f.size(), content.length});
            for (byte x : content) {
                f.u8(x & 0xff);
            }
        }
        long namesAt = f.size();
        for (byte x : names.bytes()) {
            f.u8(x & 0xff);
        }
        while (f.size() % 8 != 0) {
            f.u8(0);
        }
        long shoff = f.size();
        int shnum = sections.size() + 2;
        section(f, 0, 0, 0, 0, 0);
        for (int i = 0; i < sections.size(); i++) {
            section(f, nameOffsets.get(i), 1, (Boolean) sections.get(i)[2] ? 0x800 : 0, placed.get(i)[0], placed.get(i)[1]);
        }
        section(f, shstrtabName, 3, 0, namesAt, names.size());
        byte[] out = f.bytes();
        byte[] ident = {0x7f, 'E', 'L', 'F', 2, 1, 1};
        System.arraycopy(ident, 0, out, 0, ident.length);
        put(out, 16, 3, 2); // ET_DYN
        put(out, 18, 62, 2); // x86-64
        put(out, 20, 1, 4);
        put(out, 0x28, shoff, 8);
        put(out, 0x34, 64, 2);
        put(out, 0x3a, 64, 2);
        put(out, 0x3c, shnum, 2);
        put(out, 0x3e, shnum - 1, 2);
        return out;
    }

    private static void section(Buf f, long name, int type, long flags, long offset, long size) {
        f.u32(name).u32(type).u64(flags).u64(0).u64(offset).u64(size).u32(0).u32(0).u64(1).u64(0);
    }

    private static void put(byte[] b, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static final class Buf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Buf u8(int v) {
            out.write(v);
            return this;
        }

        Buf u16(int v) {
            return u8(v & 0xff).u8((v >> 8) & 0xff);
        }

        Buf u32(long v) {
            return u16((int) (v & 0xffff)).u16((int) ((v >> 16) & 0xffff));
        }

        Buf u64(long v) {
            return u32(v & 0xffffffffL).u32(v >>> 32);
        }

        Buf uleb(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                u8(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Buf sleb(long v) {
            boolean more = true;
            while (more) {
                int b = (int) (v & 0x7f);
                v >>= 7;
                more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
                u8(more ? b | 0x80 : b);
            }
            return this;
        }

        Buf str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            return u8(0);
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
