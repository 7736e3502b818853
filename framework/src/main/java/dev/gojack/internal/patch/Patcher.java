package dev.gojack.internal.patch;

import dev.gojack.FakeClockOption;
import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.GoValue;
import dev.gojack.GoVariable;
import dev.gojack.Patch;
import dev.gojack.PatchOption;
import dev.gojack.StubPatch;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;
import dev.gojack.internal.nat.ReadableMemory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * GoJack's patch engine for one loaded library; {@link dev.gojack.GoLibrary} is its facade. It owns the
 * JVM-wide registry of loaded libraries ({@link #load}), the library's stub memory, its {@link Architecture},
 * the result layout of stubs, GoJack's hooks on function entries and every patch open on the library.
 *
 * <p>A redirect, read top to bottom: {@link #redirect} resolves the names and runs the checks of {@link Checks}
 * in their order, {@link #hook} takes (or reuses) the function's hook, {@link #install} checks the current bytes,
 * asks the architecture for a jump plan ({@link Architecture#planEntryJump}) and hands its writes to
 * {@link MemoryWriter#apply}, the one place that changes code bytes. Everything runs under one lock, so
 * concurrent patching from several Java threads is safe.
 */
public final class Patcher {
    /** Serialises every change GoJack makes to process memory; only this package takes it. */
    static final Object LOCK = new Object();
    private static final System.Logger LOG = System.getLogger("dev.gojack");

    private final GoBinary binary;
    private final ElfFile elf;
    private final Symbols symbols;
    private final long loadBase;
    private final Path library;
    private final Architecture architecture;
    private final MemoryWriter writer;
    private final NearMemory memory;
    private final ValuePlacer values;
    private final Map<Long, FunctionHook> hooks = new HashMap<>();
    private final Set<AbstractPatch> open = new LinkedHashSet<>();
    private final TreeSet<Long> usedPadding = new TreeSet<>();
    /** Jumps GoJack parked in padding, by slot address: ordered, so an entry's neighbours are found by range. */
    private final java.util.TreeMap<Long, byte[]> parkedJumps = new java.util.TreeMap<>();
    /**
     * What a name resolves to and each entry's file facts never change for a loaded library: kept after the first
     * patch, so that patching a function again (each test of a suite) does not look them up and copy them again.
     */
    private final Map<String, List<GoFunction>> resolved = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, EntryTarget> entryTargets = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> warnedQuiescent = new java.util.HashSet<>();
    private PaddingSlotGuard slotGuard = PaddingSlotGuard.NONE;
    private final Map<Long, VariableStack> variableStacks = new HashMap<>();
    private final GoVersion version;

    Patcher(LibraryFile file, long loadBase, Architecture architecture, LibraryMappings mappings) {
        this.binary = file.binary();
        this.elf = file.elf();
        this.symbols = file.symbols();
        this.loadBase = loadBase;
        this.library = binary.path();
        this.architecture = architecture;
        long anchor = loadBase + binary.function("runtime.main").fileAddress();
        this.memory = new NearMemory(anchor, architecture.branchReach(), library);
        this.writer = new MemoryWriter(mappings, () -> memory.code(architecture.serialiseCoreFunction()));
        this.values = new ValuePlacer(library, memory, this::variable, this::checkInterfaceValue,
                new ErrorItab(library, loadBase, () -> symbols.typeIndex()));
        this.version = GoVersion.parse(binary.goVersion());
    }

    /**
     * The file as the engine needs it: the public view, its ELF reader and each function's neighbours (which
     * {@link GoBinary} keeps to itself).
     */
    public record LibraryFile(GoBinary binary, ElfFile elf, Symbols symbols) {
    }

    /** What only the public package can make: its symbols at their addresses in this process, and layouts. */
    public interface Symbols {
        GoFunction atBase(GoFunction fileFunction, long loadBase);

        GoVariable atBase(GoVariable fileVariable, long loadBase);

        FunctionLayout layout(String goName);

        /** Why there is no function {@code goName}: unknown (nearest names) or inlined everywhere (its callers). */
        dev.gojack.GoJackException missingFunction(String goName);

        /** The name of the function whose entry is at the file address {@code fileAddress}, if one is. */
        Optional<String> functionAtEntry(long fileAddress);

        /** The file's type descriptors and itabs. */
        TypeIndex typeIndex();

        /** {@code f}'s typed signature (DWARF or declared), for {@link SignatureCheck}; empty when it has none. */
        Optional<TypedSignature> signature(GoFunction f);
    }

    // ---------------------------------------------------------------- the JVM-wide registry

    /**
     * Loads the Go library at {@code path} (see {@link Loading}), or returns the facade that already holds it.
     * {@code open} reads the file; {@code facade} wraps the new engine in the public API object.
     */
    public static <L> L load(Path path, Function<Path, LibraryFile> open, Function<Patcher, L> facade) {
        return Loading.load(path, open, facade);
    }

    /** The facades of every library loaded into this JVM, oldest first. */
    public static <L> List<L> loaded(Class<L> type) {
        return Loading.loaded(type);
    }

    // ---------------------------------------------------------------- what the facade reads

    public GoBinary binary() {
        return binary;
    }

    public long loadBase() {
        return loadBase;
    }

    /**
     * What makes a jump parked in padding safe for the Go runtime (issue 13): only slots it can cover are used;
     * without one, no padding is used at all.
     */
    public void slotGuard(PaddingSlotGuard guard) {
        synchronized (LOCK) {
            this.slotGuard = guard;
        }
    }

    /** The one writer every store to process memory goes through. */
    public MemoryWriter writer() {
        return writer;
    }

    public Architecture architecture() {
        return architecture;
    }

    public NearMemory memory() {
        return memory;
    }

    public Path path() {
        return library;
    }

    // ---------------------------------------------------------------- patches the facade asks for

    /** {@code GoLibrary.redirect}: every call of {@code target} goes to the function {@code replacement}. */
    public Patch redirect(String target, String replacement, PatchOption... options) {
        List<GoFunction> targets = resolveTargets(target);
        GoFunction r = function(replacement);
        synchronized (LOCK) {
            for (GoFunction t : targets) {
                Checks.runtimeTarget(t, version, library, options);
            }
            Checks.notSpecial(r, version, library, true);
            for (GoFunction t : targets) {
                Checks.noLoop(t, r, library, this::currentDestination, this::nameAt);
                Checks.sameAbi(t, r, library);
            }
            String checked = SignatureCheck.redirect(targets, r, symbols::signature, library, options);
            return hookAll(target, targets, r.address(), replacement + checked, 0, options);
        }
    }

    /** Where calls of the entry {@code entry} go now, or 0 if GoJack has not patched it. */
    private long currentDestination(long entry) {
        FunctionHook hook = hooks.get(entry);
        return hook == null ? 0 : SpyRouting.deciding(hook.stack);
    }

    private String nameAt(long address) {
        return symbols.functionAtEntry(address - loadBase).orElse("0x" + Long.toHexString(address));
    }

    /** {@code GoLibrary.redirectToFuncValue}: every call of {@code target} calls the func value in {@code funcVariable}. */
    public Patch redirectToFuncValue(String target, String funcVariable, PatchOption... options) {
        GoFunction t = function(target);
        GoVariable v = variable(funcVariable);
        if (v.size() != 8) {
            throw Problems.funcVariableSize(target, library, funcVariable, v.size());
        }
        Checks.runtimeTarget(t, version, library, options);
        Checks.registerAbi(t, library, "a call through a func value");
        checkFuncValue(target, funcVariable, MemoryWriter.readWord(v.address()));
        long stub = memory.code(architecture.funcValueJump(v.address()));
        return hook(t, stub, "func value in " + funcVariable, 0, options);
    }

    /** {@code GoLibrary.stubSequence}: call n of {@code target} returns row min(n, last) of {@code results}. */
    public StubPatch stubSequence(String target, List<GoValue[]> results, PatchOption... options) {
        if (results.isEmpty()) {
            throw Problems.noResultRows(target, library);
        }
        List<GoFunction> targets = resolveTargets(target);
        for (GoFunction t : targets) {
            Checks.runtimeTarget(t, version, library, options);
            Checks.registerAbi(t, library, "a GoJack return stub");
        }
        String checked = SignatureCheck.stub(target, targets, results, symbols::signature, library, options);
        String what = results.size() == 1 ? "return " + Arrays.toString(results.get(0))
                : "return " + results.size() + " result rows in turn";
        // Shapes of a generic function may place the results differently (stack parameters move the result
        // slots): one table and stub per distinct placement, one call counter for them all.
        ValuePlacer.Session session = values.session(target);
        Map<String, StubRows> byLayout = new java.util.LinkedHashMap<>();
        Map<GoFunction, StubRows> stubOf = new HashMap<>();
        for (GoFunction t : targets) {
            StubRows rows = StubRows.of(t, target, results, architecture.name(), symbols.signature(t), session,
                    library, options);
            stubOf.put(t, byLayout.merge(rows.key(), rows, (old, x) -> old));
        }
        // The stub's memory lives as long as its patches, then is reused (NearMemory, StubGrace).
        try (StubMemory stubMemory = memory.newStub()) {
            long counter = stubMemory.data(8);
            Map<StubRows, Long> stubs = new HashMap<>();
            for (StubRows rows : byLayout.values()) {
                int stride = rows.placement().rowSize();
                long table = stubMemory.data(Math.max(8, (long) stride * rows.rows().size()));
                ValuePlacer.fillTable(table, stride, rows.rows());
                stubs.put(rows, stubMemory.code(architecture.resultStub(counter, table, rows.rows().size(),
                        rows.placement())));
            }
            return (StubPatch) hookAll(target, targets, t -> stubs.get(stubOf.get(t)), what + checked, counter,
                    options);
        }
    }

    /**
     * {@code GoLibrary.spy}: every call that reaches {@code target}'s entry is counted and its arguments recorded
     * into a ring of {@code capacity} slots (strings and byte slices: at most {@code stringBytes} bytes each);
     * then the call goes on to where it went before (see {@link SpyRouting}).
     */
    public dev.gojack.GoSpy spy(String target, int capacity, int stringBytes, PatchOption... options) {
        if (capacity < 1 || capacity > SPY_MAX_CAPACITY) {
            throw Problems.spyCapacity(target, library, capacity, SPY_MAX_CAPACITY);
        }
        if (stringBytes < 0 || stringBytes > SPY_MAX_STRING_BYTES) {
            throw Problems.spyStringBytes(target, library, stringBytes, SPY_MAX_STRING_BYTES);
        }
        List<GoFunction> targets = resolveTargets(target);
        if (targets.size() != 1) {
            throw Problems.spyOneInstance(target, library, targets.stream().map(GoFunction::name).toList());
        }
        GoFunction t = targets.get(0);
        synchronized (LOCK) {
            Checks.runtimeTarget(t, version, library, options);
            Checks.inlining(t, library, options);
            Checks.registerAbi(t, library, "a GoJack spy");
            EntryTarget entry = entryTarget(t);
            dev.gojack.internal.arch.SpyEntry spyEntry;
            try {
                spyEntry = decodeEntry(t);
            } catch (IllegalArgumentException e) {
                throw Problems.spyEntryUnknown(t.name(), library, e.getMessage());
            }
            Optional<TypedSignature> signature = symbols.signature(t);
            SpyLayout layout = new SpyLayout(t.name(), signature.map(TypedSignature::assignment).orElse(null),
                    stringBytes);
            int slots = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
            String what = "spy keeping the last " + capacity + " calls"
                    + (signature.isEmpty() ? " (no signature: calls counted, arguments not recorded)" : "");
            try (StubMemory stubMemory = memory.newStub()) {
                long counter = stubMemory.data(8);
                long next = stubMemory.data(8);
                long ring = stubMemory.data((long) slots * layout.slotSize());
                dev.gojack.internal.arch.SpyRecording recording = layout.recording(counter, ring, slots - 1, next);
                long resume = spyEntry.relocated().length == 0 ? spyEntry.resume()
                        : stubMemory.code(architecture.spyResume(spyEntry));
                long stub = stubMemory.code(architecture.spyStub(spyEntry, recording));
                long recordingEntry = stub + architecture.spyRecordingOffset(spyEntry, recording);
                MemoryWriter.storeWord(next, resume);
                return (dev.gojack.GoSpy) hook(entry, stub, h -> new SpyPatch(this, h, stub, recordingEntry, what,
                        layout, counter, ring, slots, capacity, next, resume));
            }
        }
    }

    /**
     * The stack check (or relocatable first instructions) at {@code t}'s entry, decoded from the file's bytes, not
     * from memory a patch may have changed: spies and {@code GoCall.callOriginal()} enter the function past it.
     *
     * @throws IllegalArgumentException saying why the entry cannot be decoded
     */
    public dev.gojack.internal.arch.SpyEntry decodeEntry(GoFunction t) {
        // A big frame's check is up to 18 bytes: more than the 16 a jump plan looks at.
        FunctionLayout functionLayout = symbols.layout(t.name());
        return architecture.spyEntry(t.address(), elf.bytesAt(t.fileAddress(),
                (int) Math.min(32, functionLayout.nextEntry() - t.fileAddress())));
    }

    /** The largest ring a spy may keep: 2^20 calls. */
    public static final int SPY_MAX_CAPACITY = 1 << 20;
    /** The most bytes a spy copies of one string or byte slice argument. */
    public static final int SPY_MAX_STRING_BYTES = 1 << 16;
    // ---------------------------------------------------------------- Java answers (issue 19)

    /**
     * The checks every patch of {@code target} runs before anything is built for it (runtime target, register
     * ABI, inlining), then its typed signature; empty when it has none.
     */
    public Optional<TypedSignature> answerTarget(GoFunction target, PatchOption... options) {
        Checks.runtimeTarget(target, version, library, options);
        Checks.registerAbi(target, library, "a Java answer");
        Checks.inlining(target, library, options);
        return symbols.signature(target);
    }

    /** Sends every call of {@code target} to the code at {@code destination}, which GoJack built for good. */
    public Patch hookTo(GoFunction target, long destination, String what, PatchOption... options) {
        return hook(target, destination, what, 0, options);
    }

    /** The Go version the library was built with. */
    public GoVersion version() {
        return version;
    }

    /** The fake clock's state and the patches that lead {@code time.Now} (and {@code time.Sleep}) to it. */
    public record ClockPatches(long state, List<Patch> patches) {
    }

    /**
     * {@code GoLibrary.fakeClock}: 32 bytes of clock state ({@code initialise} fills them before any stub can
     * read them) and the stubs of {@code time.Now} and, with {@link FakeClockOption#SLEEP_ADVANCES}, {@code time.Sleep}.
     */
    public ClockPatches fakeClock(Set<FakeClockOption> options, LongConsumer initialise) {
        long location = 0;
        if (options.contains(FakeClockOption.LOCAL_ZONE)) {
            location = binary.findVariable("time.Local").map(v -> loadBase + v.fileAddress())
                    .orElseThrow(() -> Problems.noLocalZone(library, binary.isStripped()));
        }
        long state = memory.data(32);
        initialise.accept(state);
        List<Patch> patches = new ArrayList<>();
        try {
            long now = memory.code(architecture.fakeNowStub(state, location));
            patches.add(hook(function("time.Now"), now, "fake clock", 0));
            if (options.contains(FakeClockOption.SLEEP_ADVANCES)) {
                long sleep = memory.code(architecture.fakeSleepStub(state));
                patches.add(hook(function("time.Sleep"), sleep, "fake sleep (advances the fake clock)", 0));
            }
        } catch (RuntimeException e) {
            RestorePolicy.closeNewestFirst(patches);
            throw e;
        }
        return new ClockPatches(state, patches);
    }

    /** {@code LiveVariable.set}: the variable at {@code address} holds {@code image} until the patch is closed. */
    public Patch setVariable(String name, long address, long size, byte[] image, String what) {
        synchronized (LOCK) {
            VariableStack stack = variableStacks.computeIfAbsent(address,
                    a -> new VariableStack(MemoryWriter.read(address, (int) size)));
            VariablePatch patch = new VariablePatch(this, name, address, size, image, what);
            MemoryWriter.storeWords(address, image);
            stack.patches.add(patch);
            register(patch);
            return patch;
        }
    }

    /** Closes a variable patch by {@link VariableStack}'s rule; called under the lock. */
    void unsetVariable(VariablePatch patch) {
        VariableStack stack = variableStacks.get(patch.address());
        byte[] value = stack.valueAfterClosing(patch);
        if (value != null) {
            MemoryWriter.storeWords(patch.address(), value);
        }
        stack.patches.remove(patch);
        if (stack.patches.isEmpty()) {
            variableStacks.remove(patch.address());
        }
    }

    /**
     * A func value is a pointer to a funcval whose first word is the code to run: it must point into readable
     * memory, and that word must be the entry of one of the library's functions. Checked when the patch is
     * made; the variable is read again at each call, so Go assigning it later is Go's business.
     */
    private void checkFuncValue(String target, String funcVariable, long funcval) {
        if (funcval == 0) {
            throw Problems.nilFuncVariable(target, library, funcVariable);
        }
        java.util.OptionalLong first = (funcval & 7) != 0 ? java.util.OptionalLong.empty()
                : ReadableMemory.readLong(funcval);
        if (first.isEmpty()) {
            throw Problems.notAFuncValue(target, library, funcVariable, "it holds 0x" + Long.toHexString(funcval)
                    + ", which is no funcval: " + ((funcval & 7) != 0 ? "it is not 8-byte aligned"
                    : Problems.notReadable(funcval, 8)));
        }
        long code = first.getAsLong();
        if (symbols.functionAtEntry(code - loadBase).isEmpty()) {
            throw Problems.notAFuncValue(target, library, funcVariable, "it points at 0x"
                    + Long.toHexString(funcval) + ", whose first word 0x" + Long.toHexString(code)
                    + " is not the entry of a function of the library");
        }
    }

    /**
     * The first word of an interface value is nil, a type descriptor ({@code any}) or an itab: one the file has,
     * or one the runtime built, whose first two words are an interface type and a type of the library.
     * Pointers are only followed into readable memory.
     */
    private void checkInterfaceValue(String variable, long typeWord) {
        if (typeWord == 0) {
            return;
        }
        TypeIndex index;
        try {
            index = symbols.typeIndex();
        } catch (dev.gojack.GoJackException e) {
            throw Problems.notAnInterfaceValue(variable, library, typeWord, " (the type index cannot be read: "
                    + e.getMessage() + ")");
        }
        long file = typeWord - loadBase;
        if (index.itabAt(file).isPresent() || index.at(file).isPresent()) {
            return;
        }
        // An itab the runtime built lies in Go's heap: the word is followed only if it leads to readable memory.
        Optional<byte[]> tab = (typeWord & 7) == 0 ? ReadableMemory.read(typeWord, 16) : Optional.empty();
        if (tab.isPresent()) {
            java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(tab.get()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            boolean inter = index.at(words.getLong(0) - loadBase)
                    .filter(d -> d.kind() == TypeDescriptor.INTERFACE).isPresent();
            if (inter && index.at(words.getLong(8) - loadBase).isPresent()) {
                return;
            }
        }
        throw Problems.notAnInterfaceValue(variable, library, typeWord, tab.isPresent() || (typeWord & 7) != 0 ? ""
                : " (and as a pointer to an itab the runtime built, " + Problems.notReadable(typeWord, 16) + ")");
    }

    /**
     * What lays out {@link GoValue}s for Go ({@link ValuePlacer#session}): with {@link ResultLayout} and
     * {@link Architecture#resultStub}, how any stub hands Go results.
     */
    public ValuePlacer values() {
        return values;
    }

    /** The bytes {@code value} has in memory (strings point into GoJack's memory). */
    public byte[] memoryImage(GoValue value) {
        return values.memoryImage(value);
    }

    /**
     * The lock every change to process memory takes, for GoJack's internal packages that keep patch state of their
     * own (the runtime clock); never taken by the public API.
     */
    public static Object lock() {
        return LOCK;
    }

    /** Runs {@code change} under the lock every change to process memory takes. */
    public <T> T locked(java.util.function.Supplier<T> change) {
        synchronized (LOCK) {
            return change.get();
        }
    }

    /**
     * Sends every function of {@code targets} to {@code destination} as one patch; if one of them is refused, the
     * ones already applied are restored before the refusal is thrown.
     */
    private Patch hookAll(String name, List<GoFunction> targets, long destination, String what, long counter,
                          PatchOption... options) {
        return hookAll(name, targets, t -> destination, what, counter, options);
    }

    /** {@link #hookAll(String, List, long, String, long, PatchOption...)} with a destination for each target. */
    private Patch hookAll(String name, List<GoFunction> targets, java.util.function.ToLongFunction<GoFunction> destination,
                          String what, long counter, PatchOption... options) {
        List<Patch> applied = new ArrayList<>();
        try {
            for (GoFunction t : targets) {
                applied.add(hook(t, destination.applyAsLong(t), what, counter, options));
            }
        } catch (RuntimeException e) {
            RestorePolicy.closeNewestFirst(applied);
            throw e;
        }
        return applied.size() == 1 ? applied.get(0) : CompositePatch.of(this, name, applied, counter);
    }

    private FunctionPatch hook(GoFunction target, long destination, String what, long counter,
                               PatchOption... options) {
        Checks.runtimeTarget(target, version, library, options);
        Checks.inlining(target, library, options);
        return hook(entryTarget(target), destination, what, counter);
    }

    private EntryTarget entryTarget(GoFunction target) {
        return entryTargets.computeIfAbsent(target.address(), a -> newEntryTarget(target));
    }

    private EntryTarget newEntryTarget(GoFunction target) {
        FunctionLayout layout = symbols.layout(target.name());
        byte[] fileBytes = elf.bytesAt(target.fileAddress(), (int) Math.min(16, layout.nextEntry() - target.fileAddress()));
        List<EntryTarget.Gap> gaps = List.of(
                new EntryTarget.Gap(loadBase + layout.previousEnd(), loadBase + target.fileAddress()),
                new EntryTarget.Gap(loadBase + target.fileAddress() + target.size(), loadBase + layout.nextEntry()));
        return new EntryTarget(target.name(), target.address(), fileBytes, target.address() + target.size(),
                loadBase + layout.nextEntry(), gaps);
    }

    // ---------------------------------------------------------------- names

    /** The function named {@code goName}, at its address in this process. */
    public GoFunction function(String goName) {
        return symbols.atBase(binary.function(goName), loadBase);
    }

    /** The package variable named {@code goName}, at its address in this process. */
    public GoVariable variable(String goName) {
        return symbols.atBase(binary.variable(goName), loadBase);
    }

    /**
     * The functions a name patches: the function of that exact name, or, for the base name of a generic
     * function or method ({@code main.Map}, {@code main.(*Box).Get}), every shape instantiation of it.
     */
    public List<GoFunction> resolveTargets(String goName) {
        List<GoFunction> known = resolved.get(goName);
        if (known != null) {
            return known;
        }
        List<GoFunction> targets = List.copyOf(lookUpTargets(goName)); // a missing name throws, and is not kept
        resolved.put(goName, targets);
        return targets;
    }

    private List<GoFunction> lookUpTargets(String goName) {
        Optional<GoFunction> exact = binary.findFunction(goName);
        if (exact.isPresent()) {
            return List.of(symbols.atBase(exact.get(), loadBase));
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
            throw symbols.missingFunction(goName);
        }
        instances.sort(Comparator.comparing(GoFunction::name));
        return instances;
    }

    static String withoutTypeArguments(String name) {
        if (name.indexOf('[') < 0) {
            return name;
        }
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

    // ---------------------------------------------------------------- hooks

    /**
     * Sends every call of {@code target} to {@code destination}. {@code counter} is the address of the
     * stub's call counter, or 0.
     */
    FunctionPatch hook(EntryTarget target, long destination, String what, long counter) {
        return hook(target, destination, h -> FunctionPatch.of(this, h, destination, what, counter));
    }

    /** Hooks {@code target} with the patch {@code make} builds for its hook (which sends calls to {@code destination}). */
    FunctionPatch hook(EntryTarget target, long destination, Function<FunctionHook, FunctionPatch> make) {
        synchronized (LOCK) {
            FunctionHook hook = hooks.get(target.entry());
            if (hook == null) {
                long slot = memory.data(8);
                long dispatch = memory.code(6, at -> architecture.indirectJump(at, slot));
                hook = new FunctionHook(target.name(), target.entry(), slot, dispatch);
                hooks.put(target.entry(), hook);
            }
            FunctionPatch patch = make.apply(hook);
            boolean first = hook.stack.isEmpty();
            hook.stack.add(patch);
            try {
                // Spies observe and the newest other patch decides (SpyRouting); without spies this is destination.
                long routed = SpyRouting.route(hook.stack);
                if (first) {
                    install(hook, target, routed);
                } else {
                    setSlot(hook, routed);
                }
            } catch (RuntimeException | Error e) {
                hook.stack.remove(patch);
                throw e;
            }
            patch.runningSafe(hook.plan.kind().runningSafe());
            open.add(patch);
            // A generated stub's memory lives as long as a patch sends a function to it (see StubMemory).
            memory.retain(destination);
            return patch;
        }
    }

    private void install(FunctionHook hook, EntryTarget target, long destination) {
        int length = (int) Math.min(16, target.nextEntry() - target.entry());
        byte[] now = writer.current(target.entry(), length); // as an open batch will leave it
        byte[] file = withParkedJumps(target.entry(), Arrays.copyOf(target.fileBytes(), length));
        Checks.currentBytes(target, library, file, now);
        EntryJumpPlan planBefore = hook.plan;
        boolean parkedBefore = hook.parked;
        if (hook.plan == null) {
            hook.plan = Checks.room(target, library, () -> architecture.planEntryJump(target.entry(), now,
                    target.codeEnd(), target.nextEntry(), hook.dispatch,
                    (from, to, len) -> freePadding(target.paddingGaps(), from, to, len)));
        }
        if (!hook.parked && hook.plan.paddingSlot() != 0) {
            coverParkedJump(hook, target, now);
        }
        setSlot(hook, destination);
        List<CodeWrite> writes = new ArrayList<>();
        if (!hook.parked) {
            writes.addAll(hook.plan.preparation());
        }
        writes.add(hook.plan.entryWrite());
        try {
            writer.apply(writes, target.name());
        } catch (MemoryWriter.ByteMismatch e) {
            throw Problems.foreignBytes(target.name(), library, CodeWrite.hex(e.write().expected()),
                    CodeWrite.hex(e.found()));
        }
        // Inside a batch the writes are only queued; this bookkeeping already reserves the slot for the batch's
        // other plans, and is undone if the batch is dropped before anything is stored.
        long parkedSlot = !parkedBefore ? hook.plan.paddingSlot() : 0;
        if (parkedSlot != 0) {
            usedPadding.add(parkedSlot);
            parkedJumps.put(parkedSlot, hook.plan.preparation().get(0).replacement());
        }
        hook.parked = true;
        writer.onDiscard(() -> {
            if (parkedSlot != 0) {
                usedPadding.remove(parkedSlot);
                parkedJumps.remove(parkedSlot);
            }
            hook.parked = parkedBefore;
            hook.plan = planBefore;
        });
        if (!hook.plan.kind().runningSafe() && warnedQuiescent.add(target.name())) {
            LOG.log(System.Logger.Level.WARNING, Problems.quiescentOnly(target.name(), library));
        }
    }

    /**
     * Makes the runtime's tables describe the slot before anything is written there; if that fails after all,
     * plans again without padding (quiescent-only), so the jump is never parked where the runtime would throw.
     */
    private void coverParkedJump(FunctionHook hook, EntryTarget target, byte[] now) {
        long slot = hook.plan.paddingSlot();
        try {
            slotGuard.cover(slot, hook.plan.preparation().get(0).replacement().length);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "GoJack cannot describe a jump at 0x" + Long.toHexString(slot)
                    + " to the Go runtime (" + e.getMessage() + "); " + target.name() + " is patched without padding.");
            try {
                hook.plan = architecture.planEntryJump(target.entry(), now, target.codeEnd(), target.nextEntry(),
                        hook.dispatch, (from, to, len) -> List.of());
            } catch (IllegalArgumentException refused) {
                hook.plan = null;
                throw Problems.refused(target.name(), library, refused.getMessage() + ".");
            }
        }
    }

    /** The file's bytes with the jumps GoJack parked in padding laid over them: those are expected too. */
    private byte[] withParkedJumps(long at, byte[] bytes) {
        long from = at - architecture.parkedJumpLength();
        for (Map.Entry<Long, byte[]> parked : parkedJumps.subMap(from, true, at + bytes.length, false).entrySet()) {
            byte[] jump = parked.getValue();
            for (int i = 0; i < jump.length; i++) {
                long address = parked.getKey() + i;
                if (address >= at && address < at + bytes.length) {
                    bytes[(int) (address - at)] = jump[i];
                }
            }
        }
        return bytes;
    }

    /** The fence orders the store before any later check of which threads may still use the old destination. */
    private void setSlot(FunctionHook hook, long destination) {
        MemoryWriter.storeWord(hook.slot, destination);
        java.lang.invoke.VarHandle.fullFence();
    }

    void unhook(FunctionPatch patch) {
        FunctionHook hook = patch.hook;
        int index = hook.stack.lastIndexOf(patch);
        if (index < 0) {
            return;
        }
        if (hook.stack.size() > 1) {
            hook.stack.remove(index);
            setSlot(hook, SpyRouting.route(hook.stack));
            unlinkSpy(patch);
            return;
        }
        try {
            writer.apply(List.of(hook.plan.entryWrite().inverse()), hook.name);
        } catch (MemoryWriter.ByteMismatch e) {
            throw Problems.changedUnderPatch(hook.name, library, CodeWrite.hex(e.write().expected()),
                    CodeWrite.hex(e.found()));
        }
        hook.stack.remove(index);
        // A thread still on its way through the dispatch stub now runs the restored function, not the old
        // destination, so the old destination is unreachable and its memory may be retired (see StubGrace).
        setSlot(hook, hook.entry);
        unlinkSpy(patch);
    }

    private void unlinkSpy(FunctionPatch patch) {
        if (patch instanceof SpyPatch spy) {
            SpyRouting.unlink(spy, address -> symbols.functionAtEntry(address - loadBase).isPresent());
        }
    }

    private List<Long> freePadding(List<EntryTarget.Gap> gaps, long from, long to, int length) {
        List<Long> result = new ArrayList<>();
        for (EntryTarget.Gap gap : gaps) {
            long start = Math.max(gap.start(), from);
            long end = Math.min(gap.end(), to);
            for (long s = start; s + length <= end; s++) {
                Long used = usedPadding.floor(s + length - 1);
                if (used != null && used + architecture.parkedJumpLength() > s) {
                    continue;
                }
                byte[] bytes = writer.current(s, length);
                boolean allPadding = true;
                for (byte b : bytes) {
                    allPadding &= (b & 0xff) == architecture.paddingByte();
                }
                if (allPadding && slotGuard.canCover(s, length)) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    /** Registers a patch made outside the function hooks (variables, interface values). */
    public void register(AbstractPatch patch) {
        synchronized (LOCK) {
            open.add(patch);
        }
    }

    /** {@code parts} are closed through {@code whole} from now on, so only the whole is listed as open. */
    public void adopt(AbstractPatch whole, List<? extends Patch> parts) {
        synchronized (LOCK) {
            parts.forEach(open::remove);
            open.add(whole);
        }
    }

    void forget(AbstractPatch patch) {
        open.remove(patch);
    }

    /** Patches still open, oldest first. */
    public List<Patch> openPatches() {
        synchronized (LOCK) {
            return List.copyOf(open);
        }
    }

    /**
     * Closes every open patch, newest first, as one batch; the first failure is thrown after all others were
     * tried.
     */
    public void restoreAll() {
        synchronized (LOCK) {
            inOneBatch(() -> RestorePolicy.closeNewestFirst(new ArrayList<>(open)));
        }
    }

    // ---------------------------------------------------------------- batches

    /**
     * {@code GoLibrary.batch}: runs {@code body}, which makes (and may close) patches on this library, as one
     * batch (see {@link MemoryWriter}); returns the patches it made and left open. All or nothing: if
     * {@code body} throws, or storing the batch fails, every patch it made is restored and the failure thrown.
     * Patches it closed stay closed (their bytes are put back with the rest of the batch).
     */
    public dev.gojack.PatchBatch batch(Runnable body) {
        // One stack recorded for the batch and every patch made in it (named by their targets): recording one per
        // patch was the largest cost of a batch of redirects.
        Location where = Location.here();
        synchronized (LOCK) {
            Set<AbstractPatch> before = new java.util.HashSet<>(open);
            writer.begin();
            try {
                Location.declaredAt(() -> where + ", in a batch", () -> {
                    body.run();
                    return null;
                });
            } catch (RuntimeException | Error e) {
                withdraw(made(before), e);
                throw e;
            }
            try {
                writer.end();
            } catch (RuntimeException e) {
                RuntimeException failure = committed(e);
                withdraw(made(before), failure);
                throw failure;
            }
            return new BatchPatch(this, made(before), where);
        }
    }

    /** Runs {@code change} (closing patches) as one batch; what it closed is put back even if it throws. */
    void inOneBatch(Runnable change) {
        synchronized (LOCK) {
            writer.begin();
            RuntimeException first = null;
            try {
                change.run();
            } catch (RuntimeException e) {
                first = e;
            }
            try {
                writer.end();
            } catch (RuntimeException e) {
                RuntimeException failure = committed(e);
                writer.discard();
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private List<AbstractPatch> made(Set<AbstractPatch> before) {
        List<AbstractPatch> made = new ArrayList<>();
        for (AbstractPatch p : open) {
            if (!before.contains(p)) {
                made.add(p);
            }
        }
        return made;
    }

    /**
     * Restores, still inside the failed batch, the patches it made: their queued writes cancel out. Then stores
     * what is left (jumps parked in padding, patches the body closed); if even that fails, drops it all.
     */
    private void withdraw(List<AbstractPatch> made, Throwable failure) {
        try {
            RestorePolicy.closeNewestFirst(made);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        try {
            writer.end();
        } catch (RuntimeException e) {
            failure.addSuppressed(committed(e));
            writer.discard();
        }
    }

    /** A failure to store a batch, as the exception the caller sees. */
    private RuntimeException committed(RuntimeException e) {
        if (e instanceof MemoryWriter.ByteMismatch m) {
            return Problems.foreignBytes(m.owner() == null ? "0x" + Long.toHexString(m.write().address()) : m.owner(),
                    library, CodeWrite.hex(m.write().expected()), CodeWrite.hex(m.found()));
        }
        return e;
    }
}
