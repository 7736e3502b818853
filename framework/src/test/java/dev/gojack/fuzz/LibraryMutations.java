package dev.gojack.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.Pclntab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real fixture library (unstripped or stripped {@code libcalls.so}) with a few fuzzer-chosen corruptions,
 * each inside a structure some parser reads: ELF, section and program headers, symbol tables, relocations,
 * buildinfo, the pclntab header, its name table, pctab and function table, moduledata and the type area. The
 * fuzz input only encodes the corruptions, so the corpus stays tiny while the files are megabytes.
 */
final class LibraryMutations {
    private static final int MAX_MUTATIONS = 8;
    private static final int REGION = 1 << 16;
    private static Original unstripped;
    private static Original stripped;

    private LibraryMutations() {
    }

    /** A pristine fixture and the byte ranges worth corrupting: {file offset, length}. */
    private record Original(byte[] bytes, List<long[]> regions) {
        static Original of(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<long[]> regions = new ArrayList<>();
            ElfFile elf = ElfFile.of(bytes);
            regions.add(new long[] {0, 64});
            regions.add(new long[] {elf.bytes().u64(0x20), 56L * elf.bytes().u16(0x38)});
            regions.add(new long[] {elf.bytes().u64(0x28), 64L * elf.bytes().u16(0x3c)});
            for (ElfSection s : elf.sections()) {
                if (List.of(".go.buildinfo", ".symtab", ".dynsym", ".rela.dyn", ".shstrtab", ".strtab", ".dynstr",
                        ".data.rel.ro", ".gopclntab", ".noptrdata", ".typelink", ".itablink").contains(s.name())) {
                    regions.add(new long[] {s.offset(), Math.min(s.size(), REGION)});
                }
            }
            Pclntab p = Pclntab.find(elf).orElseThrow();
            long header = elf.fileOffset(p.headerAddress());
            regions.add(new long[] {header, 72});
            for (int field = 32; field <= 64; field += 8) {
                regions.add(new long[] {header + elf.bytes().u64(header + field), REGION});
            }
            ModuleData md = ModuleData.find(elf, p, GoVersion.parse("go1.26")).orElseThrow();
            regions.add(new long[] {elf.fileOffset(md.address()), 512});
            regions.add(new long[] {elf.fileOffset(md.types()), REGION});
            regions.removeIf(r -> r[0] < 0 || r[1] <= 0 || r[0] + r[1] > bytes.length);
            return new Original(bytes, List.copyOf(regions));
        }
    }

    private static synchronized Original original(boolean strip) {
        if (unstripped == null) {
            String dir = System.getProperty("gojack.fixtures.dir");
            if (dir == null) {
                throw new IllegalStateException("gojack.fixtures.dir is not set; run the fuzz tests through Maven");
            }
            unstripped = Original.of(Path.of(dir, "default", "libcalls.so"));
            stripped = Original.of(Path.of(dir, "stripped", "libcalls.so"));
        }
        return strip ? stripped : unstripped;
    }

    /** The library bytes with the corruptions {@code data} describes. */
    static byte[] mutate(FuzzedDataProvider data) {
        Original original = original(data.consumeBoolean());
        byte[] file = original.bytes().clone();
        int length = file.length;
        int mutations = data.consumeInt(1, MAX_MUTATIONS);
        for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
            long[] region = original.regions().get(data.consumeInt(0, original.regions().size() - 1));
            int at = (int) (region[0] + data.consumeLong(0, region[1] - 1));
            switch (data.consumeInt(0, 4)) {
                case 0 -> file[at] = data.consumeByte();
                case 1 -> file[at] ^= (byte) (1 << data.consumeInt(0, 7));
                case 2 -> put(file, at, data.consumeInt(), 4);
                case 3 -> put(file, at, data.consumeLong(), 8);
                default -> length = Math.min(length, at);
            }
        }
        return length == file.length ? file : Arrays.copyOf(file, length);
    }

    private static void put(byte[] file, int at, long value, int width) {
        for (int b = 0; b < width && at + b < file.length; b++) {
            file[at + b] = (byte) (value >>> (8 * b));
        }
    }
}
