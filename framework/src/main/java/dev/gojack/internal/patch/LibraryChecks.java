package dev.gojack.internal.patch;

import dev.gojack.GoBinary;
import dev.gojack.internal.Problems;
import dev.gojack.internal.elf.ElfFile;

/**
 * Checks of a file that run before the dynamic linker sees it, for files that cannot work as a loaded library
 * and would otherwise fail with a misleading message (a Go executable) or end the JVM (a race-detector build).
 */
final class LibraryChecks {
    private static final int ET_EXEC = 2;

    private LibraryChecks() {
    }

    static void beforeLoading(Patcher.LibraryFile file) {
        // A file for another machine is refused for that first: it could not be loaded here in any build mode.
        dev.gojack.internal.arch.Architectures.forLibrary(file.binary().path(), file.elf().machine());
        notExecutable(file.binary(), file.elf());
        notRaceBuild(file.binary(), file.elf());
    }

    /**
     * A Go executable has ELF type EXEC (non-PIE) or a program interpreter (PIE); its build settings say
     * {@code -buildmode=exe} or {@code pie}. A c-shared library has none of these.
     */
    private static void notExecutable(GoBinary binary, ElfFile elf) {
        String mode = binary.buildSettings().get("-buildmode");
        String what;
        if (elf.type() == ET_EXEC) {
            what = "ELF type EXEC";
        } else if (elf.section(".interp").isPresent()) {
            what = "ELF type DYN with a program interpreter: a position-independent executable";
        } else if (mode != null && !mode.equals("c-shared")) {
            what = "built with -buildmode=" + mode;
        } else {
            return;
        }
        if (binary.exports().isEmpty()) {
            what += ", no exports";
        }
        throw Problems.goExecutable(binary.path(), what);
    }

    /**
     * A race-detector build records {@code -race=true} in its build settings and links ThreadSanitizer's Go
     * runtime ({@code __tsan_*} symbols) and the runtime's race glue ({@code runtime.racecallbackthunk}, which
     * only {@code -race} builds have; it is in the pclntab, so stripped files show it too).
     */
    private static void notRaceBuild(GoBinary binary, ElfFile elf) {
        String evidence = null;
        if ("true".equals(binary.buildSettings().get("-race"))) {
            evidence = "its build settings say -race=true";
        } else if (binary.findFunction("runtime.racecallbackthunk").isPresent()) {
            evidence = "it has the runtime's race-detector glue, runtime.racecallbackthunk";
        } else if (elf.dynamicSymbols().stream().anyMatch(s -> s.name().startsWith("__tsan_"))) {
            evidence = "it exports ThreadSanitizer's __tsan_* functions";
        }
        if (evidence != null) {
            throw Problems.raceDetectorBuild(binary.path(), evidence);
        }
    }
}
