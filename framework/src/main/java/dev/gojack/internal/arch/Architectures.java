package dev.gojack.internal.arch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.amd64.Amd64Architecture;
import dev.gojack.internal.elf.ElfFile;

import java.nio.file.Path;

/**
 * The one place that maps an ELF machine and the host to what GoJack can do with a library: read it (amd64,
 * arm64) and patch it (amd64 libraries in an amd64 JVM). {@link Architecture} implementations know nothing of
 * each other; this factory knows all of them.
 */
public final class Architectures {
    private Architectures() {
    }

    /**
     * Go's name ({@code GOARCH}) of the machine an ELF file is for.
     *
     * @throws dev.gojack.UnsupportedLibraryException if GoJack cannot read libraries for it
     */
    public static String goArch(Path file, int elfMachine) {
        return switch (elfMachine) {
            case ElfFile.EM_X86_64 -> "amd64";
            case ElfFile.EM_AARCH64 -> "arm64";
            default -> throw Problems.unreadableMachine(file, elfMachine, ElfFile.EM_X86_64, ElfFile.EM_AARCH64);
        };
    }

    /** The host's architecture as Go names it, from {@code os.arch}. */
    public static String hostGoArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    /**
     * The architecture that patches a library for ELF machine {@code elfMachine} in this JVM, checked once at
     * load.
     *
     * @throws dev.gojack.UnsupportedLibraryException if GoJack cannot patch that library in this JVM
     */
    public static Architecture forLibrary(Path file, int elfMachine) {
        String library = goArch(file, elfMachine);
        String host = hostGoArch();
        if (elfMachine != ElfFile.EM_X86_64 || !host.equals("amd64")) {
            throw Problems.cannotPatchHere(file, library, System.getProperty("os.arch"));
        }
        return new Amd64Architecture();
    }
}
