package dev.gojack.internal.golang;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Go type descriptor ({@code runtime._type} / {@code internal/abi.Type}) as read from the library file.
 * Addresses are file virtual addresses.
 *
 * @param address     where the descriptor starts
 * @param size        {@code Size_}
 * @param ptrBytes    {@code PtrBytes} (ptrdata): the prefix of a value that can hold pointers
 * @param hash        {@code Hash}
 * @param tflag       {@code TFlag}
 * @param align       {@code Align_}
 * @param kindByte    {@code Kind_} as stored (with the DirectIface and GCProg bits in old versions)
 * @param kind        the kind proper (low five bits): {@link #POINTER}, {@link #INTERFACE}, …
 * @param directIface true when a value of the type is stored in the data word of an interface itself
 * @param gcForm      how {@code GCData} describes the pointer layout
 * @param gcData      the {@code GCData} pointer (0 when none)
 * @param pointerMask one bit per pointer-sized word of the ptrdata prefix, when {@code gcForm} is BITMAP
 * @param name        the type's string with the extra star removed: {@code main.memStore}, {@code *main.memStore}
 * @param pkgPath     the import path from the uncommon type (or an interface's own path), "" when none
 * @param elem        the element type of a pointer, slice, array, chan or map (0 when none)
 * @param methods     the names of the type's methods (uncommon type), or of an interface's methods
 */
public record TypeDescriptor(long address, long size, long ptrBytes, long hash, int tflag, int align, int kindByte,
                             int kind, boolean directIface, GcForm gcForm, long gcData, byte[] pointerMask,
                             String name, String pkgPath, long elem, List<String> methods) {
    public static final int ARRAY = 17;
    public static final int CHAN = 18;
    public static final int FUNC = 19;
    public static final int INTERFACE = 20;
    public static final int MAP = 21;
    public static final int POINTER = 22;
    public static final int SLICE = 23;
    public static final int STRING = 24;
    public static final int STRUCT = 25;
    public static final int UNSAFE_POINTER = 26;

    public static final int TFLAG_UNCOMMON = 1;
    public static final int TFLAG_EXTRA_STAR = 2;
    public static final int TFLAG_NAMED = 4;
    public static final int TFLAG_REGULAR_MEMORY = 8;
    public static final int TFLAG_GC_MASK_ON_DEMAND = 16;
    public static final int TFLAG_DIRECT_IFACE = 32;

    /** {@code Kind_ & 0x20} up to Go 1.25. */
    public static final int KIND_DIRECT_IFACE = 0x20;
    /** {@code Kind_ & 0x40} up to Go 1.23. */
    public static final int KIND_GC_PROG = 0x40;

    /** How a descriptor's {@code GCData} describes its pointer words. */
    public enum GcForm {
        /** A plain bitmap, one bit per word of ptrdata. */
        BITMAP,
        /** A GC program (Go 1.23 and older, large types): not compared bit by bit. */
        PROGRAM,
        /** A mask the runtime builds on demand (Go 1.24+, types over 128 KiB): not compared bit by bit. */
        ON_DEMAND
    }

    public boolean isNamed() {
        return (tflag & TFLAG_NAMED) != 0;
    }

    /** Byte offsets of the words that hold pointers, or empty when the layout is not a bitmap. */
    public Optional<List<Long>> pointerOffsets() {
        if (gcForm != GcForm.BITMAP) {
            return Optional.empty();
        }
        List<Long> offsets = new ArrayList<>();
        long words = ptrBytes / 8;
        for (long w = 0; w < words; w++) {
            if (bit(w)) {
                offsets.add(w * 8);
            }
        }
        return Optional.of(List.copyOf(offsets));
    }

    /** Whether word {@code w} of a value holds a pointer (bitmap form only). */
    public boolean bit(long w) {
        if (pointerMask == null || w < 0 || w >= ptrBytes / 8) {
            return false;
        }
        int index = (int) (w >>> 3);
        return index < pointerMask.length && (pointerMask[index] >> (int) (w & 7) & 1) != 0;
    }

    /**
     * The Go-syntax name with the full import path where Go prints only the package name:
     * {@code example.com/app/store.Mem} for {@code store.Mem}. Unnamed types answer their plain name.
     */
    public String qualifiedName() {
        if (!isNamed() || pkgPath.isEmpty()) {
            return name;
        }
        int bracket = name.indexOf('[');
        int dot = name.lastIndexOf('.', bracket < 0 ? name.length() : bracket);
        return dot < 0 ? name : pkgPath + name.substring(dot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeDescriptor d && d.address == address;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address);
    }

    @Override
    public String toString() {
        return name + "@0x" + Long.toHexString(address) + "(kind " + kind + ", " + size + " bytes, ptrdata " + ptrBytes
                + ")";
    }
}
