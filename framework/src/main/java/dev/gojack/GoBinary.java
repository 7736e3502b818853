package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSymbol;
import dev.gojack.internal.elf.MalformedInputException;
import dev.gojack.internal.elf.NotElfException;
import dev.gojack.internal.elf.UnsupportedElfException;
import dev.gojack.internal.golang.BuildInfo;
import dev.gojack.internal.golang.FuncRecord;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.golang.InlineTrees;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;
import dev.gojack.internal.morph.Morphing;
import dev.gojack.internal.golang.Pclntab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The static view of a Go shared library: everything that can be learned from the file without running
 * any of it — Go version, build settings, functions (from the pclntab, so stripped files work too),
 * package variables (from {@code .symtab}), inline trees. Works for libraries of any supported
 * architecture on any host. Addresses are the file's virtual addresses, as {@code go tool nm} prints them.
 */
public final class GoBinary {
    private static final int OLDEST_MINOR = 18;

    private final Path path;
    private final ElfFile elf;
    private final BuildInfo buildInfo;
    private final Pclntab pclntab;
    private final Map<String, FuncRecord> functionsByName;
    private Map<Long, Long> functionSymbolSizes;
    private Map<String, ElfSymbol> variablesByName;
    private final Map<String, GoFunction> functionCache = new HashMap<>();
    /** Entries of the ABI0 half of each same-name pair. */
    private final Set<Long> abi0Entries;
    private volatile Set<Long> abi0Symbols;
    private volatile FunctionSignatures signatures; // made on the first signature request: open stays as it was
    private volatile InlineTrees inlineTrees;
    private volatile Map<Long, List<String>> callIndex;
    private volatile Optional<ModuleData> moduleData;
    private volatile TypeIndex typeIndex;

    private GoBinary(Path path, ElfFile elf) {
        this.path = path;
        this.elf = elf;
        dev.gojack.internal.arch.Architectures.goArch(path, elf.machine()); // refuses machines GoJack cannot read
        Optional<BuildInfo> info = BuildInfo.read(elf);
        if (info.isEmpty()) {
            throw Problems.invalidLibrary(path,
                    "it is an ELF file but has no Go build information (.go.buildinfo), so it was not built by Go", null);
        }
        this.buildInfo = info.get();
        GoVersion version = buildInfo.goVersion();
        if (version.isKnown() && !version.atLeast(OLDEST_MINOR)) {
            throw Problems.unsupported(path, "it was built by " + version + "; GoJack reads libraries built by "
                    + "Go 1.18 or newer (1.21+ supported for patching). Rebuild it with a newer Go");
        }
        Optional<Pclntab> table = Pclntab.find(elf);
        if (table.isEmpty()) {
            throw Problems.invalidLibrary(path,
                    "it has Go build information but no function table (pclntab) GoJack recognises", null);
        }
        this.pclntab = table.get();
        this.functionsByName = new HashMap<>(pclntab.functions().size() * 2);
        this.abi0Entries = new HashSet<>();
        int wrapperId = wrapperFuncId(version);
        for (FuncRecord f : pclntab.functions()) {
            FuncRecord known = functionsByName.putIfAbsent(f.name(), f);
            if (known != null) {
                // Two entries of one name: an ABI0 body and its ABIInternal wrapper (or a Go body and its ABI0
                // wrapper). The plain name is the ABIInternal one, as in go tool nm; "name.abi0" the other.
                FuncRecord abi0 = abi0Of(known, f, wrapperId);
                FuncRecord internal = abi0 == f ? known : f;
                functionsByName.put(f.name(), internal);
                functionsByName.put(f.name() + ".abi0", abi0);
                abi0Entries.add(abi0.entry());
            }
        }
        // .symtab (and so go tool nm) writes the middle dot of compiler-generated names as '.'; accept both.
        for (FuncRecord f : pclntab.functions()) {
            if (f.name().indexOf('\u00b7') >= 0) {
                functionsByName.putIfAbsent(f.name().replace('\u00b7', '.'), functionsByName.get(f.name()));
            }
        }
    }

