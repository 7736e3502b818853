package dev.gojack;

import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;

import java.util.List;
import java.util.Optional;

/**
 * A Go type of a library: its runtime type descriptor ({@code internal/abi.Type}), read from the file. Obtained
 * from {@code GoLibrary.type(String)} (addresses in this process) or {@code GoBinary.type(String)} (file
 * addresses only). Two {@code GoType}s are equal when they are the same descriptor of the same mapping.
 *
 * <p>Only types the compiled program needs at run time have a descriptor: types converted to an interface,
 * reached through one (pointer elements, struct fields, method signatures), or listed for reflection.
 */
public final class GoType {
    /** Go's type kinds, in {@code reflect.Kind} order ({@link #ordinal()} is Go's kind number). */
    public enum Kind {
        INVALID, BOOL, INT, INT8, INT16, INT32, INT64, UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR, FLOAT32,
        FLOAT64, COMPLEX64, COMPLEX128, ARRAY, CHAN, FUNC, INTERFACE, MAP, POINTER, SLICE, STRING, STRUCT,
        UNSAFE_POINTER;

        static Kind of(int goKind) {
            Kind[] all = values();
            return goKind >= 0 && goKind < all.length ? all[goKind] : INVALID;
        }
    }

    private final TypeIndex index;
    private final TypeDescriptor descriptor;
    private final long loadBase;

    GoType(TypeIndex index, TypeDescriptor descriptor, long loadBase) {
        this.index = index;
        this.descriptor = descriptor;
        this.loadBase = loadBase;
    }

    TypeDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The type as Go prints it with {@code %T}: {@code main.memStore}, {@code *main.memStore}, {@code time.Time},
     * {@code []string}. Named types carry the package <em>name</em>, not its import path; see
     * {@link #qualifiedName()}.
     */
    public String name() {
        return descriptor.name();
    }

    /** The name with the full import path of a named type: {@code example.com/app/store.Mem}. */
    public String qualifiedName() {
        if (descriptor.kind() == TypeDescriptor.POINTER && !descriptor.isNamed()) {
            return elem().map(e -> "*" + e.qualifiedName()).orElse(name());
        }
        return descriptor.qualifiedName();
    }

    /** Import path of a defined type's package ({@code main}, {@code time}); "" for unnamed and built-in types. */
    public String packagePath() {
        return descriptor.pkgPath();
    }

    /** True for defined (named) types. */
    public boolean isNamed() {
        return descriptor.isNamed();
    }

    public Kind kind() {
        return Kind.of(descriptor.kind());
    }

    /** Size of a value in bytes ({@code unsafe.Sizeof}). */
    public long size() {
        return descriptor.size();
    }

    /** Length of the prefix of a value that can hold pointers ({@code ptrdata}); 0 for pointer-free types. */
    public long pointerBytes() {
        return descriptor.ptrBytes();
    }

    /** Alignment of a value in bytes. */
    public int alignment() {
        return descriptor.align();
    }

    /**
     * Byte offsets of the words that hold pointers, as the garbage collector sees them; empty when the library
     * describes the layout with a GC program (Go 1.23 and older) or builds the mask on demand (Go 1.24+), which
     * GoJack does not expand — both only for very large types.
     */
    public Optional<List<Long>> pointerOffsets() {
        return descriptor.pointerOffsets();
    }

    /**
     * True when an interface holding a value of this type stores the value itself in its data word (pointers,
     * maps, chans, funcs and single-pointer structs); false when the data word points to a copy.
     */
    public boolean isDirectInterface() {
        return descriptor.directIface();
    }

    /** The pointed-to type of a pointer (also the element of a slice, array, chan or map), if it has a descriptor. */
    public Optional<GoType> elem() {
        if (descriptor.elem() == 0) {
            return Optional.empty();
        }
        return index.at(descriptor.elem()).map(d -> new GoType(index, d, loadBase));
    }

    /**
     * Method names: the method set recorded with the type (its uncommon data; the linker drops methods nothing
     * can call), or an interface type's methods. Empty when there are none.
     */
    public List<String> methods() {
        return descriptor.methods();
    }

    /** The descriptor's virtual address in the file. */
    public long fileAddress() {
        return descriptor.address();
    }

    /** The descriptor's address in this process (load base + file address); the file address for a {@link GoBinary}. */
    public long address() {
        return loadBase + descriptor.address();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoType t && t.address() == address() && t.descriptor.address() == descriptor.address();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address());
    }

    @Override
    public String toString() {
        return name() + " (" + kind().name().toLowerCase(java.util.Locale.ROOT) + ", " + size() + " bytes, "
                + pointerBytes() + " pointer bytes)";
    }
}
