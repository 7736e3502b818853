package dev.gojack.internal.dwarf;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Go type as far as calling conventions and values care: kind, Go name, size, alignment, and its structure —
 * element (arrays, slices, pointers, maps, channels), key (maps), fields (structs), length (arrays). Built from
 * DWARF or from a declared Go signature. A pointer's element is resolved only when asked, so recursive types
 * ({@code type Node struct { next *Node }}) are finite.
 */
public final class TypeInfo {
    /** One field of a struct: name (empty for blank), byte offset, type. */
    public record Field(String name, long offset, TypeInfo type) {
    }

    private final TypeKind kind;
    private final String name;
    private final long size;
    private final int alignment;
    private final long length;
    private final List<Field> fields;
    private final TypeInfo key;
    private Supplier<TypeInfo> elem;
    private TypeInfo resolvedElem;

    private TypeInfo(TypeKind kind, String name, long size, int alignment, long length, List<Field> fields,
                     TypeInfo key, Supplier<TypeInfo> elem) {
        this.kind = Objects.requireNonNull(kind);
        this.name = Objects.requireNonNull(name);
        this.size = size;
        this.alignment = alignment;
        this.length = length;
        this.fields = List.copyOf(fields);
        this.key = key;
        this.elem = elem;
    }

    /** A type with no inner structure (bool, numbers, string, interface, unsafe.Pointer, func, chan of unknown element). */
    public static TypeInfo basic(TypeKind kind, String name, long size) {
        return new TypeInfo(kind, name, size, naturalAlignment(kind, size), 0, List.of(), null, null);
    }

    public static TypeInfo pointerLike(TypeKind kind, String name, Supplier<TypeInfo> elem, TypeInfo key) {
        long size = kind == TypeKind.SLICE ? 24 : 8;
        return new TypeInfo(kind, name, size, 8, 0, List.of(), key, elem);
    }

    public static TypeInfo array(String name, TypeInfo elem, long length) {
        long size = Math.multiplyExact(elem.size(), length);
        return new TypeInfo(TypeKind.ARRAY, name, size, elem.alignment(), length, List.of(), null, () -> elem);
    }

    /** A struct; {@code size} as the compiler laid it out (trailing padding included). */
    public static TypeInfo struct(String name, long size, List<Field> fields) {
        int align = 1;
        for (Field f : fields) {
            align = Math.max(align, f.type().alignment());
        }
        return new TypeInfo(TypeKind.STRUCT, name, size, align, 0, fields, null, null);
    }

    /** The same type under another name (a named type: {@code main.Money} over {@code int64}). */
    public TypeInfo named(String newName) {
        return new TypeInfo(kind, newName, size, alignment, length, fields, key, elem);
    }

    private static int naturalAlignment(TypeKind kind, long size) {
        if (kind.isComplex()) {
            return (int) Math.max(1, size / 2);
        }
        if (kind == TypeKind.STRING || kind == TypeKind.INTERFACE || kind.isPointerShaped()) {
            return 8;
        }
        return (int) Math.max(1, Math.min(8, size));
    }

    public TypeKind kind() {
        return kind;
    }

    /** The type as Go prints it: {@code int}, {@code []uint8}, {@code map[string]int}, {@code *main.Order}. */
    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public int alignment() {
        return alignment;
    }

    /** Array length; 0 for other kinds. */
    public long length() {
        return length;
    }

    /** Struct fields in order; empty for other kinds. */
    public List<Field> fields() {
        return fields;
    }

    /** Map key type, or null. */
    public TypeInfo key() {
        return key;
    }

    /** Element type of arrays, slices, pointers, maps and channels, or null (unknown or none). */
    public synchronized TypeInfo elem() {
        if (resolvedElem == null && elem != null) {
            resolvedElem = elem.get();
            elem = null;
        }
        return resolvedElem;
    }

    /** Whether this value contains pointers the garbage collector follows. */
    public boolean hasPointers() {
        return switch (kind) {
            case STRING, INTERFACE, SLICE, POINTER, MAP, CHAN, FUNC, UNSAFE_POINTER -> true;
            case ARRAY -> length > 0 && elem() != null && elem().hasPointers();
            case STRUCT -> fields.stream().anyMatch(f -> f.type().hasPointers());
            default -> false;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
