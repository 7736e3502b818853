package dev.gojack;

/**
 * A pointer-shaped Go value (a pointer, map, channel, func or {@code unsafe.Pointer}) as a spy recorded it: only
 * its address. GoJack does not follow it: what it points to may have changed or been freed since the call.
 */
public final class GoPointer {
    private final long address;

    /** The value whose address is {@code address} (0 for nil). */
    public GoPointer(long address) {
        this.address = address;
    }

    /** The address (0 for nil). */
    public long address() {
        return address;
    }

    /** True for nil. */
    public boolean isNil() {
        return address == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoPointer p && p.address == address;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address);
    }

    @Override
    public String toString() {
        return address == 0 ? "nil" : "0x" + Long.toHexString(address);
    }
}
