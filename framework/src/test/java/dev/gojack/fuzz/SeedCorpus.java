package dev.gojack.fuzz;

import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the committed seed corpus of the fuzz tests into
 * {@code src/test/resources/dev/gojack/fuzz/ParserFuzzTestInputs/<method>/} (Jazzer's regression layout). Run it when
 * {@link SyntheticGoElf} changes, with {@link #main}: from {@code framework/},
 * {@code mvn test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gojack.fuzz.SeedCorpus
 * -Dexec.args="src/test/resources ../go-fixtures/build"} (or any way of running a test-classpath main).
 * Files found later by fuzzing ({@code crash-*}) are
 * added next to these by hand (or by Jazzer) and never rewritten here.
 */
final class SeedCorpus {
    /** The byte[] fuzz targets and their corpus directories. */
    static final List<String> BYTE_TARGETS = List.of("elf", "buildInfo", "pclntab", "inlineTrees", "goBinaryOpen");
    static final String INPUTS = "dev/gojack/fuzz/ParserFuzzTestInputs";

    private SeedCorpus() {
    }

    /** Small inputs for the byte[] targets: synthetic Go libraries in each layout, and bare ELF headers. */
    static Map<String, byte[]> byteSeeds(Path fixtures) throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("synthetic-go1.22.so", SyntheticGoElf.standard());
        seeds.put("synthetic-go1.22-stripped-scan.so", SyntheticGoElf.of("go1.22.5", false, ".data.rel.ro", false));
        seeds.put("synthetic-go1.19.so", SyntheticGoElf.of("go1.19.13", true, ".data.rel.ro", false));
        seeds.put("synthetic-go1.19-stripped.so", SyntheticGoElf.of("go1.19.13", false, ".gopclntab", false));
        seeds.put("synthetic-go1.26-zero-textstart-stripped.so",
                SyntheticGoElf.of("go1.26.0", false, ".gopclntab", true));
        byte[] header = Arrays.copyOf(SyntheticGoElf.standard(), 64);
        Arrays.fill(header, 0x28, 0x40, (byte) 0); // no section or program header table
        header[0x34] = 64;
        seeds.put("elf-header-only.bin", header);
        byte[] elf32 = header.clone();
        elf32[4] = 1;
        seeds.put("elf32-header.bin", elf32);
        byte[] bigEndian = header.clone();
        bigEndian[5] = 2;
        seeds.put("elf-big-endian-header.bin", bigEndian);
        // Regression inputs: bugs found by review or fuzzing, kept so that every mvn test replays them.
        seeds.put("regression-go-version-overflow.so", SyntheticGoElf.of("go1.99999999999", true, ".gopclntab", false));
        seeds.put("regression-moduledata-scan-huge-section.so", hugeWritableSection());
        if (fixtures != null) {
            // The first 16 KB of a real library: headers whose tables lie beyond the end.
            byte[] real = Files.readAllBytes(fixtures.resolve("default/libcalls.so"));
            seeds.put("real-libcalls-first-16k.bin", Arrays.copyOf(real, 16 * 1024));
        }
        return seeds;
    }

    /**
     * Found by ParserFuzzTest#pclntab (it hung): a stripped library whose pclntab has no text start, without
     * relocations, whose writable {@code .noptrdata} claims a size of 1 TB and holds no moduledata, so that
     * ModuleData.locate scans it word by word.
     */
    static byte[] hugeWritableSection() {
        byte[] b = SyntheticGoElf.of("go1.26.0", false, ".gopclntab", true);
        ElfFile elf = ElfFile.of(b);
        long shoff = elf.bytes().u64(0x28);
        for (int i = 0; i < elf.sections().size(); i++) {
            ElfSection s = elf.sections().get(i);
            long header = shoff + 64L * i;
            if (s.name().equals(".rela.dyn")) {
                put(b, header + 4, 0, 4); // SHT_NULL: no relocations
            } else if (s.name().equals(".noptrdata")) {
                put(b, header + 0x20, 1L << 40, 8);
                put(b, s.offset(), 0, 8); // moduledata no longer points to the pclntab
            }
        }
        return b;
    }

    private static void put(byte[] b, long at, long value, int width) {
        for (int i = 0; i < width; i++) {
            b[(int) at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Inputs for the DWARF target: Go-shaped DWARF 4 and 5, plain and compressed, and a bare synthetic library. */
    static Map<String, byte[]> dwarfSeeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("dwarf4.so", SyntheticDwarfElf.of(4, false));
        seeds.put("dwarf5.so", SyntheticDwarfElf.of(5, false));
        seeds.put("dwarf4-zlib.so", SyntheticDwarfElf.of(4, true));
        seeds.put("dwarf5-zlib.so", SyntheticDwarfElf.of(5, true));
        seeds.put("synthetic-go1.22-no-dwarf.so", SyntheticGoElf.standard());
        return seeds;
    }

    /** Inputs for the FuzzedDataProvider target: fixed-seed random mutation scripts. */
    static Map<String, byte[]> mutationSeeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int seed = 1; seed <= 8; seed++) {
            byte[] b = new byte[48];
            new Random(seed).nextBytes(b);
            seeds.put("mutations-" + seed + ".bin", b);
        }
        seeds.put("no-mutation.bin", new byte[0]);
        return seeds;
    }

    /** Writes the seeds: {@code args[0]} is the resources root, {@code args[1]} (optional) the fixtures dir. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SeedCorpus <resources root> [<fixtures dir>]");
            System.exit(2);
        }
        write(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null);
    }

    static void write(Path resourcesRoot, Path fixtures) throws IOException {
        Path base = resourcesRoot.resolve(INPUTS);
        Map<String, byte[]> bytes = byteSeeds(fixtures);
        for (String target : BYTE_TARGETS) {
            writeAll(base.resolve(target), bytes);
        }
        writeAll(base.resolve("mutatedLibrary"), mutationSeeds());
        writeAll(base.resolve("dwarf"), dwarfSeeds());
    }

    private static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
    }
}
