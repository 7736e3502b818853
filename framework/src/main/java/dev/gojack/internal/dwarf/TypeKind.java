package dev.gojack.internal.dwarf;

/** Go's type kinds, numbered as {@code reflect.Kind} (and as Go's DWARF attribute {@code DW_AT_go_kind}). */
public enum TypeKind {
    INVALID, BOOL, INT, INT8, INT16, INT32, INT64, UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR, FLOAT32,
    FLOAT64, COMPLEX64, COMPLEX128, ARRAY, CHAN, FUNC, INTERFACE, MAP, POINTER, SLICE, STRING, STRUCT,
    UNSAFE_POINTER;

    private static final TypeKind[] ALL = values();

    static TypeKind of(long goKind) {
        return goKind >= 0 && goKind < ALL.length ? ALL[(int) goKind] : INVALID;
    }

    public boolean isInteger() {
        return ordinal() >= INT.ordinal() && ordinal() <= UINTPTR.ordinal();
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /** One pointer-sized word that the register ABI passes in one integer register. */
    public boolean isPointerShaped() {
        return this == POINTER || this == MAP || this == CHAN || this == FUNC || this == UNSAFE_POINTER;
    }
}
