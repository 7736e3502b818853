package dev.gojack.internal.morph;

import dev.gojack.GoVariable;
import dev.gojack.MorphOption;
import dev.gojack.Patch;
import dev.gojack.internal.Problems;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.golang.ModuleData;
import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.nat.ReadableMemory;
import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.internal.patch.Patcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Type descriptors and "morphing": swapping the dynamic type of a Go interface value held in a package
 * variable. The thin public methods of {@code GoLibrary} and {@code GoBinary} call in here.
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
public final class Morphing {
    private static final int MAX_POINTER_DEPTH = 4;

    private Morphing() {
    }

    // ------------------------------------------------------------------ types

    /** Reads the type index of a file; {@code GoBinary} keeps one per file. */
    public static TypeIndex buildIndex(Path path, ElfFile elf, Optional<ModuleData> moduleData, GoVersion version) {
        ModuleData md = moduleData.orElseThrow(() -> Problems.noModuleData(path));
        try {
            return TypeIndex.build(elf, md, version);
        } catch (dev.gojack.GoJackException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Problems.unreadableTypes(path, e);
        }
    }

    /** The one descriptor named {@code goName}. */
    public static TypeDescriptor descriptor(TypeIndex index, Path path, String goName) {
        List<TypeDescriptor> found = index.lookup(goName);
        if (found.isEmpty()) {
            throw Problems.typeNotFound(goName, path, index.names());
        }
        if (found.size() > 1) {
            throw Problems.ambiguousType(goName, path, found.stream().map(TypeDescriptor::qualifiedName).toList());
        }
        return found.get(0);
    }

    // ------------------------------------------------------------------ reading interface variables

    /** What a variable of interface type holds, with the descriptors behind it. */
    public record Held(GoVariable variable, long typeWord, long dataWord, boolean empty, TypeDescriptor dynamic,
                       TypeDescriptor inter) {
        boolean isNil() {
            return typeWord == 0;
        }
    }

    /** What the interface variable {@code goName} holds now. */
    public static Held read(Patcher lib, TypeIndex index, String goName) {
        GoVariable v = lib.variable(goName);
        if (v.size() != 16) {
            throw Problems.notInterfaceSized(goName, lib.path(), v.size());
        }
        if ((v.address() & 7) != 0) {
            throw Problems.misalignedInterface(goName, lib.path(), v.address());
        }
        jnr.ffi.Pointer memory = Native.memory(v.address());
        long typeWord = memory.getLong(0);
        long dataWord = memory.getLong(8);
        if (typeWord == 0) {
            return new Held(v, 0, dataWord, false, null, null);
        }
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
        throw Problems.unknownTypeWord(goName, lib.path(), typeWord);
    }

    // ------------------------------------------------------------------ morphing

    /** {@code GoLibrary.morph}: the variable's dynamic type becomes {@code typeName}. */
    public static Patch morph(Patcher lib, TypeIndex index, String variable, String typeName,
                              MorphOption... options) {
        return lib.locked(() -> {
            Held held = read(lib, index, variable);
            requireValue(lib, held, variable);
            TypeDescriptor target = descriptor(index, lib.path(), typeName);
            return swap(lib, index, held, target, 0, "", options);
        });
    }

    /** {@code GoLibrary.morphLike}: the variable's dynamic type becomes the one {@code otherVariable} holds. */
    public static Patch morphLike(Patcher lib, TypeIndex index, String variable, String otherVariable,
                                  MorphOption... options) {
        return lib.locked(() -> {
            Held held = read(lib, index, variable);
            requireValue(lib, held, variable);
            Held other = read(lib, index, otherVariable);
            if (other.isNil()) {
                throw Problems.morphLikeNil(variable, lib.path(), otherVariable);
            }
            long reuse = !held.empty() && !other.empty() && other.inter().equals(held.inter()) ? other.typeWord() : 0;
            return swap(lib, index, held, other.dynamic(), reuse, " (like " + otherVariable + ")", options);
        });
    }

    private static void requireValue(Patcher lib, Held held, String variable) {
        if (held.isNil()) {
            throw Problems.morphNil(variable, lib.path());
        }
    }

    private static Patch swap(Patcher lib, TypeIndex index, Held held, TypeDescriptor target, long reuseWord,
                              String how, MorphOption[] options) {
        String variable = held.variable().name();
        Path path = lib.path();
        long base = lib.loadBase();
        if (target.kind() == TypeDescriptor.INTERFACE) {
            throw Problems.morphToInterface(variable, path, target.name());
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
                    throw Problems.noItab(variable, path, target.name(), held.inter().name());
                }
                itabNote = ", itab built by the runtime";
            }
        }
        long now = MemoryWriter.readWord(held.variable().address());
        if (now != held.typeWord()) {
            throw Problems.changedWhileChecking(variable, path, held.typeWord(), now);
        }
        String what = held.dynamic().name() + " -> " + target.name() + how + " (type word 0x"
                + Long.toHexString(newWord) + " at 0x" + Long.toHexString(held.variable().address()) + itabNote
                + (sizeOnly ? ", UNSAFE: only sizes checked" : "") + ")";
        MorphPatch patch = new MorphPatch(lib, variable, path, held.variable().address(), held.typeWord(), newWord,
                what);
        MemoryWriter.storeWord(held.variable().address(), newWord);
        lib.register(patch);
        return patch;
    }

    /** An itab the runtime built for (inter, type), from {@code runtime.itabTable}; 0 if none (or no symbol). */
    private static long runtimeItab(Patcher lib, long inter, long type) {
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
        dev.gojack.GoType.Kind[] kinds = dev.gojack.GoType.Kind.values();
        dev.gojack.GoType.Kind kind = d.kind() >= 0 && d.kind() < kinds.length ? kinds[d.kind()] : kinds[0];
        return "a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
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
}
