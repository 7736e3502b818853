package dev.gojack.internal.dwarf;

import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.elf.MalformedInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Go's DWARF ({@code .debug_info} and friends, DWARF 4 from Go 1.21, DWARF 5 from Go 1.25) read on demand: a
 * function's parameters and results with their types. Nothing is read when the reader is made; a lookup finds the
 * function's compilation unit through {@code .debug_aranges}, decodes only that unit's top-level entries, then only
 * the type entries the function refers to. Compressed sections are inflated just as far as those reads reach.
 *
 * <p>Go writes: one {@code DW_TAG_subprogram} per function (its {@code DW_AT_name} is the pclntab name;
 * out-of-line copies of inlinable functions carry a {@code DW_AT_abstract_origin} instead), with
 * {@code DW_TAG_formal_parameter} children in order, results marked {@code DW_AT_variable_parameter}; types carry
 * Go's own attributes ({@code DW_AT_go_kind}, {@code DW_AT_go_elem}, {@code DW_AT_go_key}). All reads are
 * bounds-checked; bad bytes give a {@link MalformedInputException}.
 */
public final class DwarfReader {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TYPE_DEPTH = 48;
    private static final int MAX_UNITS = 1 << 20;

    private final DwarfSection info;
    private final DwarfSection abbrev;
    private final DwarfSection str;
    private final DwarfSection lineStr;
    private final DwarfSection aranges;
    private final List<Unit> units = new ArrayList<>();
    private long unitsEnd;
    private final Map<Long, Abbreviations> abbreviations = new HashMap<>();
    private final Map<Long, Map<String, Long>> functionsByUnit = new HashMap<>();
    private final Map<Long, TypeInfo> types = new HashMap<>();
    private final Map<Long, String> unitNames = new HashMap<>();
    private long[] rangeStarts;
    private long[] rangeEnds;
    private long[] rangeUnits;

    /** One compilation unit's header. */
    private record Unit(long offset, long end, int version, long abbrevOffset, int addressSize, long firstDie) {
    }

    private DwarfReader(ElfFile elf, ElfSection info, ElfSection abbrev) {
        this.info = DwarfSection.of(elf.bytes(), info);
        this.abbrev = DwarfSection.of(elf.bytes(), abbrev);
        this.str = optional(elf, ".debug_str");
        this.lineStr = optional(elf, ".debug_line_str");
        this.aranges = optional(elf, ".debug_aranges");
    }

    private static DwarfSection optional(ElfFile elf, String name) {
        Optional<ElfSection> s = elf.section(name);
        return s.isPresent() && s.get().type() != ElfSection.SHT_NOBITS ? DwarfSection.of(elf.bytes(), s.get()) : null;
    }

    /** The reader for {@code elf}, or empty when it has no DWARF ({@code -ldflags=-w}, stripped). Reads nothing yet. */
    public static Optional<DwarfReader> open(ElfFile elf) {
        Optional<ElfSection> info = elf.section(".debug_info");
        Optional<ElfSection> abbrev = elf.section(".debug_abbrev");
        if (info.isEmpty() || abbrev.isEmpty() || info.get().size() == 0
                || info.get().type() == ElfSection.SHT_NOBITS) {
            return Optional.empty();
        }
        return Optional.of(new DwarfReader(elf, info.get(), abbrev.get()));
    }

    /** Bytes of {@code .debug_info} inflated so far (for the benchmark's report). */
    public synchronized long infoBytesRead() {
        return info.inflated();
    }

