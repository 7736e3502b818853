package dev.gojack.bench;

import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;

import java.nio.file.Path;
import java.util.zip.Inflater;

/**
 * Run as a fresh JVM by {@link BenchMain}: the zlib floor of a first {@code signature()}. Opens the library
 * named by the first argument and inflates, with a bare {@link Inflater} into one array, the first N bytes of its
 * {@code .debug_info} (second argument: what {@link ColdSignature} reports the reader inflated, its
 * {@code INFLATED_BYTES}). Prints {@code INFLATE_NS}: the inflation alone, as {@code FIRST_NS} excludes the open.
 * ({@code INFLATE_CPU_NS}: its CPU time). A zlib stream cannot be entered in the middle, so no reader of the types can do with less.
 */
public final class ColdInflate {
    private ColdInflate() {
    }

    public static void main(String[] args) throws Exception {
        ElfFile elf = ElfFile.open(Path.of(args[0]));
        int wanted = Integer.parseInt(args[1]);
        ElfSection s = elf.section(".debug_info").orElseThrow();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long startCpu = cpu.getCurrentThreadCpuTime();
        byte[] compressed = elf.bytes().bytes(s.offset() + 24, (int) (s.size() - 24));
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        byte[] out = new byte[wanted];
        int n = 0;
        while (n < wanted) {
            int got = inflater.inflate(out, n, wanted - n);
            if (got == 0 && (inflater.finished() || inflater.needsInput())) {
                break;
            }
            n += got;
        }
        long doneCpu = cpu.getCurrentThreadCpuTime();
        long done = System.nanoTime();
        inflater.end();
        System.out.println("INFLATE_NS " + (done - start));
        System.out.println("INFLATE_CPU_NS " + (doneCpu - startCpu));
        System.out.println("# inflated " + n + " bytes");
    }
}
