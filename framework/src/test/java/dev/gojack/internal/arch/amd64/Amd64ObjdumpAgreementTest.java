package dev.gojack.internal.arch.amd64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the decoder against {@code go tool objdump -gnu} on the real fixture libraries: for
 * every instruction objdump prints in every function, the decoder must report the same length
 * and the same position dependence (read off the GNU-syntax column: {@code (%rip)} operands and
 * direct branches), and decoding each function from its first byte must land exactly on its end.
 *
 * <p>objdump's decoder (golang.org/x/arch/x86/x86asm) knows only a handful of VEX instructions
 * (VMOVDQU, VMOVDQA, VMOVNTDQ, VZEROUPPER, ...) and no EVEX at all: for the others it prints
 * {@code ?} or silently decodes the bytes after the VEX prefix as a legacy instruction with the
 * wrong length. Such lines are not compared; instead the walk through the whole function checks
 * that the decoder's VEX/EVEX lengths bring it back exactly onto the function's end. Lines that
 * objdump prints as {@code ?} are skipped too; the next line starts again at objdump's address
 * (objdump's own re-synchronised decodes are still compared: they are real decodes of the bytes
 * at that address, just not instruction boundaries).
 *
 * <p>The instruction bytes come from objdump's hex column, so no ELF parsing is needed here.
 */
class Amd64ObjdumpAgreementTest {

    /** Libraries that must exist: if they don't, the fixtures have not been built. */
    private static final List<String> REQUIRED = List.of(
            "noinline/libcalls.so", "default/libcalls.so", "default/libclock.so");

    /**
     * The other fixture libraries, checked when present. The stripped variants are left out:
     * objdump needs the symbol table that {@code -ldflags=-s} removes.
     */
    private static final List<String> OPTIONAL = List.of(
            "noinline/libclock.so",
            "noinline/libmorph.so", "default/libmorph.so",
            "noinline/libvars.so", "default/libvars.so",
            "noinline/libgenerics.so", "default/libgenerics.so",
            "default/libbigweb.so");

    private static final int MAX_REPORTED = 20;

    private final Amd64InstructionDecoder decoder = new Amd64InstructionDecoder();

    @TestFactory
    Stream<DynamicTest> decoderAgreesWithGoObjdumpOnFixtureLibraries() {
        Path dir = fixturesDir();
        List<DynamicTest> tests = new ArrayList<>();
        for (String required : REQUIRED) {
            Path lib = dir.resolve(required);
            tests.add(DynamicTest.dynamicTest(required, () -> {
                if (!Files.isRegularFile(lib)) {
                    fail("Fixture library " + required + " not found under " + dir.toAbsolutePath()
                            + ": run `make fixtures` first");
                }
                checkLibrary(required, lib);
            }));
        }
        for (String optional : OPTIONAL) {
            Path lib = dir.resolve(optional);
            if (Files.isRegularFile(lib)) {
                tests.add(DynamicTest.dynamicTest(optional, () -> checkLibrary(optional, lib)));
            }
        }
        return tests.stream();
    }

    private void checkLibrary(String name, Path lib) throws IOException, InterruptedException {
        Report report = check(decoder, lib);
        System.out.println("[objdump agreement] " + name + ": " + report.summary());
        if (!report.mismatches.isEmpty()) {
            fail(report.mismatches.size() + " mismatches in " + name + " (" + report.summary()
                    + "); first " + MAX_REPORTED + ":\n" + String.join("\n",
                    report.mismatches.subList(0, Math.min(MAX_REPORTED, report.mismatches.size()))));
        }
        assertThat(report.compared).as("instructions compared in %s", name).isGreaterThan(1000);
    }

    private static Path fixturesDir() {
        String property = System.getProperty("gojack.fixtures.dir");
        return Path.of(property != null && !property.isBlank() ? property : "../go-fixtures/build");
    }

    /** Outcome of checking one library. */
    static final class Report {
        int functions;
        int compared;
        int skippedUnknown;
        int skippedVex;
        int walked;
        int positionDependent;
        final List<String> mismatches = new ArrayList<>();

