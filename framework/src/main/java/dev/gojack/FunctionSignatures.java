package dev.gojack;

import dev.gojack.internal.dwarf.DwarfReader;
import dev.gojack.internal.dwarf.FunctionInfo;
import dev.gojack.internal.elf.MalformedInputException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signatures of one library's functions: declared ones first, else DWARF's, read on the first request and
 * remembered (per entry address, so the two halves of an ABI pair are told apart).
 */
final class FunctionSignatures {
    private final GoBinary binary;
    private final Map<Long, GoSignature> declared = new ConcurrentHashMap<>();
    private final Map<Long, Optional<GoSignature>> found = new ConcurrentHashMap<>();
    private volatile Optional<DwarfReader> dwarf;

    FunctionSignatures(GoBinary binary) {
        this.binary = binary;
    }

    Optional<GoSignature> of(GoFunction f) {
        GoSignature d = declared.get(f.fileAddress());
        if (d != null) {
            return Optional.of(d);
        }
        Optional<GoSignature> known = found.get(f.fileAddress());
        if (known != null) {
            return known;
        }
        Optional<GoSignature> read = read(f);
        found.put(f.fileAddress(), read);
        return read;
    }

    void declare(GoFunction f, GoSignature signature) {
        declared.put(f.fileAddress(), signature);
    }

    private Optional<GoSignature> read(GoFunction f) {
        // Assembly bodies have DWARF entries without parameters, and the ABI0 half of a pair none of its own.
        if (f.isAssembly() || f.abi() != GoAbi.ABI_INTERNAL) {
            return Optional.empty();
        }
        Optional<DwarfReader> reader = reader();
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<FunctionInfo> info = reader.get().function(f.name(), f.fileAddress());
            if (info.isEmpty()) {
                return Optional.empty();
            }
            GoSignature signature = new GoSignature(info.get(), false, binary.architecture());
            // The pclntab's args is the call's whole argument area (stack arguments, stack results, spill
            // area): a DWARF description that lays out differently is incomplete (Go omits some parameters of
            // wrappers and, before 1.22, unnamed ones), and no signature is better than a wrong one.
            if (signature.frameSize().isPresent() && signature.frameSize().get() != f.argsSize()) {
                return Optional.empty();
            }
            return Optional.of(signature);
        } catch (MalformedInputException e) {
            throw dev.gojack.internal.Problems.invalidLibrary(binary.path(),
                    "its DWARF description of " + f.name() + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    Optional<DwarfReader> reader() {
        Optional<DwarfReader> r = dwarf;
        if (r == null) {
            synchronized (this) {
                r = dwarf;
                if (r == null) {
                    try {
                        r = DwarfReader.open(binary.elf());
                    } catch (MalformedInputException e) {
                        throw dev.gojack.internal.Problems.invalidLibrary(binary.path(),
                                "its DWARF sections are corrupt (" + e.getMessage() + ")", e);
                    }
                    dwarf = r;
                }
            }
        }
        return r;
    }
}
