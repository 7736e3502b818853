package dev.gojack.fuzz;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.GoJackException;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.elf.MalformedInputException;
import dev.gojack.internal.elf.NotElfException;
import dev.gojack.internal.elf.UnsupportedElfException;
import dev.gojack.internal.golang.BuildInfo;
import dev.gojack.internal.golang.FuncRecord;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.golang.InlineTrees;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.Pclntab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The fuzz targets' shared steps: run a parser over untrusted bytes and let only GoJack's own exceptions
 * pass. Anything else (IndexOutOfBounds, NegativeArraySize, ArithmeticException, NullPointerException,
 * OutOfMemoryError, ...) escapes and is a finding.
 */
final class Parsers {
    /** How many functions get their pc-value tables decoded per input: bounds the time per input. */
    static final int FUNCTIONS_DECODED = 64;

    private Parsers() {
    }

    /** The internal parsers' contract: only these three may escape them. */
    static boolean isInternal(Throwable t) {
        return t instanceof MalformedInputException || t instanceof NotElfException
                || t instanceof UnsupportedElfException;
    }

    /** Runs {@code step}; swallows GoJack's internal parser exceptions, lets everything else through. */
    static void internal(Runnable step) {
        try {
            step.run();
        } catch (MalformedInputException | NotElfException | UnsupportedElfException expected) {
            // the documented answer to bad input
        }
    }

    /**
     * Runs {@code step}; swallows {@link GoJackException}s, unless one wraps something other than a parser
     * exception or an I/O error: GoBinary turns any RuntimeException into an InvalidLibraryException as a last
     * resort, and such a wrapped IndexOutOfBounds is still a parser bug, so its cause is rethrown.
     */
    static void publicApi(Runnable step) {
        try {
            step.run();
        } catch (GoJackException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof GoJackException || isInternal(c) || c instanceof IOException) {
                    continue;
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
            }
        }
    }

    /** Every ELF-level reading of the file. */
    static ElfFile elf(byte[] input) {
        ElfFile elf = ElfFile.of(input);
        elf.sections();
        elf.loadSegments();
        elf.symbols();
        elf.dynamicSymbols();
        elf.relativeRelocations();
        for (ElfSection s : elf.sections()) {
            elf.fileOffset(s.address());
            elf.isExecutableAddress(s.address());
            elf.pointerAt(s.address());
        }
        return elf;
    }

    /** The pclntab, each function record, and the pc-value tables of the first functions. */
    static Optional<Pclntab> pclntab(ElfFile elf) {
        Optional<Pclntab> found = Pclntab.find(elf);
        found.ifPresent(p -> {
            List<FuncRecord> functions = p.functions();
            for (int i = 0; i < Math.min(FUNCTIONS_DECODED, functions.size()); i++) {
                FuncRecord f = functions.get(i);
                p.codeEndAndFrameSize(f);
                p.pcdata(f, 2);
                p.funcdata(f, 3);
            }
        });
        return found;
    }

    /** moduledata, then every function's inline tree. */
    static void inlineTrees(ElfFile elf, Pclntab pclntab, GoVersion version) {
        Optional<ModuleData> md = ModuleData.find(elf, pclntab, version);
        md.ifPresent(m -> InlineTrees.read(elf, pclntab, m.gofunc()).inlinedFunctions());
    }

    /**
     * The DWARF reader: every function it describes (at most {@link #FUNCTIONS_DECODED}), each signature's types
     * walked a few levels deep (pointer elements are lazy), the register assignment of each.
     */
    static void dwarf(ElfFile elf) {
        java.util.Optional<dev.gojack.internal.dwarf.DwarfReader> reader = dev.gojack.internal.dwarf.DwarfReader.open(elf);
        if (reader.isEmpty()) {
            return;
        }
        dev.gojack.internal.dwarf.DwarfReader r = reader.get();
        r.function("main.F", 0x1000);
        int n = 0;
        for (String name : r.functionNames()) {
            java.util.Optional<dev.gojack.internal.dwarf.FunctionInfo> f = r.function(name, 0);
            if (f.isPresent()) {
                f.get().parameters().forEach(p -> touch(p.type(), 0));
                f.get().results().forEach(p -> touch(p.type(), 0));
                dev.gojack.internal.arch.RegisterAbis.assign("amd64", f.get());
            }
            if (++n >= FUNCTIONS_DECODED) {
                break;
            }
        }
    }

    /** What GoBinary does for a signature request: a few lookups by name, not a walk over every unit. */
    static void dwarfLookups(ElfFile elf) {
        dev.gojack.internal.dwarf.DwarfReader.open(elf).ifPresent(r -> {
            for (String name : new String[] {"main.add", "main.main", "runtime.main"}) {
                r.function(name, 0).ifPresent(f -> {
                    f.parameters().forEach(p -> touch(p.type(), 0));
                    f.results().forEach(p -> touch(p.type(), 0));
                });
            }
        });
    }

    private static void touch(dev.gojack.internal.dwarf.TypeInfo t, int depth) {
        if (t == null || depth > 4) {
            return;
        }
        t.name();
        t.hasPointers();
        touch(t.elem(), depth + 1);
        touch(t.key(), depth + 1);
        t.fields().forEach(f -> touch(f.type(), depth + 1));
    }

    /** The Go version buildinfo gives, or a recent default when there is none. */
    static GoVersion version(ElfFile elf) {
        return BuildInfo.read(elf).map(BuildInfo::goVersion).orElse(GoVersion.parse("go1.22.0"));
    }

    /** The whole public path: write the bytes to a file, open it, and ask it everything it answers. */
    static void goBinary(byte[] input, Path dir) {
        Path file = dir.resolve("fuzz-input.so");
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publicApi(() -> {
            GoBinary binary = GoBinary.open(file);
            binary.goVersion();
            binary.buildSettings();
            binary.modulePath();
            binary.isStripped();
            binary.inliningDisabled();
            binary.variables();
            binary.inlinedFunctions();
            int n = 0;
            for (GoFunction f : binary.functions()) {
                binary.findFunction(f.name());
                binary.inlinedInto(f.name());
                if (++n >= FUNCTIONS_DECODED) {
                    break;
                }
            }
            binary.findFunction("main.add");
            binary.findVariable("main.counter");
        });
    }
}
