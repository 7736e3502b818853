package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.RegisterValue;
import dev.gojack.internal.elf.ElfSymbol;
import dev.gojack.internal.nat.LoadedLibrary;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.EntryTarget;
import dev.gojack.internal.patch.LibraryMappings;
import dev.gojack.internal.patch.PatchRegistry;
import dev.gojack.internal.patch.StubMemory;
import jnr.ffi.LibraryLoader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Go shared library loaded into this JVM, and the patches GoJack made to it. Load it once
 * ({@link #load(Path)}; loading the same file again returns the same instance), look functions and variables
 * up by their Go names, and patch them; every patch is a {@link Patch} handle that restores what it replaced.
 * {@link #close()} restores every open patch — the Go runtime itself cannot be unloaded and stays.
 */
public final class GoLibrary implements AutoCloseable {
    private static final Map<Path, GoLibrary> LOADED = new HashMap<>();

    private final GoBinary binary;
    private final long loadBase;
    private final PatchRegistry registry;
    private final Architecture architecture;
    private final ValuePlacer values;

    private GoLibrary(GoBinary binary, long loadBase, Architecture architecture, LibraryMappings mappings) {
        this.binary = binary;
        this.loadBase = loadBase;
        this.architecture = architecture;
        long anchor = loadBase + binary.function("runtime.main").fileAddress();
        this.registry = new PatchRegistry(binary.path(), architecture, mappings, anchor);
        this.values = new ValuePlacer(this, registry.memory());
    }

    /**
     * Loads the Go c-shared library at {@code path} into this JVM (its Go runtime starts), or returns the
     * instance that already holds it. A second, different Go library is refused: two Go runtimes in one
     * process are unsupported by Go. Set the system property {@value Problems#ALLOW_MULTIPLE_RUNTIMES} to
     * {@code true} to load it anyway.
     */
    public static GoLibrary load(Path path) {
        Path file = canonical(path);
        synchronized (LOADED) {
            GoLibrary existing = LOADED.get(file);
            if (existing != null) {
                return existing;
            }
            if (!LOADED.isEmpty() && !Boolean.getBoolean(Problems.ALLOW_MULTIPLE_RUNTIMES)) {
                throw Problems.secondRuntime(file, LOADED.keySet().iterator().next());
            }
            GoBinary binary = GoBinary.open(file);
            Architecture architecture = Architecture.forMachine(binary.elf().machine());
            String hostArch = System.getProperty("os.arch");
            if (architecture == null || !(hostArch.equals("amd64") || hostArch.equals("x86_64"))) {
                throw Problems.unsupported(file, "GoJack patches linux/amd64 libraries in an amd64 JVM; this is a "
                        + binary.architecture() + " library in a " + hostArch + " JVM. GoBinary.open still reads it");
            }
            try {
                LibraryLoader.create(LoadedLibrary.class).failImmediately().load(file.toString());
            } catch (LinkageError | RuntimeException e) {
                throw Problems.loadFailed(file, "the dynamic linker refused it (" + e.getMessage() + ")", e);
            }
            long base = Native.loadBase(file);
            verifyBase(binary, base);
            GoLibrary library = new GoLibrary(binary, base, architecture, LibraryMappings.of(file));
            LOADED.put(file, library);
            return library;
        }
    }

    /** The file's real path, so that a symbolic link and its target count as one library. */
    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize(); // GoBinary.open reports the missing file
        }
    }

    /** Every Go library GoJack loaded into this JVM (normally one). */
    public static List<GoLibrary> loadedLibraries() {
        synchronized (LOADED) {
            return List.copyOf(LOADED.values());
        }
    }

    /** The dynamic linker's address of an export must be where the file's symbol plus the base says. */
    private static void verifyBase(GoBinary binary, long base) {
        for (ElfSymbol s : binary.elf().dynamicSymbols()) {
            if (s.isFunction() && s.isDefined() && s.value() != 0) {
                long actual = Native.dynamicSymbol(binary.path(), s.name());
                if (actual != base + s.value()) {
                    throw Problems.loadFailed(binary.path(), "the load base 0x" + Long.toHexString(base)
                            + " does not match the address of " + s.name(), null);
                }
                return;
            }
        }
    }

    /** The static view of the file. */
    public GoBinary binary() {
        return binary;
    }

    public Path path() {
        return binary.path();
    }

    /** Where the library is mapped: file virtual address + load base = address in this process. */
    public long loadBase() {
        return loadBase;
    }

    public String goVersion() {
        return binary.goVersion();
    }

    public Map<String, String> buildSettings() {
        return binary.buildSettings();
    }

    /** The function named {@code goName}, at its address in this process. */
    public GoFunction function(String goName) {
        return binary.function(goName).atBase(loadBase);
    }

    public Optional<GoFunction> findFunction(String goName) {
        return binary.findFunction(goName).map(f -> f.atBase(loadBase));
    }

    public List<GoFunction> functions() {
        List<GoFunction> all = new ArrayList<>();
        binary.functions().forEach(f -> all.add(f.atBase(loadBase)));
        return all;
    }

    /** The package variable named {@code goName}, at its address in this process, readable and patchable. */
    public LiveVariable variable(String goName) {
        GoVariable v = binary.variable(goName);
        return new LiveVariable(this, v.name(), v.fileAddress(), loadBase, v.size());
    }

    // ---------------------------------------------------------------- redirects

    /**
     * Makes every call of {@code target} run {@code replacement} instead, until the returned patch is closed.
     * Both are Go functions of this library with the same signature (a method's receiver is its first argument).
     *
     * @throws SymbolNotFoundException     if either name is unknown
     * @throws InlinedTargetException      if {@code target} was inlined elsewhere (see {@link PatchOption#ALLOW_INLINED})
     * @throws SignatureMismatchException  if their argument sizes differ
     * @throws PatchRefusedException       if the entry cannot take a jump
     * @throws PatchConflictException      if something else already changed the entry
     */
    public Patch redirect(String target, String replacement, PatchOption... options) {
        List<GoFunction> targets = resolveTargets(target);
        GoFunction r = function(replacement);
        for (GoFunction t : targets) {
            if (!has(options, PatchOption.ALLOW_SIGNATURE_MISMATCH) && t.argsSize() != r.argsSize()) {
                throw Problems.signatureMismatch(t.name(), t.argsSize(), replacement, r.argsSize(), path());
            }
        }
        return hookAll(target, targets, r.address(), replacement, 0, options);
    }

    /**
     * Makes every call of {@code target} call the Go func value held in the package variable
     * {@code funcVariable} (a closure keeps its captured variables). The variable is read at each call, so
     * assigning it in Go changes the destination too.
     */
    public Patch redirectToFuncValue(String target, String funcVariable, PatchOption... options) {
        GoFunction t = function(target);
        LiveVariable v = variable(funcVariable);
        if (v.size() != 8) {
            throw Problems.refused(target, path(), "the variable " + funcVariable + " has " + v.size()
                    + " bytes, but a func value is one pointer (8 bytes).");
        }
        if (v.getPointer() == 0) {
            throw Problems.refused(target, path(), "the func variable " + funcVariable + " is nil; calls would crash."
                    + " Assign it in Go before redirecting to it.");
        }
        long stub = registry.memory().code(architecture.funcValueJump(v.address()));
        return hook(t, stub, "func value in " + funcVariable, 0, options);
    }

    /**
     * Sends every function of {@code targets} to {@code destination} as one patch; if one of them is refused, the
     * ones already applied are restored before the refusal is thrown.
     */
    private Patch hookAll(String name, List<GoFunction> targets, long destination, String what, long counter,
                          PatchOption... options) {
        List<Patch> applied = new ArrayList<>();
        try {
            for (GoFunction t : targets) {
                applied.add(hook(t, destination, what, counter, options));
            }
        } catch (RuntimeException e) {
            closeNewestFirst(applied);
            throw e;
        }
        return applied.size() == 1 ? applied.get(0) : new CompositePatch(registry, name, applied, counter);
    }

    /** Closes {@code patches} from the last applied to the first. */
    static void closeNewestFirst(List<Patch> patches) {
        for (int i = patches.size() - 1; i >= 0; i--) {
            patches.get(i).close();
        }
    }

    Patch hook(GoFunction target, long destination, String what, long counter, PatchOption... options) {
        return registry.hook(entryTarget(target, options), destination, what, counter);
    }

    EntryTarget entryTarget(GoFunction target, PatchOption... options) {
        if (!has(options, PatchOption.ALLOW_INLINED) && !target.inlinedInto().isEmpty()) {
            throw Problems.inlined(target.name(), path(), target.inlinedInto());
        }
        long[] layout = binary.layoutAround(target.name());
        byte[] fileBytes = binary.elf().bytesAt(target.fileAddress(), (int) Math.min(16, layout[1] - target.fileAddress()));
        long[][] gaps = {{loadBase + layout[2], loadBase + target.fileAddress()},
                {loadBase + target.fileAddress() + target.size(), loadBase + layout[1]}};
        return new EntryTarget(target.name(), target.address(), fileBytes, target.address() + target.size(),
                loadBase + layout[1], gaps);
    }

    private static boolean has(PatchOption[] options, PatchOption wanted) {
        for (PatchOption o : options) {
            if (o == wanted) {
                return true;
            }
        }
        return false;
    }

    PatchRegistry registry() {
        return registry;
    }

    ValuePlacer values() {
        return values;
    }

    // ---------------------------------------------------------------- fake clock

    /**
     * Puts Go's {@code time.Now} under Java's control, starting at {@code start}: see {@link FakeClock}. The
     * returned times are in UTC unless {@link FakeClockOption#LOCAL_ZONE} asks for Go's {@code time.Local};
     * {@link FakeClockOption#SLEEP_ADVANCES} makes {@code time.Sleep} advance the clock instead of sleeping.
     * Close the clock to restore the real one.
     */
    public FakeClock fakeClock(Instant start, FakeClockOption... options) {
        java.util.Set<FakeClockOption> set = java.util.EnumSet.noneOf(FakeClockOption.class);
        set.addAll(java.util.Arrays.asList(options));
        long location = 0;
        if (set.contains(FakeClockOption.LOCAL_ZONE)) {
            location = binary.findVariable("time.Local").map(v -> loadBase + v.fileAddress()).orElseThrow(() ->
                    Problems.refused("time.Now", path(), "LOCAL_ZONE needs the variable time.Local, which is only "
                            + "named in .symtab; this library is stripped. Use UTC or build without -s."));
        }
        long state = registry.memory().data(32);
        FakeClock.initialise(state, start);
        List<Patch> patches = new ArrayList<>();
        try {
            long now = registry.memory().code(architecture.fakeNowStub(state, location));
            patches.add(hook(function("time.Now"), now, "fake clock", 0));
            if (set.contains(FakeClockOption.SLEEP_ADVANCES)) {
                long sleep = registry.memory().code(architecture.fakeSleepStub(state));
                patches.add(hook(function("time.Sleep"), sleep, "fake sleep (advances the fake clock)", 0));
            }
        } catch (RuntimeException e) {
            closeNewestFirst(patches);
            throw e;
        }
        return new FakeClock(state, start, patches, set.contains(FakeClockOption.SLEEP_ADVANCES));
    }

    // ---------------------------------------------------------------- return stubs

    /**
     * Makes {@code target} return {@code results} on every call without running its body (gomonkey's
     * {@code ApplyFuncReturn}). For a generic function, its base name ({@code main.Map}) patches every shape
     * instantiation in the library at once; one body serves all type arguments of one GC shape.
     *
     * @throws PatchRefusedException if the results need more registers than Go's ABI has (they would be
     *                               returned on the stack)
     */
    public StubPatch stubReturn(String target, GoValue... results) {
        return stubReturn(target, List.of(results));
    }

    /** {@link #stubReturn(String, GoValue...)} with options, e.g. {@link PatchOption#ALLOW_INLINED}. */
    public StubPatch stubReturn(String target, List<GoValue> results, PatchOption... options) {
        List<GoValue[]> rows = new ArrayList<>();
        rows.add(results.toArray(new GoValue[0]));
        return stubSequence(target, rows, options);
    }

    /**
     * Makes call <i>n</i> of {@code target} return {@code results.get(n)}; once the list is used up the last
     * row repeats (gomonkey's {@code ApplyFuncSeq}, without its panic). {@link StubPatch#callCount()} tells how
     * often Go called it. Every row must have the same Go types.
     */
    public StubPatch stubSequence(String target, List<GoValue[]> results, PatchOption... options) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("stubSequence(" + target + ") needs at least one row of results");
        }
        List<GoFunction> targets = resolveTargets(target);
        List<ValuePlacer.Word> shape = null;
        List<long[]> rows = new ArrayList<>();
        for (GoValue[] row : results) {
            List<ValuePlacer.Word> words = new ArrayList<>();
            for (GoValue v : row) {
                words.addAll(values.words(v));
            }
            if (shape != null && !sameShape(shape, words)) {
                throw new IllegalArgumentException("Every row of stubSequence(" + target + ") must have the same Go "
                        + "types; row " + rows.size() + " differs from row 0.");
            }
            shape = shape == null ? words : shape;
            rows.add(words.stream().mapToLong(ValuePlacer.Word::bits).toArray());
        }
        List<RegisterValue> layout = registerLayout(target, shape);
        int stride = Math.max(8, shape.size() * 8);
        String what = results.size() == 1 ? "return " + java.util.Arrays.toString(results.get(0))
                : "return " + results.size() + " result rows in turn";
        // The stub's memory lives as long as its patches, then is reused (NearMemory, StubGrace).
        try (StubMemory memory = registry.memory().newStub()) {
            long counter = memory.data(8);
            long table = memory.data((long) stride * rows.size());
            ValuePlacer.fillTable(table, stride, rows);
            long stub = memory.code(architecture.sequenceStub(counter, table, rows.size(), stride, layout));
            return (StubPatch) hookAll(target, targets, stub, what, counter, options);
        }
    }

    private static boolean sameShape(List<ValuePlacer.Word> a, List<ValuePlacer.Word> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).floating() != b.get(i).floating() || a.get(i).single() != b.get(i).single()) {
                return false;
            }
        }
        return true;
    }

    /** The register of each result word, in ABI order; refused when the results would spill to the stack. */
    private List<RegisterValue> registerLayout(String target, List<ValuePlacer.Word> words) {
        List<RegisterValue> out = new ArrayList<>();
        int ints = 0;
        int floats = 0;
        for (int i = 0; i < words.size(); i++) {
            ValuePlacer.Word w = words.get(i);
            int index = w.floating() ? floats++ : ints++;
            if (ints > architecture.integerResultRegisters().size() || floats > architecture.floatResultRegisters().size()) {
                throw Problems.refused(target, path(), "its results need " + ints + " integer and " + floats
                        + " floating-point registers; Go's ABI has " + architecture.integerResultRegisters().size()
                        + " and " + architecture.floatResultRegisters().size()
                        + ", so they would be returned on the stack, which GoJack's stubs do not do.");
            }
            out.add(new RegisterValue(w.floating(), index, 0, w.single()));
        }
        return out;
    }

    /**
     * The functions a name patches: the function of that exact name, or, for the base name of a generic
     * function or method ({@code main.Map}, {@code main.(*Box).Get}), every shape instantiation of it.
     */
    List<GoFunction> resolveTargets(String goName) {
        Optional<GoFunction> exact = findFunction(goName);
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        List<GoFunction> instances = new ArrayList<>();
        for (String name : binary.functionNames()) {
            if (name.indexOf('[') >= 0 && withoutTypeArguments(name).equals(goName)) {
                GoFunction f = function(name);
                if (!f.isWrapper()) {
                    instances.add(f);
                }
            }
        }
        if (instances.isEmpty()) {
            throw Problems.functionNotFound(goName, path(), binary.functionNames());
        }
        instances.sort(java.util.Comparator.comparing(GoFunction::name));
        return instances;
    }

    static String withoutTypeArguments(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int depth = 0;
        for (char c : name.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    Architecture architecture() {
        return architecture;
    }

    // ---------------------------------------------------------------- interface values (Morph)

    /** Reads the package variable {@code goName} as an interface value: its two words, dynamic type, interface type. */
    public GoInterfaceValue interfaceVariable(String goName) {
        return Morphing.interfaceVariable(this, goName);
    }

    /**
     * The type descriptor named {@code goName} ({@code main.memStore}, {@code *main.memStore}, {@code time.Time},
     * or with a full import path), at its address in this process.
     */
    public GoType type(String goName) {
        return Morphing.type(this, goName);
    }

    /**
     * Swaps the dynamic type of the interface value held in the package variable {@code variable} for
     * {@code typeName}, until the patch is closed: every method call through the interface then runs the new
     * type's methods on the same data. Checked first for GC safety (same size, same pointer layout, same
     * direct-interface property, recursively through pointers) and, for a non-empty interface, for an itab
     * the library already has.
     *
     * @throws MorphNotSafeException  naming every layout difference
     * @throws PatchRefusedException  if the variable is nil, the library has no itab for the pair, or the type
     *                                is an interface
     */
    public Patch morph(String variable, String typeName, MorphOption... options) {
        return Morphing.morph(this, variable, typeName, options);
    }

    /** Gives {@code variable} the dynamic type that {@code otherVariable} holds now (morfos' form of Morph). */
    public Patch morphLike(String variable, String otherVariable, MorphOption... options) {
        return Morphing.morphLike(this, variable, otherVariable, options);
    }

    // ---------------------------------------------------------------- life cycle

    /** Patches still open on this library, oldest first. */
    public List<Patch> openPatches() {
        return registry.openPatches();
    }

    /** Closes every open patch, newest first. */
    public void restoreAll() {
        registry.restoreAll();
    }

    /** Restores every open patch. The library stays loaded (a Go runtime cannot be unloaded). */
    @Override
    public void close() {
        restoreAll();
    }

    /** Pages of the library that are writable and executable now (none, unless a write is under way). */
    public List<String> writableExecutablePages() {
        List<String> bad = new ArrayList<>();
        for (LibraryMappings.Mapping m : LibraryMappings.read()) {
            if (m.writableAndExecutable() && (m.path().equals(path().toString()) || m.path().contains("gojack"))) {
                bad.add(Long.toHexString(m.start()) + "-" + Long.toHexString(m.end()) + " " + m.path());
            }
        }
        return bad;
    }

    @Override
    public String toString() {
        return "GoLibrary[" + path() + ", " + goVersion() + ", base 0x" + Long.toHexString(loadBase) + "]";
    }
}
