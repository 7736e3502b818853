package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.morph.Morphing;
import dev.gojack.internal.patch.FunctionLayout;
import dev.gojack.internal.patch.LibraryMappings;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.patch.Patcher;
import dev.gojack.internal.runtime.PcTableCoverage;
import dev.gojack.internal.runtime.RuntimeClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Go shared library loaded into this JVM, and the patches GoJack made to it. Load it once
 * ({@link #load(Path)}; loading the same file again returns the same instance), look functions and variables
 * up by their Go names, and patch them; every patch is a {@link Patch} handle that restores what it replaced.
 * {@link #close()} restores every open patch — the Go runtime itself cannot be unloaded and stays.
 */
public final class GoLibrary implements AutoCloseable {
    private final Patcher patcher;
    private final GoBinary binary;
    private final long loadBase;
    /** The runtime clocks FIRES_TIMERS shifts; created on first use, kept for the life of the library. */
    private RuntimeClock runtimeClock;
    /** Java answers (issue 19); created on first use. */
    private dev.gojack.internal.answer.Answers answers;

    private GoLibrary(Patcher patcher) {
        this.patcher = patcher;
        this.binary = patcher.binary();
        this.loadBase = patcher.loadBase();
        // Issue 13: a jump parked in padding must be described by the runtime's pc tables.
        patcher.slotGuard(PcTableCoverage.attach(binary.pclntab(), GoBinary.wrapperFuncId(binary.version()), loadBase,
                binary.moduleData().map(ModuleData::address).orElse(-1L), patcher.writer()));
    }

    /**
     * Loads the Go c-shared library at {@code path} into this JVM (its Go runtime starts), or returns the
     * instance that already holds it. A second, different Go library is refused: two Go runtimes in one
     * process are unsupported by Go. Set the system property {@value Problems#ALLOW_MULTIPLE_RUNTIMES} to
     * {@code true} to load it anyway.
     */
    public static GoLibrary load(Path path) {
        Objects.requireNonNull(path, "path");
        return Patcher.load(path, GoLibrary::read, GoLibrary::new);
    }

    /** Reads the file, and lends the engine what only this package can make. */
    private static Patcher.LibraryFile read(Path file) {
        GoBinary binary = GoBinary.open(file);
        return new Patcher.LibraryFile(binary, binary.elf(), new Patcher.Symbols() {
            @Override
            public GoFunction atBase(GoFunction fileFunction, long base) {
                return fileFunction.atBase(base);
            }

            @Override
            public GoVariable atBase(GoVariable v, long base) {
                return new GoVariable(v.name(), v.fileAddress(), base, v.size());
            }

            @Override
            public FunctionLayout layout(String goName) {
                return binary.layoutAround(goName);
            }

            @Override
            public GoJackException missingFunction(String goName) {
                return binary.missingFunction(goName);
            }

            @Override
            public Optional<String> functionAtEntry(long fileAddress) {
                return binary.functionAtEntry(fileAddress);
            }

            @Override
            public dev.gojack.internal.golang.TypeIndex typeIndex() {
                return binary.typeIndex();
            }

            @Override
            public Optional<dev.gojack.internal.patch.TypedSignature> signature(GoFunction f) {
                return f.signature().map(s -> new dev.gojack.internal.patch.TypedSignature(s.toString(), s.info(),
                        s.assignment()));
            }
        });
    }

    /** Every Go library GoJack loaded into this JVM (normally one). */
    public static List<GoLibrary> loadedLibraries() {
        return Patcher.loaded(GoLibrary.class);
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

    /**
     * Declares the Go signature of {@code function}, for a library built without DWARF ({@code -ldflags=-w}):
     * {@code declareSignature("main.PlaceOrder", "func(qty int, name string) (int, error)")}. Parsed from Go
     * syntax; named types are found through the library's type descriptors ({@link #type(String)}), basic types
     * are Go's. {@link GoFunction#signature()} answers with it from then on.
     *
     * @return the declared signature
     * @throws InvalidSignatureException if it does not parse, names an unknown type, lays out a different argument
     *                                   area than the function's pclntab entry, or contradicts the library's DWARF
     */
    public GoSignature declareSignature(String function, String goSignature) {
        return SignatureDeclarations.declare(binary, function, goSignature);
    }

    /** The package variable named {@code goName}, at its address in this process, readable and patchable. */
    public LiveVariable variable(String goName) {
        GoVariable v = binary.variable(goName);
        return new LiveVariable(this, v.name(), v.fileAddress(), loadBase, v.size());
    }

    // ---------------------------------------------------------------- package state (issue 14)

    /**
     * Saves the bytes of the pointer-free package variables {@code variables} now; closing the returned handle
     * writes them back. Use it to keep Go package state (a circuit breaker, a counter) from leaking between tests.
     *
     * @throws SymbolNotFoundException if a variable is unknown (or the library is stripped)
     * @throws PatchRefusedException   if a variable may hold pointers (see {@link SnapshotOption#ALLOW_POINTERS})
     */
    public VariableSnapshot snapshot(String... variables) {
        return VariableSnapshot.take(this, List.of(variables));
    }

    /** {@link #snapshot(String...)} with options. */
    public VariableSnapshot snapshot(List<String> variables, SnapshotOption... options) {
        return VariableSnapshot.take(this, variables, options);
    }

    // ---------------------------------------------------------------- redirects

    /**
     * Makes every call of {@code target} run {@code replacement} instead, until the returned patch is closed.
     * Both are Go functions of this library with the same signature (a method's receiver is its first argument).
     *
     * @throws SymbolNotFoundException     if either name is unknown
     * @throws InlinedTargetException      if {@code target} was inlined elsewhere (see {@link PatchOption#ALLOW_INLINED})
     * @throws SignatureMismatchException  if their register-ABI layouts differ (typed signatures), or their
     *                                     argument sizes (without them); see {@link PatchOption#ALLOW_SIGNATURE_MISMATCH}
     * @throws PatchRefusedException       if the entry cannot take a jump
     * @throws PatchConflictException      if something else already changed the entry
     */
    public Patch redirect(String target, String replacement, PatchOption... options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(replacement, "replacement");
        return patcher.redirect(target, replacement, options);
    }

    /**
     * Makes every call of {@code target} call the Go func value held in the package variable
     * {@code funcVariable} (a closure keeps its captured variables). The variable is read at each call, so
     * assigning it in Go changes the destination too.
     */
    public Patch redirectToFuncValue(String target, String funcVariable, PatchOption... options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(funcVariable, "funcVariable");
        return patcher.redirectToFuncValue(target, funcVariable, options);
    }

    /**
     * Makes every patch {@code patches} makes on this library as one batch, and returns them: the code bytes of
     * all of them are stored together, with one cross-core serialising barrier (two when new jumps are parked in
     * padding: they must be serialised before the entry stores that lead to them) — where each patch made alone
     * pays its own (and, where the kernel refuses read-write views of code pages, one protection change per run
     * of code pages). Frida's
     * {@code begin_transaction}/{@code end_transaction}, shaped as a callback so that the batch cannot be left
     * open:
     * <pre>{@code
     * PatchBatch batch = library.batch(lib -> {
     *     lib.redirect("main.fetch", "main.fakeFetch");
     *     lib.stubReturn("main.now", GoValue.int64(0));
     * });
     * ...
     * batch.close(); // restores both, again as one batch
     * }</pre>
     * Inside {@code patches}, the patches are checked and planned as usual but their code is stored when
     * {@code patches} returns (in messages, each is placed where the batch was made); patches closed inside it are restored then too. Data changes (variables,
     * interface values) take effect at once. All or nothing: if {@code patches} throws (a refusal, say), every
     * patch it made is restored before the exception reaches the caller. Each patch of the batch stays closable
     * on its own. The engine's lock is held while {@code patches} runs, so other threads' patching waits for it:
     * do not wait there for another thread that patches.
     *
     * @throws GoJackException whatever a patch inside threw, after the batch was withdrawn
     */
    public PatchBatch batch(Consumer<GoLibrary> patches) {
        Objects.requireNonNull(patches, "patches");
        return patcher.batch(() -> patches.accept(this));
    }

    /** The engine behind this facade. */
    Patcher patcher() {
        return patcher;
    }

    // ---------------------------------------------------------------- Java answers (issue 19)

    /**
     * Makes every call of {@code target} run the Java body {@code answer} instead, until the returned patch is
     * closed: Go code in the library calls Java. The body runs on the calling Go thread inside a real cgo call
     * (it may block, allocate, throw, and call the library's exports); its arguments are decoded from the
     * function's typed signature and its return value becomes the results (see {@link GoAnswer}). If a body
     * threw, closing the patch restores it and then throws {@link GoAnswerException}.
     *
     * @throws PatchRefusedException      if the signature has arguments or results GoJack cannot carry (named), the
     *                                    function has no typed signature, the Go version's runtime layout was not
     *                                    verified, or the architecture is not amd64
     * @throws RefusedTargetException     if {@code target} belongs to the Go runtime
     * @throws InlinedTargetException     if {@code target} was inlined elsewhere (see {@link PatchOption#ALLOW_INLINED})
     */
    public Patch replace(String target, GoAnswer answer, PatchOption... options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(answer, "answer");
        GoFunction f = function(target);
        return answers().replace(f, f.signature().orElse(null), answer, options);
    }

    /**
     * Makes every call of {@code target} call {@code implementation}'s single abstract method of
     * {@code javaInterface}, parameter by parameter ({@code long} for {@code int}/{@code int64}, {@code int} for
     * {@code int32}, {@code boolean}, {@code double}, {@code String}, {@code byte[]} for {@code []byte},
     * {@link GoPointer}, ...; the return type for the single result, {@code void} for none, or {@link GoResults}).
     * A Mockito mock works: {@code when}/{@code thenReturn}/{@code verify} see the calls Go makes.
     *
     * @throws SignatureMismatchException if the method does not map onto the Go signature (both named), before
     *                                    anything is patched
     */
    public <T> Patch replace(String target, Class<T> javaInterface, T implementation, PatchOption... options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(javaInterface, "javaInterface");
        Objects.requireNonNull(implementation, "implementation");
        GoFunction f = function(target);
        return answers().replace(f, f.signature().orElse(null), javaInterface, implementation, options);
    }

    private synchronized dev.gojack.internal.answer.Answers answers() {
        if (answers == null) {
            long md = binary.moduleData().map(ModuleData::address).map(a -> a + loadBase).orElse(0L);
            long last = binary.findVariable("runtime.lastmoduledatap").map(v -> v.fileAddress() + loadBase).orElse(0L);
            long errorItab = 0;
            try {
                for (dev.gojack.internal.golang.TypeIndex.Itab itab : binary.typeIndex().itabs()) {
                    if (itab.symbol().endsWith("*errors.errorString,error") && itab.complete()) {
                        errorItab = itab.address() + loadBase;
                    }
                }
            } catch (GoJackException e) {
                errorItab = 0; // no itab: errors made in Java are refused, exceptions give a nil error
            }
            long mdSize = binary.findVariable("runtime.firstmoduledata").map(GoVariable::size).orElse(0L);
            answers = new dev.gojack.internal.answer.Answers(patcher, new dev.gojack.internal.answer.Answers.Runtime(
                    md, mdSize, loadBase + binary.pclntab().headerAddress(), loadBase + binary.pclntab().textStart(), last,
                    function("runtime.cgocall").address(), function("runtime.morestack_noctxt").address(), errorItab,
                    crosscall2(), function("runtime.preprintpanics").address(),
                    function("runtime.printpanics").address(), function("runtime.fatal").address()));
        }
        return answers;
    }

    /** cgo's {@code crosscall2} (every c-shared library has it), or 0. */
    private long crosscall2() {
        try {
            return function("crosscall2").address();
        } catch (GoJackException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- fake clock

    /**
     * Puts Go's {@code time.Now} under Java's control, starting at {@code start}: see {@link FakeClock}. The
     * returned times are in UTC unless {@link FakeClockOption#LOCAL_ZONE} asks for Go's {@code time.Local};
     * {@link FakeClockOption#SLEEP_ADVANCES} makes {@code time.Sleep} advance the clock instead of sleeping;
     * {@link FakeClockOption#FIRES_TIMERS} makes the clock run and fire Go's runtime timers on advance.
     * Close the clock to restore the real one.
     *
     * @throws PatchRefusedException  with FIRES_TIMERS, if a check of the runtime's clock pointer fails, the start
     *                                is more than 100 years from now, or SLEEP_ADVANCES is given too
     * @throws PatchConflictException with FIRES_TIMERS, if another such clock is open
     */
    public FakeClock fakeClock(Instant start, FakeClockOption... options) {
        Objects.requireNonNull(start, "start");
        Set<FakeClockOption> set = EnumSet.noneOf(FakeClockOption.class);
        set.addAll(Arrays.asList(options));
        if (set.contains(FakeClockOption.FIRES_TIMERS)) {
            if (set.contains(FakeClockOption.SLEEP_ADVANCES)) {
                throw Problems.sleepAdvancesWithFiresTimers(path());
            }
            return new FakeClock(runtimeClock().start(start));
        }
        Patcher.ClockPatches clock = patcher.fakeClock(set, state -> FakeClock.initialise(state, start));
        return new FakeClock(clock.state(), start, clock.patches(), set.contains(FakeClockOption.SLEEP_ADVANCES));
    }

    private synchronized RuntimeClock runtimeClock() {
        if (runtimeClock == null) {
            runtimeClock = new RuntimeClock(binary, loadBase, patcher);
        }
        return runtimeClock;
    }

    /**
     * How far Go's monotonic clock has been moved ahead of the real one by fake clocks with
     * {@link FakeClockOption#FIRES_TIMERS}: the sum of their forward advances. It never decreases — closing such
     * a clock restores {@code time.Now} but not the monotonic clock, since monotonic time must never go back —
     * and a later clock continues from it. {@link Duration#ZERO} when no such clock ever advanced.
     */
    public Duration monotonicOffset() {
        RuntimeClock clock;
        synchronized (this) {
            clock = runtimeClock;
        }
        return clock == null ? Duration.ZERO : clock.monotonicOffset();
    }

    // ---------------------------------------------------------------- return stubs

    /**
     * Makes {@code target} return {@code results} on every call without running its body (gomonkey's
     * {@code ApplyFuncReturn}). For a generic function, its base name ({@code main.Map}) patches every shape
     * instantiation in the library at once; one body serves all type arguments of one GC shape.
     *
     * @throws SignatureMismatchException if the values do not match the results' types one by one (count, kind,
     *                                    size), for any shape instantiation of a generic base name; without a
     *                                    typed signature the patch is applied and its describe() says unchecked
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
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(results, "results");
        return patcher.stubSequence(target, results, options);
    }

    // ---------------------------------------------------------------- spies (issue 20)

    /** Calls a spy keeps unless told otherwise: the last 1024. */
    public static final int SPY_DEFAULT_CAPACITY = 1024;
    /** Bytes a spy copies of each string or {@code []byte} argument unless told otherwise. */
    public static final int SPY_DEFAULT_STRING_BYTES = 256;

    /**
     * Spies on {@code target}: every call that reaches its entry, from any goroutine, is counted and its
     * arguments recorded (decoded from its typed signature: DWARF or {@link #declareSignature}), and the function
     * then runs unchanged. Keeps the last {@value #SPY_DEFAULT_CAPACITY} calls and
     * {@value #SPY_DEFAULT_STRING_BYTES} bytes of each string or {@code []byte}; results are not recorded. On a
     * function that is also redirected or stubbed, the spy sees every call that reaches the entry and the
     * newest other patch still decides where it goes. Without a typed signature, calls are counted only.
     *
     * @throws RefusedTargetException if the function's entry is neither a stack check GoJack knows nor
     *                                instructions it can relocate ({@code UNKNOWN_ENTRY}), or it is Go assembly
     * @throws InlinedTargetException if copies of it were inlined (see {@link PatchOption#ALLOW_INLINED})
     */
    public GoSpy spy(String target, PatchOption... options) {
        return spy(target, SPY_DEFAULT_CAPACITY, SPY_DEFAULT_STRING_BYTES, options);
    }

    /**
     * {@link #spy(String, PatchOption...)} keeping the last {@code capacity} calls (1 to 2^20) and
     * {@code stringBytes} bytes (0 to 65536) of each string or {@code []byte} argument.
     */
    public GoSpy spy(String target, int capacity, int stringBytes, PatchOption... options) {
        Objects.requireNonNull(target, "target");
        return patcher.spy(target, capacity, stringBytes, options);
    }

    /**
     * The functions a name patches: the function of that exact name, or, for the base name of a generic
     * function or method ({@code main.Map}, {@code main.(*Box).Get}), every shape instantiation of it.
     */
    List<GoFunction> resolveTargets(String goName) {
        return patcher.resolveTargets(goName);
    }

    // ---------------------------------------------------------------- interface values (Morph)

    /** Reads the package variable {@code goName} as an interface value: its two words, dynamic type, interface type. */
    public GoInterfaceValue interfaceVariable(String goName) {
        Objects.requireNonNull(goName, "goName");
        Morphing.Held held = Morphing.read(patcher, binary.typeIndex(), goName);
        return new GoInterfaceValue(held.variable().name(), held.variable().address(), held.typeWord(),
                held.dataWord(), held.empty(), type(held.dynamic()), type(held.inter()));
    }

    private GoType type(dev.gojack.internal.golang.TypeDescriptor descriptor) {
        return descriptor == null ? null : new GoType(binary.typeIndex(), descriptor, loadBase);
    }

    /**
     * The type descriptor named {@code goName} ({@code main.memStore}, {@code *main.memStore}, {@code time.Time},
     * or with a full import path), at its address in this process.
     */
    public GoType type(String goName) {
        Objects.requireNonNull(goName, "goName");
        return binary.type(goName, loadBase);
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
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(typeName, "typeName");
        return Morphing.morph(patcher, binary.typeIndex(), variable, typeName, options);
    }

    /** Gives {@code variable} the dynamic type that {@code otherVariable} holds now (morfos' form of Morph). */
    public Patch morphLike(String variable, String otherVariable, MorphOption... options) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(otherVariable, "otherVariable");
        return Morphing.morphLike(patcher, binary.typeIndex(), variable, otherVariable, options);
    }

    // ---------------------------------------------------------------- life cycle

    /** Patches still open on this library, oldest first. */
    public List<Patch> openPatches() {
        return patcher.openPatches();
    }

    /** Closes every open patch, newest first, as one batch (see {@link #batch}). */
    public void restoreAll() {
        patcher.restoreAll();
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
