package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSymbol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every Go type descriptor of a library that can be found from the file alone, and its itabs.
 *
 * <p>Descriptors are found from these roots: {@code moduledata.typelinks} (int32 offsets from
 * {@code moduledata.types}; unnamed composite types such as {@code *main.T}, {@code []string}), the
 * {@code Inter} and {@code Type} of every itab ({@code moduledata.itablinks} and the {@code go:itab.*} /
 * {@code go.itab.*} symbols of {@code .symtab}), and every RELATIVE relocation whose target lies in
 * {@code [types, etypes)} and reads as a plausible descriptor (this finds named types that only static data
 * refers to, such as the value of {@code var x any = T{}}). From each descriptor the walk follows the links a
 * descriptor holds: element types of pointers, slices, arrays, chans and maps, struct field types, func
 * parameter types, method and interface-method types, and {@code PtrToThis}. A descriptor of any address in
 * {@code [types, etypes)} can also be decoded on demand ({@link #at(long)}), which is how type words read
 * from a running program are resolved.
 *
 * <p>Version differences handled: the 48-byte header is the same from Go 1.18 to 1.26; direct-interface is
 * {@code Kind_&0x20} up to 1.25 and {@code TFlag&0x20} from 1.26 (the bit is unused in the other field in the
 * other versions, so either marks it); GC programs ({@code Kind_&0x40}) exist up to 1.23 and on-demand masks
 * ({@code TFlag&0x10}) from 1.24; the map type's header grew from 88 to 112 bytes with Go 1.24's maps, which
 * moves a named map type's uncommon data. Pointers inside descriptors are read with
 * {@link ElfFile#pointerAt(long)}, so RELATIVE relocations are honoured on amd64 and arm64 alike.
 */
public final class TypeIndex {
    private static final int HEADER = 48;
    private static final int UNCOMMON_SIZE = 16;
    private static final int MAX_ENTRIES = 1 << 20;

    private final ElfFile elf;
    private final long types;
    private final long etypes;
    private final GoVersion version;
    private final Map<Long, TypeDescriptor> byAddress = new HashMap<>();
    private final Set<Long> rejected = new HashSet<>();
    private final Map<String, List<TypeDescriptor>> byName = new HashMap<>();
    private final Map<Long, List<TypeDescriptor>> pointersTo = new HashMap<>();
    private final Map<Long, Itab> itabs = new LinkedHashMap<>();

    /**
     * An itab of the file.
     *
     * @param address  where it starts
     * @param inter    its {@code Inter}: the interface type descriptor
     * @param type     its {@code Type}: the concrete type descriptor
     * @param complete {@code Fun[0] != 0}: the type implements the interface (an incomplete itab records a failed
     *                 assertion)
     * @param symbol   its {@code .symtab} name ({@code go:itab.*main.memStore,main.Store}), or "" when stripped
     */
    public record Itab(long address, long inter, long type, boolean complete, String symbol) {
    }

    private TypeIndex(ElfFile elf, long types, long etypes, GoVersion version) {
        this.elf = elf;
        this.types = types;
        this.etypes = etypes;
        this.version = version;
    }

    /** Reads every descriptor and itab reachable in {@code elf}. */
    public static TypeIndex build(ElfFile elf, ModuleData md, GoVersion version) {
        TypeIndex index = new TypeIndex(elf, md.types(), md.etypes(), version);
        index.walk(md);
        return index;
    }

    public long typesStart() {
        return types;
    }

    public long typesEnd() {
        return etypes;
    }

    private void walk(ModuleData md) {
        Deque<Long> queue = new ArrayDeque<>();
        if (md.typelinksLength() > 0 && md.typelinksLength() < MAX_ENTRIES) {
            for (long i = 0; i < md.typelinksLength(); i++) {
                queue.add(types + (int) elf.u32At(md.typelinks() + 4 * i));
            }
        }
        if (md.itablinksLength() > 0 && md.itablinksLength() < MAX_ENTRIES) {
            for (long i = 0; i < md.itablinksLength(); i++) {
                addItab(elf.pointerAt(md.itablinks() + 8 * i), "");
            }
        }
        for (ElfSymbol s : elf.symbols()) {
            if (s.isDefined() && (s.name().startsWith("go:itab.") || s.name().startsWith("go.itab."))) {
                addItab(s.value(), s.name());
            }
        }
        for (Itab itab : itabs.values()) {
            queue.add(itab.inter());
            queue.add(itab.type());
        }
        drain(queue, false);
        // Named types that only static data refers to: targets of relocations into the type area.
        elf.forEachRelocation((address, target) -> {
            if (inTypes(target) && !byAddress.containsKey(target) && !rejected.contains(target)) {
                Optional<Decoded> d = decode(target, true);
                if (d.isPresent()) {
                    insert(d.get().descriptor());
                    queue.addAll(d.get().links());
                }
            }
        });
        drain(queue, false);
    }

    private void drain(Deque<Long> queue, boolean strict) {
        while (!queue.isEmpty()) {
            long a = queue.poll();
            if (!inTypes(a) || byAddress.containsKey(a) || rejected.contains(a)) {
                continue;
            }
            Optional<Decoded> d = decode(a, strict);
            if (d.isEmpty()) {
                rejected.add(a);
                continue;
            }
            insert(d.get().descriptor());
            queue.addAll(d.get().links());
        }
    }

    private void addItab(long address, String symbol) {
        if (address == 0 || elf.fileOffset(address) < 0) {
            return;
        }
        Itab known = itabs.get(address);
        if (known != null) {
            if (known.symbol().isEmpty() && !symbol.isEmpty()) {
                itabs.put(address, new Itab(address, known.inter(), known.type(), known.complete(), symbol));
            }
            return;
        }
        long inter = elf.pointerAt(address);
        long type = elf.pointerAt(address + 8);
        if (!inTypes(inter) || !inTypes(type)) {
            return;
        }
        itabs.put(address, new Itab(address, inter, type, elf.pointerAt(address + 24) != 0, symbol));
    }

    private void insert(TypeDescriptor d) {
        byAddress.put(d.address(), d);
        byName.computeIfAbsent(d.name(), k -> new ArrayList<>(1)).add(d);
        if (d.kind() == TypeDescriptor.POINTER && d.elem() != 0) {
            pointersTo.computeIfAbsent(d.elem(), k -> new ArrayList<>(1)).add(d);
        }
    }

    private boolean inTypes(long a) {
        return a >= types && a + HEADER <= etypes && (a & 7) == 0;
    }

    // ------------------------------------------------------------------ queries

    /**
     * The descriptor at file address {@code address}: from the index, or decoded now if the address lies in
     * the type area and reads as a descriptor.
     */
    public synchronized Optional<TypeDescriptor> at(long address) {
        TypeDescriptor d = byAddress.get(address);
        if (d != null) {
            return Optional.of(d);
        }
        if (!inTypes(address) || rejected.contains(address)) {
            return Optional.empty();
        }
        Deque<Long> queue = new ArrayDeque<>();
        queue.add(address);
        drain(queue, false);
        return Optional.ofNullable(byAddress.get(address));
    }

    /** Every descriptor found, by name. */
    public synchronized List<TypeDescriptor> all() {
        List<TypeDescriptor> all = new ArrayList<>(byAddress.values());
        all.sort(Comparator.comparing(TypeDescriptor::name).thenComparingLong(TypeDescriptor::address));
        return all;
    }

    /** Names of every descriptor found. */
    public synchronized Set<String> names() {
        return new HashSet<>(byName.keySet());
    }

    /**
     * Descriptors answering to {@code name}: Go's own string ({@code main.memStore}, {@code *main.memStore},
     * {@code time.Time}, {@code []string}), or the same with the full import path instead of the package name
     * ({@code example.com/app/store.Mem}, {@code *example.com/app/store.Mem}). More than one when different
     * packages with the same name declare a type of that name.
     */
    public synchronized List<TypeDescriptor> lookup(String name) {
        List<TypeDescriptor> exact = byName.get(name);
        if (exact != null) {
            return List.copyOf(exact);
        }
        int stars = 0;
        while (stars < name.length() && name.charAt(stars) == '*') {
            stars++;
        }
        String base = name.substring(stars);
        int bracket = base.indexOf('[');
        String head = bracket < 0 ? base : base.substring(0, bracket);
        int slash = head.lastIndexOf('/');
        if (slash < 0) {
            return List.of();
        }
        int dot = head.indexOf('.', slash + 1);
        if (dot < 0) {
            return List.of();
        }
        String pkgPath = base.substring(0, dot);
        String rest = base.substring(dot);
        List<TypeDescriptor> found = new ArrayList<>();
        for (TypeDescriptor d : byAddress.values()) {
            if (d.isNamed() && d.pkgPath().equals(pkgPath)) {
                int bracketInName = d.name().indexOf('[');
                int nameDot = d.name().lastIndexOf('.', bracketInName < 0 ? d.name().length() : bracketInName);
                if (nameDot >= 0 && d.name().substring(nameDot).equals(rest)) {
                    found.add(d);
                }
            }
        }
        for (int i = 0; i < stars; i++) {
            List<TypeDescriptor> pointers = new ArrayList<>();
            for (TypeDescriptor d : found) {
                pointers.addAll(pointersTo.getOrDefault(d.address(), List.of()));
            }
            found = pointers;
        }
        found.sort(Comparator.comparingLong(TypeDescriptor::address));
        return found;
    }

    /** Pointer types whose element is the descriptor at {@code elem}. */
    public synchronized List<TypeDescriptor> pointersTo(long elem) {
        return List.copyOf(pointersTo.getOrDefault(elem, List.of()));
    }

    /** Every itab of the file (itablinks and {@code go:itab.*} symbols). */
    public synchronized List<Itab> itabs() {
        return List.copyOf(itabs.values());
    }

    /** The itab at file address {@code address}, if the file lists one there. */
    public synchronized Optional<Itab> itabAt(long address) {
        return Optional.ofNullable(itabs.get(address));
    }

    /** A complete itab of the file for the pair (interface {@code inter}, concrete {@code type}). */
    public synchronized Optional<Itab> itab(long inter, long type) {
        for (Itab i : itabs.values()) {
            if (i.inter() == inter && i.type() == type && i.complete()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ decoding

    private record Decoded(TypeDescriptor descriptor, List<Long> links) {
    }

    /**
     * Reads the descriptor at {@code a}; empty when the bytes there cannot be one. {@code strict} (for
     * addresses only guessed from relocations) also demands a type string without tag, package path or embedded
     * flag, as the compiler writes them.
     */
    private Optional<Decoded> decode(long a, boolean strict) {
        try {
            return Optional.ofNullable(decodeOrNull(a, strict));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Decoded decodeOrNull(long a, boolean strict) {
        if (!inTypes(a) || elf.fileOffset(a) < 0) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(elf.bytesAt(a, HEADER)).order(ByteOrder.LITTLE_ENDIAN);
        long size = h.getLong(0);
        long ptrBytes = h.getLong(8);
        long hash = h.getInt(16) & 0xffffffffL;
        int tflag = h.get(20) & 0xff;
        int align = h.get(21) & 0xff;
        int fieldAlign = h.get(22) & 0xff;
        int kindByte = h.get(23) & 0xff;
        int kind = kindByte & 0x1f;
        int str = h.getInt(40);
        int ptrToThis = h.getInt(44);
        if (kind < 1 || kind > TypeDescriptor.UNSAFE_POINTER || (tflag & ~0x3f) != 0 || (kindByte & 0x80) != 0) {
            return null;
        }
        if (!powerOfTwo(align) || !powerOfTwo(fieldAlign) || size < 0 || size > (1L << 48) || ptrBytes < 0
                || ptrBytes > size || (ptrBytes & 7) != 0 || str <= 0 || types + str >= etypes) {
            return null;
        }
        // Equal is a func value: a pointer to a funcval whose first word is the code address.
        long equal = elf.pointerAt(a + 24);
        if (equal != 0 && (elf.fileOffset(equal) < 0 || !elf.isExecutableAddress(elf.pointerAt(equal)))) {
            return null;
        }
        GoNameDecoder.GoName typeName = GoNameDecoder.read(elf, types + str);
        if (typeName.name().isEmpty() || strict && ((typeName.flags() & ~GoNameDecoder.FLAG_EXPORTED) != 0
                || !printable(typeName.name()))) {
            return null;
        }
        String name = typeName.name();
        if ((tflag & TypeDescriptor.TFLAG_EXTRA_STAR) != 0) {
            if (!name.startsWith("*")) {
                return null;
            }
            name = name.substring(1);
        }
        boolean directIface = (kindByte & TypeDescriptor.KIND_DIRECT_IFACE) != 0
                || (tflag & TypeDescriptor.TFLAG_DIRECT_IFACE) != 0;
        long gcData = elf.pointerAt(a + 32);
        TypeDescriptor.GcForm form = TypeDescriptor.GcForm.BITMAP;
        byte[] mask = new byte[0];
        if ((kindByte & TypeDescriptor.KIND_GC_PROG) != 0) {
            form = TypeDescriptor.GcForm.PROGRAM;
            mask = null;
        } else if ((tflag & TypeDescriptor.TFLAG_GC_MASK_ON_DEMAND) != 0) {
            form = TypeDescriptor.GcForm.ON_DEMAND;
            mask = null;
        } else if (ptrBytes > 0) {
            if (gcData == 0) {
                return null;
            }
            mask = elf.bytesAt(gcData, (int) ((ptrBytes / 8 + 7) / 8));
        }

        List<Long> links = new ArrayList<>();
        long elem = 0;
        switch (kind) {
            case TypeDescriptor.POINTER, TypeDescriptor.SLICE, TypeDescriptor.CHAN -> elem = elf.pointerAt(a + 48);
            case TypeDescriptor.ARRAY -> {
                elem = elf.pointerAt(a + 48);
                links.add(elf.pointerAt(a + 56));
            }
            case TypeDescriptor.MAP -> {
                links.add(elf.pointerAt(a + 48));
                elem = elf.pointerAt(a + 56);
            }
            case TypeDescriptor.STRUCT -> {
                long fields = elf.pointerAt(a + 56);
                long count = elf.u64At(a + 64);
                if (count > 0 && count < (1 << 16)) {
                    for (long i = 0; i < count; i++) {
                        links.add(elf.pointerAt(fields + 24 * i + 8));
                    }
                }
            }
            case TypeDescriptor.FUNC -> {
                ByteBuffer f = ByteBuffer.wrap(elf.bytesAt(a + 48, 4)).order(ByteOrder.LITTLE_ENDIAN);
                int in = f.getShort(0) & 0xffff;
                int out = f.getShort(2) & 0x7fff;
                long params = a + 56 + ((tflag & TypeDescriptor.TFLAG_UNCOMMON) != 0 ? UNCOMMON_SIZE : 0);
                if (in + out < 1024) {
                    for (int i = 0; i < in + out; i++) {
                        links.add(elf.pointerAt(params + 8L * i));
                    }
                }
            }
            default -> {
            }
        }
        if (elem != 0) {
            links.add(elem);
        }
        if (ptrToThis > 0) {
            links.add(types + ptrToThis);
        }

        String pkgPath = "";
        List<String> methods = new ArrayList<>();
        if (kind == TypeDescriptor.INTERFACE) {
            long pkg = elf.pointerAt(a + 48);
            if (pkg != 0) {
                pkgPath = GoNameDecoder.read(elf, pkg).name();
            }
            long imethods = elf.pointerAt(a + 56);
            long count = elf.u64At(a + 64);
            if (count > 0 && count < (1 << 16)) {
                for (long i = 0; i < count; i++) {
                    int nameOff = (int) elf.u32At(imethods + 8 * i);
                    int typOff = (int) elf.u32At(imethods + 8 * i + 4);
                    methods.add(nameAt(nameOff));
                    if (typOff > 0) {
                        links.add(types + typOff);
                    }
                }
            }
        }
        if ((tflag & TypeDescriptor.TFLAG_UNCOMMON) != 0) {
            long u = a + headerSize(kind);
            ByteBuffer ub = ByteBuffer.wrap(elf.bytesAt(u, UNCOMMON_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
            int pkgOff = ub.getInt(0);
            int mcount = ub.getShort(4) & 0xffff;
            long moff = ub.getInt(8) & 0xffffffffL;
            if (pkgOff > 0) {
                pkgPath = nameAt(pkgOff);
            }
            if (kind != TypeDescriptor.INTERFACE) {
                for (int i = 0; i < mcount; i++) {
                    long m = u + moff + 16L * i;
                    ByteBuffer mb = ByteBuffer.wrap(elf.bytesAt(m, 8)).order(ByteOrder.LITTLE_ENDIAN);
                    methods.add(nameAt(mb.getInt(0)));
                    int mtyp = mb.getInt(4);
                    if (mtyp > 0) {
                        links.add(types + mtyp);
                    }
                }
            }
        }
        TypeDescriptor d = new TypeDescriptor(a, size, ptrBytes, hash, tflag, align, kindByte, kind, directIface, form,
                gcData, mask, name, pkgPath, elem, Collections.unmodifiableList(methods));
        return new Decoded(d, links);
    }

    private String nameAt(int offset) {
        if (offset <= 0 || types + offset >= etypes) {
            return "?";
        }
        return GoNameDecoder.read(elf, types + offset).name();
    }

    /** Size of the kind-specific descriptor struct: where the uncommon data starts. */
    private int headerSize(int kind) {
        return switch (kind) {
            case TypeDescriptor.POINTER, TypeDescriptor.SLICE, TypeDescriptor.FUNC -> 56;
            case TypeDescriptor.CHAN -> 64;
            case TypeDescriptor.ARRAY -> 72;
            case TypeDescriptor.STRUCT, TypeDescriptor.INTERFACE -> 80;
            // Go 1.24 maps (abi.SwissMapType, 1.26 abi.MapType): 112 bytes; older abi.MapType: 88.
            case TypeDescriptor.MAP -> version.isKnown() && !version.atLeast(24) ? 88 : 112;
            default -> HEADER;
        };
    }

    private static boolean powerOfTwo(int v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
