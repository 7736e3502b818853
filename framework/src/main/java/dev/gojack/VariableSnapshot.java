package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.patch.Location;
import dev.gojack.internal.patch.MemoryWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes some package variables of a loaded library held when the snapshot was taken; {@link #close()} writes
 * them back. Go package state — a circuit breaker's flag, a failure counter, a cache size — otherwise leaks from
 * one test into the next, since every test of a JVM shares one Go runtime. Take it with
 * {@link GoLibrary#snapshot(String...)}; the JUnit extension's {@code @RestoreGoVariables} takes one around each
 * test.
 *
 * <p>Only pointer-free variables are accepted by default (those the Go linker placed in {@code .noptrdata} or
 * {@code .noptrbss}: numbers, bools, arrays and structs of them): their bytes are their whole value. Restoring is
 * one aligned store per 8-byte word, so no Go reader sees a torn word, but a multi-word value is not restored
 * atomically: close the snapshot while no goroutine writes the variables.
 */
public final class VariableSnapshot implements Patch {
    private final GoLibrary library;
    private final Map<LiveVariable, byte[]> saved;
    /** Patches open when the snapshot was taken: the snapshot is nested inside those, so they may stay open. */
    private final java.util.Set<Patch> outer;
    private final Location location = Location.here();
    private boolean closed;

    private VariableSnapshot(GoLibrary library, Map<LiveVariable, byte[]> saved, List<Patch> outer) {
        this.library = library;
        this.saved = saved;
        this.outer = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        this.outer.addAll(outer);
    }

    static VariableSnapshot take(GoLibrary library, List<String> names, SnapshotOption... options) {
        boolean pointers = List.of(options).contains(SnapshotOption.ALLOW_POINTERS);
        Map<LiveVariable, byte[]> saved = new LinkedHashMap<>();
        List<LiveVariable> variables = new ArrayList<>();
        for (String name : names) {
            LiveVariable v = library.variable(name);
            String section = section(library, v);
            if (!pointers && !section.startsWith(".noptr")) {
                throw Problems.snapshotMayHoldPointers(name, library.path(), section);
            }
            variables.add(v);
        }
        return library.patcher().locked(() -> {
            variables.forEach(v -> saved.put(v, v.getBytes()));
            return new VariableSnapshot(library, saved, library.openPatches());
        });
    }

    private static String section(GoLibrary library, LiveVariable v) {
        for (ElfSection s : library.binary().elf().sections()) {
            if (s.address() != 0 && s.containsAddress(v.fileAddress())) {
                return s.name();
            }
        }
        return "(no section)";
    }

    /** The variables' names, in the order given. */
    public List<String> variables() {
        return saved.keySet().stream().map(GoVariable::name).toList();
    }

    /** The bytes {@code variable} held when the snapshot was taken. */
    public byte[] savedBytes(String variable) {
        for (Map.Entry<LiveVariable, byte[]> e : saved.entrySet()) {
            if (e.getKey().name().equals(variable)) {
                return e.getValue().clone();
            }
        }
        throw Problems.notInSnapshot(variable, variables());
    }

    /** The variables' names, comma-separated: what the snapshot restores. */
    @Override
    public String target() {
        return String.join(", ", variables());
    }

    @Override
    public String describe() {
        return toString() + ", taken at " + location;
    }

    /** True when every variable is at most one word, so restoring it is one aligned store a Go reader sees whole. */
    @Override
    public boolean isRunningSafe() {
        return saved.entrySet().stream().allMatch(e -> e.getValue().length <= 8 && e.getKey().address() % 8 == 0);
    }

    /** True once closed. */
    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Writes every variable's saved bytes back (only those that changed).
     *
     * @throws PatchStateException if it was already closed, or a GoJack patch of one of the variables applied
     *                             after the snapshot is still open (close that first: its own close would
     *                             otherwise undo this restore)
     */
    @Override
    public synchronized void close() {
        library.patcher().locked(() -> {
            if (closed) {
                throw Problems.alreadyClosed(toString(), location);
            }
            for (Patch open : library.openPatches()) {
                if (!outer.contains(open) && saved.keySet().stream().anyMatch(v -> v.name().equals(open.target()))) {
                    throw Problems.notInnermost(toString(), open.describe(), madeAt(open));
                }
            }
            saved.forEach(VariableSnapshot::restore);
            closed = true;
            return null;
        });
    }

    private static void restore(LiveVariable v, byte[] bytes) {
        if (java.util.Arrays.equals(v.getBytes(), bytes)) {
            return;
        }
        MemoryWriter.storeWords(v.address(), bytes);
    }

    private static Object madeAt(Patch patch) {
        return patch instanceof dev.gojack.internal.patch.AbstractPatch a ? a.location() : "an unknown place";
    }

    @Override
    public String toString() {
        return "snapshot of " + variables() + " in " + library.path().getFileName();
    }
}
