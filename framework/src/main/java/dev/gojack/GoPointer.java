package dev.gojack;

/**
 * A Go pointer, map, channel or func value a Go function passed to a {@link GoAnswer} (or a spy recorded, see
 * {@link GoCallRecord}), or that an answer returns: the address it holds. GoJack does not follow it; pass it back to Go as is. A pointer into a goroutine's stack is only
 * valid until the goroutine's stack moves (a call back into Go may move it).
 */
public final class GoPointer {
    private static final GoPointer NIL = new GoPointer(0);
    private final long address;

    private GoPointer(long address) {
        this.address = address;
    }

    /** The pointer holding {@code address} (0: nil). */
    public static GoPointer of(long address) {
        return address == 0 ? NIL : new GoPointer(address);
    }

    /** The nil pointer. */
    public static GoPointer nil() {
        return NIL;
    }

    /** The address it holds. */
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
        return isNil() ? "nil" : "0x" + Long.toHexString(address);
    }
}