    /** Package variables by name; .symtab names are decoded only when a variable is first asked for. */
    private synchronized Map<String, ElfSymbol> variablesByName() {
        if (variablesByName == null) {
            Map<String, ElfSymbol> byName = new HashMap<>();
            guarded(() -> {
                for (ElfSymbol s : elf.symbols()) {
                    if (s.isDefined() && s.isObject()) {
                        byName.putIfAbsent(s.name(), s);
                    }
                }
                return null;
            });
            variablesByName = byName;
        }
        return variablesByName;
    }

    private synchronized Map<Long, Long> functionSymbolSizes() {
        if (functionSymbolSizes == null) {
            functionSymbolSizes = elf.functionSymbolSizes(); // callers turn malformed-input errors into GoJack's
        }
        return functionSymbolSizes;
    }

    /** Reads {@code file}. Nothing of it is loaded or run. */
    public static GoBinary open(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw Problems.directoryNotLibrary(path);
        }
        if (!Files.isRegularFile(path)) {
            throw Problems.missingFile(path);
        }
        try {
            return new GoBinary(path, ElfFile.open(path));
        } catch (GoJackException e) {
            throw e;
        } catch (NotElfException e) {
            throw Problems.invalidLibrary(path, "it is not an ELF file (" + e.getMessage() + ")", e);
        } catch (UnsupportedElfException e) {
            throw Problems.unsupported(path, e.getMessage());
        } catch (MalformedInputException e) {
            throw Problems.invalidLibrary(path, "it is truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw Problems.invalidLibrary(path, "it cannot be read (" + e + ")", e);
        } catch (RuntimeException e) {
            throw Problems.invalidLibrary(path, "it is corrupt (" + e + ")", e);
        }
    }