    /**
     * The function named {@code name} whose code starts at {@code entry} (a file virtual address; 0 if unknown),
     * or empty when DWARF does not describe it (assembly, linker-made code).
     */
    public synchronized Optional<FunctionInfo> function(String name, long entry) {
        Long unit = entry != 0 ? unitForAddress(entry) : null;
        if (unit != null) {
            Long die = functionsOf(unit).get(name);
            if (die != null) {
                return Optional.of(signature(name, die));
            }
        }
        // Go's units have no address ranges in .debug_aranges (only C ones do), but each is named after its
        // package: look in the units of the function's package first, decoding no other unit's entries.
        String pkg = packageOf(name);
        for (int i = 0; ; i++) {
            Unit u = i < units.size() ? units.get(i) : nextUnit();
            if (u == null) {
                break;
            }
            if (pkg.equals(unitName(u))) {
                Long die = functionsOf(u.offset()).get(name);
                if (die != null) {
                    return Optional.of(signature(name, die));
                }
            }
        }
        for (Unit u : allUnits()) {
            if (!pkg.equals(unitName(u))) {
                Long die = functionsOf(u.offset()).get(name);
                if (die != null) {
                    return Optional.of(signature(name, die));
                }
            }
        }
        return Optional.empty();
    }

    /** The import path of a function's package: {@code net/http} for {@code net/http.(*Client).Do}. */
    static String packageOf(String function) {
        String base = function;
        int bracket = base.indexOf('[');
        if (bracket >= 0) {
            base = base.substring(0, bracket);
        }
        int paren = base.indexOf('(');
        int slash = base.lastIndexOf('/', paren < 0 ? base.length() - 1 : paren);
        int dot = base.indexOf('.', slash + 1);
        return dot < 0 ? base : base.substring(0, dot);
    }

    private String unitName(Unit u) {
        String name = unitNames.get(u.offset());
        if (name == null) {
            name = die(u, u.firstDie()).string(Die.AT_NAME);
            unitNames.put(u.offset(), name == null ? "" : name);
        }
        return unitNames.get(u.offset());
    }

    /** Every function DWARF describes (reads all of {@code .debug_info}). */
    public synchronized List<String> functionNames() {
        List<String> names = new ArrayList<>();
        for (Unit u : allUnits()) {
            names.addAll(functionsOf(u.offset()).keySet());
        }
        return names;
    }

    // ---- units ----

    private List<Unit> allUnits() {
        while (unitsEnd < info.size()) {
            if (nextUnit() == null) {
                break;
            }
        }
        return units;
    }

    /** Reads the header after the last one known; null at the end of the section. */
    private Unit nextUnit() {
        if (unitsEnd >= info.size() || units.size() >= MAX_UNITS) {
            return null;
        }
        Cursor c = new Cursor(info, unitsEnd);
        long length = c.u32();
        if (length == 0xffffffffL) {
            throw new MalformedInputException("64-bit DWARF is not supported (unit at 0x" + Long.toHexString(unitsEnd) + ")");
        }
        long end = c.position + length;
        if (length < 7 || end > info.size()) {
            throw new MalformedInputException("DWARF unit at 0x" + Long.toHexString(unitsEnd) + " has length " + length);
        }
        int version = (int) c.u16();
        long abbrevOffset;
        int addressSize;
        if (version >= 5) {
            int unitType = c.u8();
            addressSize = c.u8();
            abbrevOffset = c.u32();
            if (unitType == 2 || unitType == 6) { // type units: signature and type offset follow
                c.skip(12);
            } else if (unitType == 4 || unitType == 5) { // skeleton / split: dwo id
                c.skip(8);
            }
        } else if (version >= 2) {
            abbrevOffset = c.u32();
            addressSize = c.u8();
        } else {
            throw new MalformedInputException("DWARF version " + version + " is not supported");
        }
        if (addressSize != 8 && addressSize != 4) {
            throw new MalformedInputException("DWARF unit address size " + addressSize);
        }
        Unit u = new Unit(unitsEnd, end, version, abbrevOffset, addressSize, c.position);
        units.add(u);
        unitsEnd = end;
        return u;
    }

