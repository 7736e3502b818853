package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.Architectures;
import dev.gojack.internal.elf.ElfSymbol;
import dev.gojack.internal.nat.LoadedLibrary;
import dev.gojack.internal.nat.Native;
import jnr.ffi.LibraryLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JVM-wide registry of loaded Go libraries, one {@link Patcher} (and its facade) per file. The file is read
 * and checked before anything else, so a missing file, a directory or a library that is not Go says so, and
 * only a real second Go library hears about two Go runtimes.
 */
final class Loading {
    private static final Map<Path, Object> LOADED = new LinkedHashMap<>();

    private Loading() {
    }

    static <L> L load(Path path, Function<Path, Patcher.LibraryFile> open, Function<Patcher, L> facade) {
        Path file = canonical(path);
        synchronized (LOADED) {
            Object existing = LOADED.get(file);
            if (existing != null) {
                @SuppressWarnings("unchecked")
                L same = (L) existing;
                return same;
            }
            Patcher.LibraryFile read = open.apply(file);
            LibraryChecks.beforeLoading(read); // executables and race builds: refused before anything is loaded
            if (!LOADED.isEmpty() && !Boolean.getBoolean(Problems.ALLOW_MULTIPLE_RUNTIMES)) {
                throw Problems.secondRuntime(file, LOADED.keySet().iterator().next());
            }
            Architecture architecture = Architectures.forLibrary(file, read.elf().machine());
            try {
                LibraryLoader.create(LoadedLibrary.class).failImmediately().load(file.toString());
            } catch (LinkageError | RuntimeException e) {
                throw Problems.dynamicLinkerRefused(file, e);
            }
            long base = Native.loadBase(file);
            verifyBase(read, base);
            L library = facade.apply(new Patcher(read, base, architecture, LibraryMappings.of(file)));
            LOADED.put(file, library);
            return library;
        }
    }

    static <L> List<L> loaded(Class<L> type) {
        synchronized (LOADED) {
            List<L> all = new ArrayList<>();
            LOADED.values().forEach(l -> all.add(type.cast(l)));
            return List.copyOf(all);
        }
    }

    /** The file's real path, so that a symbolic link and its target count as one library. */
    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // reading the file reports it missing
        }
    }

    /** The dynamic linker's address of an export must be where the file's symbol plus the base says. */
    private static void verifyBase(Patcher.LibraryFile file, long base) {
        for (ElfSymbol s : file.elf().dynamicSymbols()) {
            if (s.isFunction() && s.isDefined() && s.value() != 0) {
                long actual = Native.dynamicSymbol(file.binary().path(), s.name());
                if (actual != base + s.value()) {
                    throw Problems.loadBaseMismatch(file.binary().path(), base, s.name());
                }
                return;
            }
        }
    }
}
