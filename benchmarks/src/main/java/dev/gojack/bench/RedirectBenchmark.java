package dev.gojack.bench;

import dev.gojack.GoFunction;
import dev.gojack.GoLibrary;
import dev.gojack.Patch;
import dev.gojack.PatchOption;
import dev.gojack.internal.arch.Architectures;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.nat.Native;
import jnr.ffi.Pointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redirect apply + restore in libcalls ({@code noinline}), against the floor measured the same way in the same run:
 * the protection change, the store and the protection change back, done with the same system-call path GoJack
 * uses ({@code Native.protect}, a raw {@code syscall(SYS_mprotect)} through jnr-ffi) and a jnr {@code putLong} on
 * the same page. A redirect applied and restored is two such writes, so every floor does the sequence twice.
 * The floor stores back the 8 bytes already there, so the code never changes. GoJack stores code through
 * read-write views of the pages it patches (no protection change): {@code floorView…} are that way's floors.
 *
 * <p>One Go runtime per JVM: this class loads only libcalls, and JMH runs every method in its own fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Long warm-up: on a 2-vCPU VM C2 took over 10 s to finish compiling these paths (measured with
// -XX:+PrintCompilation); with 3 iterations the figures still carried its compile storms.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedirectBenchmark {
    static final String TARGET = "main.add";
    static final String REPLACEMENT = "main.addReplacement";
    static final String OTHER_REPLACEMENT = "main.plainClosureReplacement";
    static final int BATCH = 10;

    private GoLibrary library;
    private long page;
    private int pageSize;
    private Pointer entry;
    private final List<String> batch = new ArrayList<>();
    private Pointer[] batchEntries;
    private Patch outer;
    /** A page of a memory file mapped read-write and read+execute: the floor of storing code through a view. */
    private long viewRw;
    private long viewRx;

    @Setup(Level.Trial)
    public void load() {
        Path file = BenchFixtures.library("noinline", "calls");
        library = GoLibrary.load(file);
        pageSize = Native.pageSize();
        GoFunction add = library.function(TARGET);
        page = add.address() & -pageSize;
        entry = Native.memory(add.address());
        // The first patch of a function also plans its hook; benchmarks measure the steady state.
        library.redirect(TARGET, REPLACEMENT).close();
        for (GoFunction f : library.functions()) {
            if (batch.size() == BATCH) {
                break;
            }
            // The fixture's own functions only (never one the Go runtime may run meanwhile), running-safe plans.
            if ((f.address() & -pageSize) != page || f.isWrapper() || !f.inlinedInto().isEmpty()
                    || !f.name().startsWith("main.") || f.name().contains("Replacement")
                    || f.name().equals("main.main") || f.name().equals("main.init")) {
                continue;
            }
            try {
                Patch p = library.redirect(f.name(), REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH);
                p.close();
                if (p.isRunningSafe()) {
                    batch.add(f.name());
                }
            } catch (RuntimeException refused) {
                // not patchable (too short, no padding in reach): not part of the batch
            }
        }
        if (batch.size() < BATCH) {
            throw new IllegalStateException("only " + batch.size() + " patchable functions on the page of " + TARGET);
        }
        int fd = Native.memoryFile("gojack-bench-view", pageSize);
        viewRw = Native.mapFile(fd, 0, pageSize, Native.PROT_READ | Native.PROT_WRITE);
        // The serialising function of the architecture GoJack chose for this library, from the one place it chooses.
        byte[] serialise = Architectures.forLibrary(file, elfMachine(file)).serialiseCoreFunction();
        Native.memory(viewRw).put(0, serialise, 0, serialise.length);
        viewRx = Native.mapFile(fd, 0, pageSize, Native.PROT_READ | Native.PROT_EXEC);
        Native.closeFile(fd);
        batchEntries = new Pointer[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batchEntries[i] = Native.memory(library.function(batch.get(i)).address());
        }
    }

    private static int elfMachine(Path file) {
        try {
            return ElfFile.open(file).machine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void restore() {
        if (outer != null) {
            outer.close();
        }
        library.restoreAll();
    }

    /** One redirect, applied and restored: {@code GoLibrary.redirect(...)} then {@code close()}. */
    @Benchmark
    public void redirectApplyRestore() {
        library.redirect(TARGET, REPLACEMENT).close();
    }

    /** Ten redirects of functions on one page, applied one by one, then restored newest first. */
    @Benchmark
    public void batchOf10SamePage() {
        Patch[] patches = new Patch[BATCH];
        for (int i = 0; i < BATCH; i++) {
            patches[i] = library.redirect(batch.get(i), REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH);
        }
        for (int i = BATCH - 1; i >= 0; i--) {
            patches[i].close();
        }
    }

    /** The same ten redirects as one {@code GoLibrary.batch}, restored by closing the batch (issue 15). */
    @Benchmark
    public void tenInOneBatch() {
        library.batch(lib -> {
            for (String name : batch) {
                lib.redirect(name, REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH);
            }
        }).close();
    }

    /** A second patch on an already redirected function, then closed again (the outer patch stays). */
    @Benchmark
    public void nestedRetarget(Outer o) {
        library.redirect(TARGET, OTHER_REPLACEMENT, PatchOption.ALLOW_SIGNATURE_MISMATCH).close();
    }

    /** Keeps {@code main.add} redirected for the whole nested benchmark. */
    @State(Scope.Benchmark)
    public static class Outer {
        Patch patch;

        @Setup(Level.Trial)
        public void open(RedirectBenchmark b) {
            patch = b.library.redirect(TARGET, REPLACEMENT);
        }

        @TearDown(Level.Trial)
        public void close() {
            patch.close();
        }
    }

    /** Floor of one apply + restore: (mprotect rwx, 8-byte store, mprotect r-x) twice. */
    @Benchmark
    public void floorProtectStore() {
        for (int k = 0; k < 2; k++) {
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_WRITE | Native.PROT_EXEC);
            entry.putLong(0, entry.getLong(0));
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_EXEC);
        }
    }

    /**
     * The same floor plus the cross-modifying-code barrier GoJack issues after each store
     * ({@code membarrier(PRIVATE_EXPEDITED_SYNC_CORE)}, when the kernel has it).
     */
    @Benchmark
    public void floorProtectStoreBarrier() {
        for (int k = 0; k < 2; k++) {
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_WRITE | Native.PROT_EXEC);
            entry.putLong(0, entry.getLong(0));
            Native.serialiseAllCores();
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_EXEC);
        }
    }

    /**
     * Floor of a batch as GoJack stores it: one protection change for the page, ten stores, one barrier, one
     * protection change back; twice (apply and restore).
     */
    @Benchmark
    public void floorBatchOf10SamePageBarrier() {
        for (int k = 0; k < 2; k++) {
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_WRITE | Native.PROT_EXEC);
            for (Pointer p : batchEntries) {
                p.putLong(0, p.getLong(0));
            }
            Native.serialiseAllCores();
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_EXEC);
        }
    }

    /**
     * Floor of one apply + restore as GoJack stores code: (an 8-byte store through a read-write view of the page,
     * membarrier(SYNC_CORE), the writing core's own serialising call) twice, on a page of its own.
     */
    @Benchmark
    public void floorViewStoreBarrier() {
        Pointer word = Native.memory(viewRw + 256);
        for (int k = 0; k < 2; k++) {
            word.putLong(0, word.getLong(0));
            Native.serialiseAllCores();
            Native.callVoid(viewRx);
        }
    }

    /** The batch's floor that way: ten stores through the view, the two barriers; twice. */
    @Benchmark
    public void floorBatchOf10ViewStoreBarrier() {
        Pointer words = Native.memory(viewRw + 256);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < BATCH; i++) {
                words.putLong(32L * i, words.getLong(32L * i));
            }
            Native.serialiseAllCores();
            Native.callVoid(viewRx);
        }
    }

    /** Floor of the batch: one protection change for the page, ten stores, one back; twice. */
    @Benchmark
    public void floorBatchOf10SamePage() {
        for (int k = 0; k < 2; k++) {
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_WRITE | Native.PROT_EXEC);
            for (Pointer p : batchEntries) {
                p.putLong(0, p.getLong(0));
            }
            Native.protect(page, pageSize, Native.PROT_READ | Native.PROT_EXEC);
        }
    }
}