    private Unit unitContaining(long offset) {
        // Units are found in order; a reference past the last one known reads headers up to it.
        int lo = 0;
        int hi = units.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Unit u = units.get(mid);
            if (offset < u.offset()) {
                hi = mid - 1;
            } else if (offset >= u.end()) {
                lo = mid + 1;
            } else {
                return u;
            }
        }
        while (offset >= unitsEnd) {
            Unit u = nextUnit();
            if (u == null) {
                break;
            }
            if (offset < u.end()) {
                return u;
            }
        }
        throw new MalformedInputException("DWARF reference 0x" + Long.toHexString(offset) + " lies in no unit");
    }

    private Unit unitAt(long offset) {
        Unit u = unitContaining(offset);
        if (u.offset() != offset) {
            throw new MalformedInputException("no DWARF unit starts at 0x" + Long.toHexString(offset));
        }
        return u;
    }

    private Abbreviations abbreviations(Unit u) {
        Abbreviations a = abbreviations.get(u.abbrevOffset());
        if (a == null) {
            a = new Abbreviations(abbrev, u.abbrevOffset());
            abbreviations.put(u.abbrevOffset(), a);
        }
        return a;
    }

    // ---- address ranges ----

    private Long unitForAddress(long address) {
        if (aranges == null) {
            return null;
        }
        if (rangeStarts == null) {
            readAranges();
        }
        for (int i = 0; i < rangeStarts.length; i++) {
            if (Long.compareUnsigned(address, rangeStarts[i]) >= 0 && Long.compareUnsigned(address, rangeEnds[i]) < 0) {
                return rangeUnits[i];
            }
        }
        return null;
    }

    private void readAranges() {
        List<long[]> ranges = new ArrayList<>();
        long at = 0;
        while (at + 4 <= aranges.size()) {
            Cursor c = new Cursor(aranges, at);
            long length = c.u32();
            long end = c.position + length;
            if (length == 0xffffffffL || length < 8 || end > aranges.size()) {
                throw new MalformedInputException(".debug_aranges set at 0x" + Long.toHexString(at) + " has length " + length);
            }
            c.u16(); // version
            long unit = c.u32();
            int addressSize = c.u8();
            int segmentSize = c.u8();
            if (addressSize != 8 || segmentSize != 0) {
                throw new MalformedInputException(".debug_aranges address size " + addressSize);
            }
            long tuples = at + ((c.position - at + 15) / 16) * 16;
            for (long t = tuples; t + 16 <= end; t += 16) {
                long start = aranges.u64(t);
                long size = aranges.u64(t + 8);
                if (start == 0 && size == 0) {
                    break;
                }
                ranges.add(new long[] {start, start + size, unit});
            }
            at = end;
        }
        int n = ranges.size();
        rangeStarts = new long[n];
        rangeEnds = new long[n];
        rangeUnits = new long[n];
        for (int i = 0; i < n; i++) {
            rangeStarts[i] = ranges.get(i)[0];
            rangeEnds[i] = ranges.get(i)[1];
            rangeUnits[i] = ranges.get(i)[2];
        }
    }

    // ---- entries ----

    Die die(long offset) {
        return die(unitContaining(offset), offset);
    }

    private Die die(Unit u, long offset) {
        Cursor c = new Cursor(info, offset);
        long code = c.uleb();
        if (code == 0) {
            return new Die(offset, 0, false, c.position, new int[0], new long[0], new String[0], new boolean[0]);
        }
        Abbreviations.Abbrev a = abbreviations(u).get(code);
        int n = a.attributes().length;
        long[] values = new long[n];
        String[] strings = new String[n];
        boolean[] indexed = new boolean[n];
        for (int i = 0; i < n; i++) {
            readValue(u, c, a.forms()[i], a.implicit()[i], i, values, strings, indexed, 0);
        }
        if (c.position > u.end()) {
            throw new MalformedInputException("DWARF entry at 0x" + Long.toHexString(offset) + " runs past its unit");
        }
        return new Die(offset, a.tag(), a.hasChildren(), c.position, a.attributes(), values, strings, indexed);
    }

    private void readValue(Unit u, Cursor c, int form, long implicit, int i, long[] values, String[] strings,
                           boolean[] indexed, int depth) {
        switch (form) {
            case 0x01 -> values[i] = c.fixed(u.addressSize()); // addr
            case 0x0b, 0x0c, 0x25 -> values[i] = c.u8(); // data1, flag, strx1
            case 0x05, 0x26 -> values[i] = c.u16(); // data2, strx2
            case 0x27 -> values[i] = c.u16() | (long) c.u8() << 16; // strx3
            case 0x06, 0x28, 0x1c, 0x1d, 0x17 -> values[i] = c.u32(); // data4, strx4, ref_sup4, strp_sup, sec_offset
            case 0x07, 0x20, 0x24 -> values[i] = c.u64(); // data8, ref_sig8, ref_sup8
            case 0x1e -> { // data16: the low half is enough for anything read here
                values[i] = c.u64();
                c.u64();
            }
            case 0x0d -> values[i] = c.sleb(); // sdata
            case 0x0f, 0x1a, 0x22, 0x23 -> values[i] = c.uleb(); // udata, strx, loclistx, rnglistx
            case 0x08 -> strings[i] = c.cString(); // string
            case 0x0e -> strings[i] = stringAt(str, c.u32()); // strp
            case 0x1f -> strings[i] = stringAt(lineStr, c.u32()); // line_strp
            case 0x10 -> values[i] = c.fixed(u.version() == 2 ? u.addressSize() : 4); // ref_addr
            case 0x11 -> values[i] = u.offset() + c.u8(); // ref1
            case 0x12 -> values[i] = u.offset() + c.u16(); // ref2
            case 0x13 -> values[i] = u.offset() + c.u32(); // ref4
            case 0x14 -> values[i] = u.offset() + c.u64(); // ref8
            case 0x15 -> values[i] = u.offset() + c.uleb(); // ref_udata
            case 0x19 -> values[i] = 1; // flag_present
            case 0x21 -> values[i] = implicit; // implicit_const
            case 0x18, 0x09 -> c.skip(c.uleb()); // exprloc, block
            case 0x0a -> c.skip(c.u8()); // block1
            case 0x03 -> c.skip(c.u16()); // block2
            case 0x04 -> c.skip(c.u32()); // block4
            case 0x1b -> { // addrx
                values[i] = c.uleb();
                indexed[i] = true;
            }
            case 0x29, 0x2a, 0x2c -> { // addrx1, addrx2, addrx4
                values[i] = c.fixed(form == 0x29 ? 1 : form == 0x2a ? 2 : 4);
                indexed[i] = true;
            }
            case 0x2b -> { // addrx3
                values[i] = c.u16() | (long) c.u8() << 16;
                indexed[i] = true;
            }
            case 0x16 -> { // indirect: the form is in the entry
                if (depth > 2) {
                    throw new MalformedInputException("DW_FORM_indirect nested too deep");
                }
                readValue(u, c, (int) c.uleb(), 0, i, values, strings, indexed, depth + 1);
            }
            default -> throw new MalformedInputException("unknown DWARF form 0x" + Integer.toHexString(form));
        }
    }

    private static String stringAt(DwarfSection section, long offset) {
        if (section == null) {
            throw new MalformedInputException("string reference without a string section");
        }
        return new Cursor(section, offset).cString();
    }

    /** Offsets of the direct children of the entry {@code parent}. */
    private List<Long> children(Die parent) {
        List<Long> result = new ArrayList<>();
        if (!parent.hasChildren) {
            return result;
        }
        Unit u = unitContaining(parent.offset);
        Abbreviations abbrevs = abbreviations(u);
        Cursor c = new Cursor(info, parent.next);
        int depth = 0;
        while (c.position < u.end()) {
            long at = c.position;
            long code = c.uleb();
            if (code == 0) {
                if (depth == 0) {
                    break;
                }
                depth--;
                continue;
            }
            Abbreviations.Abbrev a = abbrevs.get(code);
            if (depth == 0) {
                result.add(at);
            }
            // Entries are skipped, not decoded: only the direct children are wanted.
            for (int form : a.forms()) {
                skipValue(u, c, form, 0);
            }
            if (a.hasChildren() && ++depth > MAX_DEPTH) {
                throw new MalformedInputException("DWARF entries nested deeper than " + MAX_DEPTH);
            }
        }
        return result;
    }

    private void skipValue(Unit u, Cursor c, int form, int depth) {
        switch (form) {
            case 0x01 -> c.skip(u.addressSize());
            case 0x0b, 0x0c, 0x25, 0x11, 0x29 -> c.skip(1);
            case 0x05, 0x26, 0x12, 0x2a -> c.skip(2);
            case 0x27, 0x2b -> c.skip(3);
            case 0x06, 0x28, 0x1c, 0x1d, 0x17, 0x0e, 0x1f, 0x13, 0x2c -> c.skip(4);
            case 0x07, 0x20, 0x24, 0x14 -> c.skip(8);
            case 0x1e -> c.skip(16);
            case 0x10 -> c.skip(u.version() == 2 ? u.addressSize() : 4);
            case 0x0d -> c.sleb();
            case 0x0f, 0x1a, 0x22, 0x23, 0x15, 0x1b -> c.uleb();
            case 0x08 -> c.skipString();
            case 0x19, 0x21 -> {
            }
            case 0x18, 0x09 -> c.skip(c.uleb());
            case 0x0a -> c.skip(c.u8());
            case 0x03 -> c.skip(c.u16());
            case 0x04 -> c.skip(c.u32());
            case 0x16 -> {
                if (depth > 2) {
                    throw new MalformedInputException("DW_FORM_indirect nested too deep");
                }
                skipValue(u, c, (int) c.uleb(), depth + 1);
            }
            default -> throw new MalformedInputException("unknown DWARF form 0x" + Integer.toHexString(form));
        }
    }

    // ---- functions ----

    /** Name → entry offset of the concrete functions (subprograms with code) at the top of one unit. */
    private Map<String, Long> functionsOf(long unitOffset) {
        Map<String, Long> known = functionsByUnit.get(unitOffset);
        if (known != null) {
            return known;
        }
        Unit u = unitAt(unitOffset);
        Map<String, Long> byName = new HashMap<>();
        Die root = die(u, u.firstDie());
        if (root.tag == Die.TAG_COMPILE_UNIT) {
            for (long child : children(root)) {
                Die d = die(u, child);
                if (d.tag != Die.TAG_SUBPROGRAM || d.has(Die.AT_INLINE)) {
                    continue; // abstract (inline-only) descriptions have no code of their own
                }
                String name = d.string(Die.AT_NAME);
                if (name == null && d.has(Die.AT_ABSTRACT_ORIGIN)) {
                    name = die(d.value(Die.AT_ABSTRACT_ORIGIN, 0)).string(Die.AT_NAME);
                }
                if (name != null) {
                    byName.putIfAbsent(name, d.offset);
                }
            }
        }
        functionsByUnit.put(unitOffset, byName);
        return byName;
    }

    private FunctionInfo signature(String name, long offset) {
        Die f = die(offset);
        List<Parameter> params = new ArrayList<>();
        List<Parameter> results = new ArrayList<>();
        java.util.Set<String> resultNames = new java.util.HashSet<>();
        for (long child : children(f)) {
            Die p = die(child);
            if (p.tag != Die.TAG_FORMAL_PARAMETER) {
                continue;
            }
            Die described = p;
            if (!p.has(Die.AT_TYPE) && p.has(Die.AT_ABSTRACT_ORIGIN)) {
                described = die(p.value(Die.AT_ABSTRACT_ORIGIN, 0));
            }
            String paramName = p.string(Die.AT_NAME) != null ? p.string(Die.AT_NAME) : described.string(Die.AT_NAME);
            boolean result = (p.has(Die.AT_VARIABLE_PARAMETER) ? p : described).value(Die.AT_VARIABLE_PARAMETER, 0) != 0;
            if (!described.has(Die.AT_TYPE)) {
                throw new MalformedInputException("parameter " + paramName + " of " + name + " has no type");
            }
            if (result && paramName != null && !resultNames.add(paramName)) {
                continue; // Go sometimes lists an unnamed result twice (~r0, ~r0, ~r1, ~r1)
            }
            TypeInfo type = type(described.value(Die.AT_TYPE, 0), 0);
            (result ? results : params).add(new Parameter(displayName(paramName, result), type, result));
        }
        if (takesDictionary(name)) {
            // Shape-stenciled code takes its dictionary, which DWARF does not list, as its first parameter after
            // the receiver: a generic function first of all, a method of a generic type right after the receiver
            // (main.(*Box[go.shape.int]).Get reads its receiver from RAX).
            params.add(isMethod(name) && !params.isEmpty() ? 1 : 0,
                    new Parameter(".dict", TypeInfo.basic(TypeKind.UINTPTR, "uintptr", 8), false));
        }
        return new FunctionInfo(name, params, results);
    }

    /**
     * Shape-stenciled generic functions and methods take a dictionary first; the closures inside them, and the
     * compiler's own type functions ({@code type:.eq.…}), do not.
     */
    static boolean takesDictionary(String name) {
        int close = name.lastIndexOf(']');
        if (!name.contains("[go.shape.") || name.startsWith("type:") || close < 0) {
            return false;
        }
        return !CLOSURE.matcher(name.substring(close + 1)).find();
    }

    /** A method of a generic type: {@code main.(*Box[go.shape.int]).Get}, {@code main.Box[go.shape.int].Get}. */
    static boolean isMethod(String name) {
        String rest = name.substring(name.lastIndexOf(']') + 1);
        return rest.startsWith(").") || rest.startsWith(".") && rest.length() > 1;
    }

    private static final java.util.regex.Pattern CLOSURE =
            java.util.regex.Pattern.compile("\\.(func|deferwrap|gowrap)\\d+");

    /** Go names unnamed results {@code ~r0}, blank parameters {@code ~p0} or {@code _}: shown without a name. */
    private static String displayName(String name, boolean result) {
        if (name == null || name.startsWith("~") || name.equals("_")) {
            return "";
        }
        return name;
    }

    // ---- types ----

    private TypeInfo type(long offset, int depth) {
        TypeInfo known = types.get(offset);
        if (known != null) {
            return known;
        }
        if (depth > MAX_TYPE_DEPTH) {
            throw new MalformedInputException("DWARF type at 0x" + Long.toHexString(offset) + " nests too deep");
        }
        TypeInfo t = buildType(die(offset), depth);
        types.put(offset, t);
        return t;
    }

    private TypeInfo buildType(Die d, int depth) {
        String name = d.string(Die.AT_NAME) != null ? d.string(Die.AT_NAME) : "";
        long goKind = d.value(Die.AT_GO_KIND, -1);
        long size = d.value(Die.AT_BYTE_SIZE, -1);
        switch (d.tag) {
            case Die.TAG_TYPEDEF -> {
                if (!d.has(Die.AT_TYPE)) {
                    throw new MalformedInputException("typedef " + name + " has no type");
                }
                TypeInfo target = type(d.value(Die.AT_TYPE, 0), depth + 1);
                if (goKind < 0) {
                    // A name for another entry (named types, generic shape parameters ".paramN").
                    return name.isEmpty() || name.startsWith(".") ? target : target.named(name);
                }
                TypeKind kind = TypeKind.of(goKind);
                return switch (kind) {
                    case INTERFACE -> TypeInfo.basic(kind, name, 16);
                    case MAP, CHAN -> TypeInfo.pointerLike(kind, name, refSupplier(d, Die.AT_GO_ELEM, depth),
                            d.has(Die.AT_GO_KEY) ? type(d.value(Die.AT_GO_KEY, 0), depth + 1) : null);
                    default -> target.named(name);
                };
            }
            case Die.TAG_BASE_TYPE -> {
                TypeKind kind = goKind >= 0 ? TypeKind.of(goKind) : baseKind(d.value(Die.AT_ENCODING, 0), size);
                return TypeInfo.basic(kind, name, requireSize(name, size));
            }
            case Die.TAG_POINTER_TYPE -> {
                if (!d.has(Die.AT_TYPE)) {
                    return TypeInfo.basic(TypeKind.UNSAFE_POINTER, name.isEmpty() ? "unsafe.Pointer" : name, 8);
                }
                long elem = d.value(Die.AT_TYPE, 0);
                return TypeInfo.pointerLike(TypeKind.POINTER, name, new LazyType(elem), null);
            }
            case Die.TAG_SUBROUTINE_TYPE -> {
                return TypeInfo.basic(TypeKind.FUNC, name, 8);
            }
            case Die.TAG_ARRAY_TYPE -> {
                if (!d.has(Die.AT_TYPE)) {
                    throw new MalformedInputException("array type " + name + " has no element type");
                }
                TypeInfo elem = type(d.value(Die.AT_TYPE, 0), depth + 1);
                long length = -1;
                for (long child : children(d)) {
                    Die r = die(child);
                    if (r.tag == Die.TAG_SUBRANGE_TYPE) {
                        length = r.has(Die.AT_COUNT) ? r.value(Die.AT_COUNT, -1) : r.value(Die.AT_UPPER_BOUND, -2) + 1;
                    }
                }
                if (length < 0 || length > (1L << 40)) {
                    throw new MalformedInputException("array type " + name + " has length " + length);
                }
                try {
                    return TypeInfo.array(name, elem, length);
                } catch (ArithmeticException e) {
                    throw new MalformedInputException("array type " + name + " is too large");
                }
            }
            case Die.TAG_STRUCTURE_TYPE -> {
                TypeKind kind = goKind >= 0 ? TypeKind.of(goKind) : TypeKind.STRUCT;
                if (kind == TypeKind.STRING) {
                    return TypeInfo.basic(TypeKind.STRING, name, 16);
                }
                if (kind == TypeKind.SLICE) {
                    return TypeInfo.pointerLike(TypeKind.SLICE, name, refSupplier(d, Die.AT_GO_ELEM, depth), null);
                }
                List<TypeInfo.Field> fields = new ArrayList<>();
                for (long child : children(d)) {
                    Die m = die(child);
                    if (m.tag == Die.TAG_MEMBER && m.has(Die.AT_TYPE)) {
                        fields.add(new TypeInfo.Field(m.string(Die.AT_NAME) == null ? "" : m.string(Die.AT_NAME),
                                m.value(Die.AT_DATA_MEMBER_LOCATION, 0), type(m.value(Die.AT_TYPE, 0), depth + 1)));
                    }
                }
                for (TypeInfo.Field f : fields) {
                    if (f.offset() < 0 || f.offset() + f.type().size() > requireSize(name, size) || f.offset() + f.type().size() < 0) {
                        throw new MalformedInputException("field " + f.name() + " of " + name + " lies outside it");
                    }
                }
                return TypeInfo.struct(name, requireSize(name, size), fields);
            }
            default -> throw new MalformedInputException("DWARF entry at 0x" + Long.toHexString(d.offset)
                    + " (tag 0x" + Integer.toHexString(d.tag) + ") is not a type");
        }
    }

    private java.util.function.Supplier<TypeInfo> refSupplier(Die d, int attribute, int depth) {
        if (!d.has(attribute)) {
            return null;
        }
        return new LazyType(d.value(attribute, 0));
    }

    /** A type read when first asked for (pointer, slice, map and channel elements). */
    private final class LazyType implements java.util.function.Supplier<TypeInfo> {
        private final long offset;

        LazyType(long offset) {
            this.offset = offset;
        }

        @Override
        public TypeInfo get() {
            synchronized (DwarfReader.this) {
                return type(offset, 0);
            }
        }
    }

    private static long requireSize(String name, long size) {
        if (size < 0 || size > (1L << 40)) {
            throw new MalformedInputException("type " + name + " has size " + size);
        }
        return size;
    }

    private static TypeKind baseKind(long encoding, long size) {
        return switch ((int) encoding) {
            case 0x02 -> TypeKind.BOOL;
            case 0x03 -> size == 8 ? TypeKind.COMPLEX64 : TypeKind.COMPLEX128;
            case 0x04 -> size == 4 ? TypeKind.FLOAT32 : TypeKind.FLOAT64;
            case 0x05 -> size == 1 ? TypeKind.INT8 : size == 2 ? TypeKind.INT16 : size == 4 ? TypeKind.INT32 : TypeKind.INT64;
            case 0x07, 0x08 -> size == 1 ? TypeKind.UINT8 : size == 2 ? TypeKind.UINT16 : size == 4 ? TypeKind.UINT32
                    : TypeKind.UINT64;
            default -> TypeKind.INVALID;
        };
    }
}
