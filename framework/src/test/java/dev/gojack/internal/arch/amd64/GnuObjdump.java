package dev.gojack.internal.arch.amd64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Disassembles raw bytes with GNU objdump (binutils, installed with gcc): an independent check that GoJack's
 * hand-written encodings say what their comments claim.
 */
final class GnuObjdump {
    private GnuObjdump() {
    }

    /** One line per instruction, Intel syntax, e.g. {@code "movabs r12,0x1122334455667788"}. */
    static List<String> disassemble(byte[] code, long address) throws IOException, InterruptedException {
        Path file = Files.createTempFile("gojack-stub", ".bin");
        try {
            Files.write(file, code);
            Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                    "--adjust-vma=0x" + Long.toHexString(address), file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("objdump failed: " + out);
            }
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] cols = line.split("\t");
                if (cols.length >= 3 && cols[0].trim().endsWith(":")) {
                    lines.add(cols[2].replaceAll("\\s+", " ").replaceAll(" *#.*$", "").trim());
                }
            }
            return lines;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
