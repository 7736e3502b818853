package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.nat.ReadableMemory;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.PatchRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Type descriptors and "morphing": swapping the dynamic type of a Go interface value held in a package
 * variable. The thin public methods of {@link GoLibrary} and {@link GoBinary} call in here.
 *
 * <p><b>Empty or non-empty interface.</b> The file says nothing about a variable's static type outside DWARF,
 * so the first word decides: if (minus the load base) it is an itab the file lists ({@code itablinks},
 * {@code go:itab.*}), or it points to two words that are an interface type descriptor and a type descriptor
 * of the library (an itab the runtime built with {@code getitab}), the variable is a non-empty interface;
 * if it is a type descriptor of the library, it is {@code any}. A nil variable cannot be classified, and
 * cannot be morphed.
 *
 * <p><b>Safety</b> (the type word is never scanned by the collector, so one aligned 8-byte store suffices; the
 * value itself keeps the layout it was allocated with). The old type T1 and the new type T2 must have: the same
 * size; the same ptrdata and the same pointer bitmap over it (types whose layout is a GC program or an
 * on-demand mask must share their GCData); the same direct-interface property; and, if either is a pointer,
 * both must be, and their pointed-to types pass the same checks (recursively). For a non-empty interface a
 * complete itab for (the same interface, T2) must exist: one the file holds, or one the runtime already built
 * (its {@code itabTable}); GoJack never makes an itab up. {@link MorphOption#UNSAFE_CHECK_SIZE_ONLY} keeps only
 * the size checks.
 */
final class Morphing {
    private static final Map<GoBinary, TypeIndex> INDEXES = new WeakHashMap<>();
    private static final int MAX_POINTER_DEPTH = 4;

    private Morphing() {
    }

    // ------------------------------------------------------------------ types

    /** The library's type index, read once per {@link GoBinary}. */
    static TypeIndex index(GoBinary bin) {
        synchronized (INDEXES) {
            TypeIndex index = INDEXES.get(bin);
            if (index == null) {
                ModuleData md = bin.moduleData().orElseThrow(() -> Problems.unsupported(bin.path(),
                        "GoJack cannot find the runtime's moduledata record in it, so it cannot read its type "
                                + "descriptors"));
                try {
                    index = TypeIndex.build(bin.elf(), md, bin.version());
                } catch (GoJackException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw Problems.invalidLibrary(bin.path(), "its type descriptors cannot be read (" + e + ")", e);
                }
                INDEXES.put(bin, index);
            }
            return index;
        }
    }

    /** Every type descriptor of the file, by name. */
    static List<GoType> types(GoBinary bin) {
        TypeIndex index = index(bin);
        List<GoType> all = new ArrayList<>();
        for (TypeDescriptor d : index.all()) {
            all.add(new GoType(index, d, 0));
        }
        return all;
    }

    /** The type named {@code goName} in the file (file addresses). */
    static GoType type(GoBinary bin, String goName) {
        return new GoType(index(bin), descriptor(bin, goName), 0);
    }

    /** The type named {@code goName} in a loaded library (addresses in this process). */
    static GoType type(GoLibrary lib, String goName) {
        return new GoType(index(lib.binary()), descriptor(lib.binary(), goName), lib.loadBase());
    }

    private static TypeDescriptor descriptor(GoBinary bin, String goName) {
        TypeIndex index = index(bin);
        List<TypeDescriptor> found = index.lookup(goName);
        if (found.isEmpty()) {
            throw Problems.typeNotFound(goName, bin.path(), index.names());
        }
        if (found.size() > 1) {
            throw Problems.ambiguousType(goName, bin.path(), found.stream().map(TypeDescriptor::qualifiedName).toList());
        }
        return found.get(0);
    }

    // ------------------------------------------------------------------ reading interface variables

    /** What a variable of interface type holds, with the descriptors behind it. */
    private record Held(LiveVariable variable, long typeWord, long dataWord, boolean empty, TypeDescriptor dynamic,
                        TypeDescriptor inter) {
        boolean isNil() {
            return typeWord == 0;
        }
    }

    static GoInterfaceValue interfaceVariable(GoLibrary lib, String goName) {
        Held held = read(lib, goName);
        TypeIndex index = index(lib.binary());
        long base = lib.loadBase();
        return new GoInterfaceValue(held.variable().name(), held.variable().address(), held.typeWord(),
                held.dataWord(), held.empty(), held.dynamic() == null ? null : new GoType(index, held.dynamic(), base),
                held.inter() == null ? null : new GoType(index, held.inter(), base));
    }

    private static Held read(GoLibrary lib, String goName) {
        LiveVariable v = lib.variable(goName);
        if (v.size() != 16) {
            throw new IllegalArgumentException("Cannot read " + goName + " in " + lib.path() + " as an interface "
                    + "value: the variable has " + v.size() + " bytes, an interface value has 16 (two words).");
        }
        if ((v.address() & 7) != 0) {
            throw new IllegalArgumentException("Cannot read " + goName + " in " + lib.path() + " as an interface "
                    + "value: its address 0x" + Long.toHexString(v.address()) + " is not 8-byte aligned.");
        }
        jnr.ffi.Pointer memory = Native.memory(v.address());
        long typeWord = memory.getLong(0);
        long dataWord = memory.getLong(8);
        if (typeWord == 0) {
            return new Held(v, 0, dataWord, false, null, null);
        }
        TypeIndex index = index(lib.binary());
        long base = lib.loadBase();
        Optional<TypeIndex.Itab> fileItab = index.itabAt(typeWord - base);
        if (fileItab.isPresent()) {
            Optional<TypeDescriptor> dynamic = index.at(fileItab.get().type());
            Optional<TypeDescriptor> inter = index.at(fileItab.get().inter());
            if (dynamic.isPresent() && inter.isPresent()) {
                return new Held(v, typeWord, dataWord, false, dynamic.get(), inter.get());
            }
        }
        Optional<TypeDescriptor> direct = index.at(typeWord - base);
        if (direct.isPresent()) {
            return new Held(v, typeWord, dataWord, true, direct.get(), null);
        }
        if ((typeWord & 7) == 0 && Long.compareUnsigned(typeWord, 4096) > 0) {
            // An itab the runtime built lies in Go's heap: the word is followed only if it leads to readable memory.
            byte[] tab = ReadableMemory.read(typeWord, 16).orElseThrow(() -> Problems.unreadable(goName, lib.path(),
                    "an interface value", "its first word is neither a type descriptor nor an itab of the library, "
                            + "and as a pointer to an itab the runtime built, " + Problems.notReadable(typeWord, 16)));
            java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(tab).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            Optional<TypeDescriptor> inter = index.at(words.getLong(0) - base)
                    .filter(d -> d.kind() == TypeDescriptor.INTERFACE);
            Optional<TypeDescriptor> dynamic = index.at(words.getLong(8) - base);
            if (inter.isPresent() && dynamic.isPresent()) {
                return new Held(v, typeWord, dataWord, false, dynamic.get(), inter.get());
            }
        }
        throw new GoJackException("Cannot read " + goName + " in " + lib.path() + " as an interface value: its "
                + "first word 0x" + Long.toHexString(typeWord) + " points neither to a type descriptor nor to an "
                + "itab of the library. Either the variable is not of interface type, or its dynamic type was "
                + "made at run time (reflect), which GoJack cannot describe.");
    }

    // ------------------------------------------------------------------ morphing

    static Patch morph(GoLibrary lib, String variable, String typeName, MorphOption... options) {
        synchronized (PatchRegistry.LOCK) {
            Held held = read(lib, variable);
            requireValue(lib, held, variable);
            TypeDescriptor target = descriptor(lib.binary(), typeName);
            return swap(lib, held, target, 0, "", options);
        }
    }

    static Patch morphLike(GoLibrary lib, String variable, String otherVariable, MorphOption... options) {
        synchronized (PatchRegistry.LOCK) {
            Held held = read(lib, variable);
            requireValue(lib, held, variable);
            Held other = read(lib, otherVariable);
            if (other.isNil()) {
                throw Problems.refused(variable, lib.path(), otherVariable + " holds nil, so it has no dynamic type "
                        + "to copy. Assign it a value in Go first.");
            }
            long reuse = !held.empty() && !other.empty() && other.inter().equals(held.inter()) ? other.typeWord() : 0;
            return swap(lib, held, other.dynamic(), reuse, " (like " + otherVariable + ")", options);
        }
    }

    private static void requireValue(GoLibrary lib, Held held, String variable) {
        if (held.isNil()) {
            throw Problems.refused(variable, lib.path(), "it holds nil, so there is no value whose type could be "
                    + "swapped (a nil interface's data word is not a value of any type). Assign a value in Go "
                    + "first.");
        }
    }

    private static Patch swap(GoLibrary lib, Held held, TypeDescriptor target, long reuseWord, String how,
                              MorphOption[] options) {
        String variable = held.variable().name();
        Path path = lib.path();
        TypeIndex index = index(lib.binary());
        long base = lib.loadBase();
        if (target.kind() == TypeDescriptor.INTERFACE) {
            throw Problems.refused(variable, path, target.name() + " is an interface type; the dynamic type of an "
                    + "interface value is always a concrete type.");
        }
        boolean sizeOnly = has(options, MorphOption.UNSAFE_CHECK_SIZE_ONLY);
        List<String> differences = new ArrayList<>();
        compare(index, held.dynamic(), target, sizeOnly, 0, "", differences);
        if (!differences.isEmpty()) {
            throw Problems.morphNotSafe(variable, path, held.dynamic().name(), target.name(), differences, sizeOnly);
        }
        long newWord;
        String itabNote;
        if (held.empty()) {
            newWord = base + target.address();
            itabNote = "";
        } else if (reuseWord != 0) {
            newWord = reuseWord;
            itabNote = ", itab copied";
        } else {
            Optional<TypeIndex.Itab> fileItab = index.itab(held.inter().address(), target.address());
            if (fileItab.isPresent()) {
                newWord = base + fileItab.get().address();
                itabNote = fileItab.get().symbol().isEmpty() ? ", itab from itablinks" : ", " + fileItab.get().symbol();
            } else {
                newWord = runtimeItab(lib, base + held.inter().address(), base + target.address());
                if (newWord == 0) {
                    throw Problems.refused(variable, path, "the library never converts " + target.name() + " to "
                            + held.inter().name() + ", so it has no itab (method table) for that pair, and GoJack "
                            + "does not make one up. Make the Go code convert a " + target.name() + " to "
                            + held.inter().name() + " somewhere reachable (for example keep one in a package "
                            + "variable of type " + held.inter().name() + ").");
                }
                itabNote = ", itab built by the runtime";
            }
        }
        jnr.ffi.Pointer memory = Native.memory(held.variable().address());
        long now = memory.getLong(0);
        if (now != held.typeWord()) {
            throw Problems.refused(variable, path, "Go changed the variable while GoJack was checking it (its type "
                    + "word went from 0x" + Long.toHexString(held.typeWord()) + " to 0x" + Long.toHexString(now)
                    + "). Try again while no goroutine assigns it.");
        }
        String what = held.dynamic().name() + " -> " + target.name() + how + " (type word 0x"
                + Long.toHexString(newWord) + " at 0x" + Long.toHexString(held.variable().address()) + itabNote
                + (sizeOnly ? ", UNSAFE: only sizes checked" : "") + ")";
        MorphPatch patch = new MorphPatch(lib.registry(), variable, path, held.variable().address(), held.typeWord(),
                newWord, what);
        memory.putLong(0, newWord);
        lib.registry().register(patch);
        return patch;
    }

    /** An itab the runtime built for (inter, type), from {@code runtime.itabTable}; 0 if none (or no symbol). */
    private static long runtimeItab(GoLibrary lib, long inter, long type) {
        Optional<GoVariable> tableVariable = lib.binary().findVariable("runtime.itabTable");
        if (tableVariable.isEmpty()) {
            return 0;
        }
        long table = Native.memory(lib.loadBase() + tableVariable.get().fileAddress()).getLong(0);
        if (table == 0 || (table & 7) != 0) {
            return 0;
        }
        // The table and its itabs are in Go's heap; each is read only where it is readable memory.
        long size = ReadableMemory.readLong(table).orElse(0);
        if (size <= 0 || size > (1 << 24)) {
            return 0;
        }
        Optional<byte[]> entries = ReadableMemory.read(table + 16, (int) (8 * size));
        if (entries.isEmpty()) {
            return 0;
        }
        java.nio.ByteBuffer e = java.nio.ByteBuffer.wrap(entries.get()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            long itab = e.getLong(8 * i);
            if (itab == 0 || (itab & 7) != 0) {
                continue;
            }
            Optional<byte[]> m = ReadableMemory.read(itab, 32);
            if (m.isPresent()) {
                java.nio.ByteBuffer w = java.nio.ByteBuffer.wrap(m.get()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                if (w.getLong(0) == inter && w.getLong(8) == type && w.getLong(24) != 0) {
                    return itab;
                }
            }
        }
        return 0;
    }

    /**
     * Adds to {@code out} every way {@code to} differs from {@code from} that matters to the collector or to the
     * methods of {@code to}. {@code depth} > 0 compares what two pointers point to.
     */
    private static void compare(TypeIndex index, TypeDescriptor from, TypeDescriptor to, boolean sizeOnly, int depth,
                                String context, List<String> out) {
        if (from.address() == to.address()) {
            return;
        }
        String a = from.name();
        String b = to.name();
        if (from.size() != to.size()) {
            out.add("size differs" + context + ": " + a + " has " + from.size() + " bytes, " + b + " has "
                    + to.size());
        }
        if (!sizeOnly) {
            if (from.ptrBytes() != to.ptrBytes()) {
                out.add("pointer-holding prefix (ptrdata) differs" + context + ": " + a + " has " + from.ptrBytes()
                        + " bytes, " + b + " has " + to.ptrBytes());
            }
            if (from.gcForm() == TypeDescriptor.GcForm.BITMAP && to.gcForm() == TypeDescriptor.GcForm.BITMAP) {
                List<Long> pa = from.pointerOffsets().orElseThrow();
                List<Long> pb = to.pointerOffsets().orElseThrow();
                if (!pa.equals(pb)) {
                    out.add("pointer words differ" + context + ": " + a + " has " + offsets(pa) + ", " + b + " has "
                            + offsets(pb));
                }
            } else if (from.gcData() != to.gcData()) {
                TypeDescriptor odd = from.gcForm() != TypeDescriptor.GcForm.BITMAP ? from : to;
                out.add("pointer layout cannot be compared" + context + ": " + odd.name() + " describes its pointers "
                        + (odd.gcForm() == TypeDescriptor.GcForm.PROGRAM ? "with a GC program"
                        : "with a mask the runtime builds on demand") + ", and the two types do not share it");
            }
            if (depth == 0 && from.directIface() != to.directIface()) {
                out.add("interface storage differs: " + a + (from.directIface() ? " is stored in the data word itself, "
                        : " is stored behind a pointer in the data word, ") + b
                        + (to.directIface() ? " in the data word itself" : " behind a pointer"));
            }
        }
        boolean fromPointer = from.kind() == TypeDescriptor.POINTER;
        boolean toPointer = to.kind() == TypeDescriptor.POINTER;
        if (fromPointer != toPointer) {
            if (!sizeOnly) {
                out.add("kind differs" + context + ": " + a + " is " + kindName(from) + ", " + b + " is "
                        + kindName(to) + ", so what the value points to cannot be compared");
            }
            return;
        }
        if (fromPointer && depth < MAX_POINTER_DEPTH) {
            Optional<TypeDescriptor> ea = index.at(from.elem());
            Optional<TypeDescriptor> eb = index.at(to.elem());
            if (ea.isEmpty() || eb.isEmpty()) {
                out.add("pointed-to type unknown" + context + ": the library has no descriptor for what "
                        + (ea.isEmpty() ? a : b) + " points to");
                return;
            }
            compare(index, ea.get(), eb.get(), sizeOnly, depth + 1, " (pointed to by " + a + " and " + b + ")", out);
        }
    }

    private static String kindName(TypeDescriptor d) {
        return "a " + GoType.Kind.of(d.kind()).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String offsets(List<Long> offsets) {
        if (offsets.isEmpty()) {
            return "no pointers";
        }
        StringBuilder s = new StringBuilder(offsets.size() == 1 ? "a pointer at offset " : "pointers at offsets ");
        for (int i = 0; i < offsets.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(offsets.get(i));
        }
        return s.toString();
    }

    private static boolean has(MorphOption[] options, MorphOption wanted) {
        for (MorphOption o : options) {
            if (o == wanted) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ the patch

    /** One 8-byte store of an interface variable's type word; closing puts the original word back. */
    private static final class MorphPatch extends AbstractPatch {
        private final Path library;
        private final long address;
        private final long original;
        private final long written;
        private final String what;

        MorphPatch(PatchRegistry registry, String variable, Path library, long address, long original, long written,
                   String what) {
            super(registry, variable);
            this.library = library;
            this.address = address;
            this.original = original;
            this.written = written;
            this.what = what;
        }

        @Override
        public String describe() {
            return target() + ": " + what;
        }

        @Override
        public boolean isRunningSafe() {
            return true;
        }

        @Override
        protected void restore() {
            jnr.ffi.Pointer memory = Native.memory(address);
            long now = memory.getLong(0);
            if (now != written) {
                for (Patch p : registry.openPatches()) {
                    if (p instanceof MorphPatch m && m != this && m.address == address && m.written == now) {
                        throw Problems.notInnermost(describe(), m.describe());
                    }
                }
                throw Problems.changedUnderMorph(target(), library, written, now);
            }
            memory.putLong(0, original);
        }
    }
}