    private <T> T guarded(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (GoJackException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Problems.invalidLibrary(path, "it is truncated or corrupt (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Of two entries of one name, the ABI0 one: an assembly body (its Go-compiled wrapper is ABIInternal), or the
     * wrapper of a Go body (it lets assembly call the Go function).
     */
    private static FuncRecord abi0Of(FuncRecord a, FuncRecord b, int wrapperFuncId) {
        if (a.isAssembly() != b.isAssembly()) {
            return a.isAssembly() ? a : b;
        }
        if ((a.funcId() == wrapperFuncId) != (b.funcId() == wrapperFuncId)) {
            return a.funcId() == wrapperFuncId ? a : b;
        }
        return b;
    }

    static int wrapperFuncId(GoVersion v) {
        return dev.gojack.internal.golang.FuncIds.wrapper(v);
    }

    public Path path() {
        return path;
    }

    /** The Go release that built the library, e.g. {@code go1.26.8}. */
    public String goVersion() {
        return buildInfo.goVersion().text();
    }

    /** Build settings as {@code go version -m} prints them: {@code -gcflags}, {@code -ldflags}, {@code CGO_ENABLED}, … */
    public Map<String, String> buildSettings() {
        return buildInfo.settings();
    }

    /** The main module's path. */
    public String modulePath() {
        return buildInfo.modulePath();
    }

    /** {@code amd64} or {@code arm64}. */
    public String architecture() {
        return dev.gojack.internal.arch.Architectures.goArch(path, elf.machine());
    }

    /** True when {@code .symtab} is gone ({@code -ldflags=-s}): functions still resolve, variables do not. */
    public boolean isStripped() {
        return elf.section(".symtab").isEmpty();
    }

    /** True when the build settings show {@code -gcflags=all=-l}: nothing was inlined. */
    public boolean inliningDisabled() {
        return buildInfo.inliningDisabled();
    }

    /** The function named {@code goName}; throws {@link SymbolNotFoundException} listing the nearest names. */
    public GoFunction function(String goName) {
        Optional<GoFunction> f = findFunction(goName);
        if (f.isEmpty()) {
            throw missingFunction(goName);
        }
        return f.get();
    }

    /**
     * Why there is no function {@code goName}: a name that appears only in inline trees was inlined everywhere
     * (an {@link InlinedTargetException} naming its callers), anything else is unknown (nearest names).
     */
    GoJackException missingFunction(String goName) {
        List<String> callers = OnlyInlined.callers(this, goName);
        return callers.isEmpty() ? Problems.functionNotFound(goName, path, functionsByName.keySet())
                : Problems.onlyInlined(goName, path, callers);
    }

    public Optional<GoFunction> findFunction(String goName) {
        FuncRecord f = functionsByName.get(goName);
        if (f == null && goName.endsWith(".abi0")) {
            // A lone assembly function is named "X.abi0" by go tool nm (and "X" by the pclntab).
            FuncRecord plain = functionsByName.get(goName.substring(0, goName.length() - 5));
            if (plain != null && plain.isAssembly() && abiOf(plain) != GoAbi.ABI_INTERNAL) {
                f = plain;
            }
        }
        return f == null ? Optional.empty() : Optional.of(describe(f));
    }

    /** Every function of the pclntab, in address order (ABI wrappers included). */
    public List<GoFunction> functions() {
        List<GoFunction> all = new ArrayList<>(pclntab.functions().size());
        for (FuncRecord f : pclntab.functions()) {
            all.add(describe(f));
        }
        return all;
    }

    /** Names of all functions (cheap; no descriptors built). */
    public Set<String> functionNames() {
        return functionsByName.keySet();
    }

    private GoAbi abiOf(FuncRecord f) {
        if (abi0Entries.contains(f.entry())) {
            return GoAbi.ABI0;
        }
        if (!f.isAssembly()) {
            return GoAbi.ABI_INTERNAL;
        }
        // A lone assembly function: ABI0 unless the runtime declared it <ABIInternal>, which only .symtab shows.
        if (isStripped()) {
            return GoAbi.UNKNOWN;
        }
        return abiFromSymbols(f);
    }

    private GoAbi abiFromSymbols(FuncRecord f) {
        Set<Long> abi0 = abi0Symbols;
        if (abi0 == null) {
            Set<Long> found = new HashSet<>();
            guarded(() -> {
                for (ElfSymbol sym : elf.symbols()) {
                    if (sym.isFunction() && sym.name().endsWith(".abi0")) {
                        found.add(sym.value());
                    }
                }
                return null;
            });
            abi0Symbols = abi0 = found;
        }
        return abi0.contains(f.entry()) ? GoAbi.ABI0 : GoAbi.ABI_INTERNAL;
    }

    private GoFunction describe(FuncRecord f) {
        synchronized (functionCache) {
            GoFunction cached = functionCache.get(f.name());
            if (cached != null && cached.fileAddress() == f.entry()) {
                return cached;
            }
        }
        GoFunction made;
        try {
            long[] endAndFrame = pclntab.codeEndAndFrameSize(f);
            Long symbolSize = functionSymbolSizes().get(f.entry());
            long size = symbolSize != null && symbolSize > 0 && symbolSize <= f.nextEntry() - f.entry()
                    ? symbolSize : endAndFrame[0] - f.entry();
            made = new GoFunction(f.name(), f.entry(), 0, size, f.argsSize(), (int) endAndFrame[1], f.funcId(),
                    f.funcId() == wrapperFuncId(buildInfo.goVersion()), f.isAssembly(), this);
            made.abi(abiOf(f));
        } catch (GoJackException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Problems.invalidLibrary(path, "it is truncated or corrupt (" + e.getMessage() + ")", e);
        }
        if (functionsByName.get(f.name()) == f) {
            synchronized (functionCache) {
                functionCache.put(f.name(), made);
            }
        }
        return made;
    }

    /** The name of the function (wrappers included) whose entry is the file address {@code entry}. */
    Optional<String> functionAtEntry(long entry) {
        List<FuncRecord> all = pclntab.functions();
        int low = 0;
        int high = all.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = all.get(mid).entry();
            if (at == entry) {
                return Optional.of(all.get(mid).name());
            }
            if (at < entry) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** Layout around a function, as file virtual addresses; the gaps between are padding. */
    dev.gojack.internal.patch.FunctionLayout layoutAround(String goName) {
        FuncRecord f = functionsByName.get(goName);
        long previousEnd = f.entry();
        if (f.index() > 0) {
            FuncRecord p = pclntab.functions().get(f.index() - 1);
            previousEnd = guarded(() -> p.entry() + codeSize(p));
        }
        return new dev.gojack.internal.patch.FunctionLayout(f.entry(), f.nextEntry(), previousEnd);
    }

    private long codeSize(FuncRecord f) {
        Long symbolSize = functionSymbolSizes().get(f.entry());
        if (symbolSize != null && symbolSize > 0 && symbolSize <= f.nextEntry() - f.entry()) {
            return symbolSize;
        }
        return pclntab.codeEndAndFrameSize(f)[0] - f.entry();
    }

    /** The package variable named {@code goName}. Needs {@code .symtab}: stripped libraries say so. */
    public GoVariable variable(String goName) {
        return findVariable(goName).orElseThrow(() ->
                Problems.variableNotFound(goName, path, variablesByName().keySet(), isStripped()));
    }

    public Optional<GoVariable> findVariable(String goName) {
        ElfSymbol s = variablesByName().get(goName);
        return s == null ? Optional.empty() : Optional.of(new GoVariable(s.name(), s.value(), 0, s.size()));
    }

    /** Every data symbol of {@code .symtab} (package variables and linker-made objects). */
    public List<GoVariable> variables() {
        List<GoVariable> all = new ArrayList<>();
        variablesByName().values().forEach(s -> all.add(new GoVariable(s.name(), s.value(), 0, s.size())));
        all.sort((a, b) -> Long.compare(a.fileAddress(), b.fileAddress()));
        return all;
    }

    /** Names of the functions the library exports to C ({@code //export}), as the dynamic linker sees them. */
    public List<String> exports() {
        return guarded(() -> elf.dynamicSymbols().stream()
                .filter(s -> s.isFunction() && s.isDefined() && s.value() != 0)
                .map(ElfSymbol::name).sorted().toList());
    }

    /** The functions carrying an inlined copy of {@code goName} (empty if it was never inlined). */
    public List<String> inlinedInto(String goName) {
        return inlineTrees().inlinedInto(goName);
    }

    /**
     * The functions whose code calls {@code goName} directly ({@code CALL} to its entry), found by decoding every
     * function's instructions (amd64; empty on other architectures). Calls through func values, interfaces and
     * method values are not direct; inlined copies are listed by {@link #inlinedInto(String)}. Built once, on the
     * first request.
     */
    public List<String> callersOf(String goName) {
        GoFunction target = function(goName);
        Map<Long, List<String>> index = callIndex;
        if (index == null) {
            index = guarded(this::buildCallIndex);
            callIndex = index;
        }
        return index.getOrDefault(target.fileAddress(), List.of());
    }

    private Map<Long, List<String>> buildCallIndex() {
        Map<Long, List<String>> callers = new HashMap<>();
        if (elf.machine() != ElfFile.EM_X86_64) {
            return callers;
        }
        for (FuncRecord f : pclntab.functions()) {
            long size = codeSize(f);
            if (size <= 0 || size > Integer.MAX_VALUE || elf.fileOffset(f.entry()) < 0) {
                continue;
            }
            byte[] code = elf.bytesAt(f.entry(), (int) size);
            String name = f.name();
            dev.gojack.internal.arch.amd64.Amd64CallScanner.calls(code, f.entry(), target -> {
                List<String> list = callers.computeIfAbsent(target, k -> new ArrayList<>());
                if (list.isEmpty() || !list.get(list.size() - 1).equals(name)) {
                    list.add(name);
                }
            });
        }
        return callers;
    }

    /** Every function that was inlined into at least one other. */
    public Set<String> inlinedFunctions() {
        return inlineTrees().inlinedFunctions();
    }

    private InlineTrees inlineTrees() {
        InlineTrees trees = inlineTrees;
        if (trees == null) {
            trees = guarded(() -> moduleData()
                    .map(md -> InlineTrees.read(elf, pclntab, md.gofunc()))
                    .orElseGet(InlineTrees::empty));
            inlineTrees = trees;
        }
        return trees;
    }

    Optional<ModuleData> moduleData() {
        Optional<ModuleData> md = moduleData;
        if (md == null) {
            md = guarded(() -> ModuleData.find(elf, pclntab, buildInfo.goVersion()));
            moduleData = md;
        }
        return md;
    }

    /**
     * Which functions of the main module GoJack can patch with full effect, and why the others cannot be: see
     * {@link Patchability}. Read from the file only; computed on every call.
     */
    public Patchability patchability() {
        return guarded(() -> Patchability.of(this));
    }

    /** The type descriptor named {@code goName}, as a file address (types are found without symbols). */
    public GoType type(String goName) {
        return type(goName, 0);
    }

    /** The type named {@code goName}, its addresses moved by {@code loadBase}. */
    GoType type(String goName, long loadBase) {
        TypeIndex index = typeIndex();
        return new GoType(index, Morphing.descriptor(index, path, goName), loadBase);
    }

    /** Every type descriptor GoJack finds in the file, sorted by name. */
    public List<GoType> types() {
        TypeIndex index = typeIndex();
        List<GoType> all = new ArrayList<>();
        for (TypeDescriptor d : index.all()) {
            all.add(new GoType(index, d, 0));
        }
        return all;
    }

    /** The file's type descriptors, read once. */
    TypeIndex typeIndex() {
        TypeIndex index = typeIndex;
        if (index == null) {
            synchronized (this) {
                index = typeIndex;
                if (index == null) {
                    index = Morphing.buildIndex(path, elf, moduleData(), version());
                    typeIndex = index;
                }
            }
        }
        return index;
    }

    /**
     * How GoJack would put a jump at each function's entry (aligned store, padding hot-patch, quiescent-only),
     * before and with the pc-table coverage of parked jumps, as the text {@code gojack inspect --plans} prints.
     */
    public String entryPlans() {
        return planCensus().toText();
    }

    /** The counts behind {@link #entryPlans()}. */
    dev.gojack.internal.runtime.PlanCensus planCensus() {
        dev.gojack.internal.arch.Architecture arch = dev.gojack.internal.arch.Architectures.forLibrary(path, elf.machine());
        return guarded(() -> dev.gojack.internal.runtime.PlanCensus.of(pclntab,
                wrapperFuncId(buildInfo.goVersion()), elf::bytesAt, arch, this::codeSize));
    }

    Pclntab pclntab() {
        return pclntab;
    }

    ElfFile elf() {
        return elf;
    }

    /** The signature of {@code f}: declared, else from DWARF; empty without either. */
    Optional<GoSignature> signatureOf(GoFunction f) {
        return signatures().of(f);
    }

    FunctionSignatures signatures() {
        FunctionSignatures s = signatures;
        if (s == null) {
            synchronized (this) {
                s = signatures;
                if (s == null) {
                    s = new FunctionSignatures(this);
                    signatures = s;
                }
            }
        }
        return s;
    }

    /**
     * True when the file has a {@code .debug_info} section (nothing of it is read by asking). Go 1.21's
     * {@code -ldflags=-w} keeps the one of the cgo C files, which describes no Go function.
     */
    public boolean hasDebugInfo() {
        return elf.section(".debug_info").isPresent();
    }

    GoVersion version() {
        return buildInfo.goVersion();
    }

    @Override
    public String toString() {
        return "GoBinary[" + path + ", " + goVersion() + ", " + architecture() + "]";
    }
}