        String summary() {
            return String.format(Locale.ROOT,
                    "%d instructions compared with objdump (%d of them position dependent), "
                            + "%d walked in %d functions, skipped %d '?' lines and %d VEX/EVEX lines "
                            + "objdump cannot decode",
                    compared, positionDependent, walked, functions, skippedUnknown, skippedVex);
        }
    }

    /** One instruction line of objdump output: Go syntax text and GNU syntax text. */
    private record Line(long address, byte[] bytes, String text, String gnu) {
    }

    static Report check(Amd64InstructionDecoder decoder, Path library) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("gojack-objdump", ".err");
        try {
            Process process = new ProcessBuilder(goCommand(), "tool", "objdump", "-gnu", library.toString())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            Report report = new Report();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String function = null;
                List<Line> lines = new ArrayList<>();
                String text;
                while ((text = reader.readLine()) != null) {
                    if (text.startsWith("TEXT ")) {
                        checkFunction(decoder, function, lines, report);
                        function = text.substring(5).trim();
                        lines.clear();
                        continue;
                    }
                    Line line = parseLine(text);
                    if (line != null && function != null) {
                        lines.add(line);
                    }
                }
                checkFunction(decoder, function, lines, report);
            } finally {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("go tool objdump " + library + " did not finish in time");
                }
            }
            if (process.exitValue() != 0) {
                fail("go tool objdump " + library + " failed with exit code " + process.exitValue()
                        + ": " + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return report;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String goCommand() {
        String go = System.getenv("GOJACK_GO");
        return go != null && !go.isBlank() ? go : "go";
    }

    /**
     * Parses {@code "  file.go:12\t0x1234\t\t4883ec18\t\tSUBQ $0x18, SP  // sub $0x18,%rsp"}: the
     * first field that is a {@code 0x} address, the next non-empty field as instruction bytes,
     * the rest as text, split at {@code //} into the Go and the GNU rendering.
     * Returns {@code null} for anything else.
     */
    private static Line parseLine(String text) {
        String[] fields = text.split("\t");
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i].trim();
            if (!field.startsWith("0x") || field.length() < 3 || !isHex(field.substring(2))) {
                continue;
            }
            int j = i + 1;
            while (j < fields.length && fields[j].isBlank()) {
                j++;
            }
            if (j == fields.length) {
                return null;
            }
            String hex = fields[j].trim();
            if (hex.isEmpty() || hex.length() % 2 != 0 || !isHex(hex)) {
                return null;
            }
            StringBuilder rest = new StringBuilder();
            for (int k = j + 1; k < fields.length; k++) {
                if (!fields[k].isBlank()) {
                    rest.append(rest.length() == 0 ? "" : " ").append(fields[k].trim());
                }
            }
            String go = rest.toString();
            String gnu = "";
            int comment = go.indexOf(" // ");
            if (comment >= 0) {
                gnu = go.substring(comment + 4).trim();
                go = go.substring(0, comment).trim();
            }
            return new Line(Long.parseLong(field.substring(2), 16), HexFormat.of().parseHex(hex), go, gnu);
        }
        return null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static void checkFunction(Amd64InstructionDecoder decoder, String function, List<Line> lines,
                                      Report report) {
        if (function == null || lines.isEmpty()) {
            return;
        }
        // objdump prints every byte of the symbol, each line continuing where the previous one
        // ended; split into contiguous runs in case it ever does not.
        int start = 0;
        for (int i = 1; i <= lines.size(); i++) {
            if (i == lines.size()
                    || lines.get(i).address != lines.get(i - 1).address + lines.get(i - 1).bytes.length) {
                checkRun(decoder, function, lines.subList(start, i), report);
                start = i;
            }
        }
        report.functions++;
    }

    private static void checkRun(Amd64InstructionDecoder decoder, String function, List<Line> lines,
                                 Report report) {
        long base = lines.get(0).address;
        int size = 0;
        for (Line line : lines) {
            size += line.bytes.length;
        }
        byte[] code = new byte[size];
        for (Line line : lines) {
            System.arraycopy(line.bytes, 0, code, (int) (line.address - base), line.bytes.length);
        }

        for (Line line : lines) {
            if (line.text.equals("?") || line.text.isEmpty()) {
                report.skippedUnknown++;
                continue;
            }
            if (startsWithVexOrEvex(line.bytes) && !line.text.startsWith("V")) {
                report.skippedVex++;
                continue;
            }
            int offset = (int) (line.address - base);
            int got = decoder.length(code, offset, size);
            report.compared++;
            if (got != line.bytes.length) {
                report.mismatches.add(String.format(Locale.ROOT, "%s 0x%x %s (%s): objdump %d, decoder %d",
                        function, line.address, HexFormat.of().formatHex(line.bytes), line.text,
                        line.bytes.length, got));
                continue;
            }
            boolean expected = positionDependentPerObjdump(line.gnu);
            if (expected) {
                report.positionDependent++;
            }
            if (decoder.isPositionDependent(code, offset, size) != expected) {
                report.mismatches.add(String.format(Locale.ROOT,
                        "%s 0x%x %s (%s): position dependent per objdump %s, decoder %s",
                        function, line.address, HexFormat.of().formatHex(line.bytes), line.text,
                        expected, !expected));
            }
        }

        // Walk the function with the decoder alone: it must step exactly onto the end, which
        // also covers the VEX/EVEX instructions objdump could not decode.
        int offset = 0;
        while (offset < size) {
            int length = decoder.length(code, offset, size);
            if (length <= 0) {
                int end = Math.min(size, offset + 15);
                report.mismatches.add(String.format(Locale.ROOT,
                        "%s 0x%x %s: walk from the function start cannot decode here",
                        function, base + offset, HexFormat.of().formatHex(code, offset, end)));
                return;
            }
            offset += length;
            report.walked++;
        }
    }

    /**
     * Reads position dependence off the GNU-syntax rendering that {@code go tool objdump -gnu}
     * appends after {@code //}: a RIP-relative operand prints as {@code 0x1234(%rip)}, a relative
     * branch as {@code jbe 0x3d4ca} and an indirect one with a star ({@code jmpq *%rax},
     * {@code callq *(%rbx,%rcx,8)}). (The Go syntax is ambiguous here: it prints RIP-relative
     * operands that hit a symbol as {@code sym(SB)}, just like symbolized immediates.)
     */
    static boolean positionDependentPerObjdump(String gnu) {
        if (gnu.contains("(%rip)") || gnu.contains("(%eip)")) {
            return true;
        }
        String[] words = gnu.trim().split("\\s+");
        int i = 0;
        while (i < words.length && isGnuPrefix(words[i])) {
            i++;
        }
        if (i + 1 >= words.length) {
            return false;
        }
        String mnemonic = words[i];
        boolean branch = mnemonic.startsWith("j") || mnemonic.startsWith("call")
                || mnemonic.startsWith("loop") || mnemonic.startsWith("xbegin");
        return branch && !words[i + 1].startsWith("*");
    }

    private static boolean isGnuPrefix(String word) {
        return word.startsWith("rex") || GNU_PREFIXES.contains(word);
    }

    private static final Set<String> GNU_PREFIXES = Set.of(
            "data16", "data32", "addr16", "addr32", "lock", "rep", "repn", "repne", "repz", "repnz",
            "bnd", "notrack", "cs", "ds", "es", "ss", "fs", "gs", "xacquire", "xrelease");

    /** True if the bytes, after legacy prefixes and REX, start with a VEX (C4/C5) or EVEX (62) escape. */
    private static boolean startsWithVexOrEvex(byte[] bytes) {
        for (byte value : bytes) {
            int b = value & 0xFF;
            boolean prefix = b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3
                    || b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65
                    || (b & 0xF0) == 0x40;
            if (!prefix) {
                return b == 0xC4 || b == 0xC5 || b == 0x62;
            }
        }
        return false;
    }
}
