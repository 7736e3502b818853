package dev.gojack.internal.dwarf;

import java.util.Map;
import java.util.Optional;

/** Go's predeclared types (and {@code unsafe.Pointer}) as {@link TypeInfo}s, under the names Go prints. */
public final class BasicTypes {
    private static final Map<String, TypeInfo> TYPES = Map.ofEntries(
            entry("bool", TypeKind.BOOL, 1), entry("int", TypeKind.INT, 8), entry("int8", TypeKind.INT8, 1),
            entry("int16", TypeKind.INT16, 2), entry("int32", TypeKind.INT32, 4), entry("int64", TypeKind.INT64, 8),
            entry("uint", TypeKind.UINT, 8), entry("uint8", TypeKind.UINT8, 1), entry("uint16", TypeKind.UINT16, 2),
            entry("uint32", TypeKind.UINT32, 4), entry("uint64", TypeKind.UINT64, 8),
            entry("uintptr", TypeKind.UINTPTR, 8), entry("float32", TypeKind.FLOAT32, 4),
            entry("float64", TypeKind.FLOAT64, 8), entry("complex64", TypeKind.COMPLEX64, 8),
            entry("complex128", TypeKind.COMPLEX128, 16), entry("string", TypeKind.STRING, 16),
            entry("unsafe.Pointer", TypeKind.UNSAFE_POINTER, 8),
            Map.entry("byte", TypeInfo.basic(TypeKind.UINT8, "uint8", 1)),
            Map.entry("rune", TypeInfo.basic(TypeKind.INT32, "int32", 4)),
            Map.entry("any", TypeInfo.basic(TypeKind.INTERFACE, "interface {}", 16)),
            Map.entry("error", TypeInfo.basic(TypeKind.INTERFACE, "error", 16)));

    private BasicTypes() {
    }

    private static Map.Entry<String, TypeInfo> entry(String name, TypeKind kind, long size) {
        return Map.entry(name, TypeInfo.basic(kind, name, size));
    }

    public static Optional<TypeInfo> of(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }
}
