package dev.gojack.internal.dwarf;

/**
 * One debugging information entry, decoded: its tag, whether children follow, where the next entry starts, and
 * its attributes (references already made section-absolute).
 */
final class Die {
    static final int TAG_ARRAY_TYPE = 0x01;
    static final int TAG_FORMAL_PARAMETER = 0x05;
    static final int TAG_MEMBER = 0x0d;
    static final int TAG_POINTER_TYPE = 0x0f;
    static final int TAG_COMPILE_UNIT = 0x11;
    static final int TAG_STRUCTURE_TYPE = 0x13;
    static final int TAG_SUBROUTINE_TYPE = 0x15;
    static final int TAG_TYPEDEF = 0x16;
    static final int TAG_SUBRANGE_TYPE = 0x21;
    static final int TAG_BASE_TYPE = 0x24;
    static final int TAG_SUBPROGRAM = 0x2e;

    static final int AT_NAME = 0x03;
    static final int AT_BYTE_SIZE = 0x0b;
    static final int AT_LOW_PC = 0x11;
    static final int AT_INLINE = 0x20;
    static final int AT_UPPER_BOUND = 0x2f;
    static final int AT_ABSTRACT_ORIGIN = 0x31;
    static final int AT_COUNT = 0x37;
    static final int AT_DATA_MEMBER_LOCATION = 0x38;
    static final int AT_ENCODING = 0x3e;
    static final int AT_TYPE = 0x49;
    static final int AT_VARIABLE_PARAMETER = 0x4b;
    static final int AT_ADDR_BASE = 0x73;
    static final int AT_GO_KIND = 0x2900;
    static final int AT_GO_KEY = 0x2901;
    static final int AT_GO_ELEM = 0x2902;

    final long offset;
    final int tag;
    final boolean hasChildren;
    final long next;
    private final int[] names;
    private final long[] values;
    private final String[] strings;
    private final boolean[] addressIndex;

    Die(long offset, int tag, boolean hasChildren, long next, int[] names, long[] values, String[] strings,
        boolean[] addressIndex) {
        this.offset = offset;
        this.tag = tag;
        this.hasChildren = hasChildren;
        this.next = next;
        this.names = names;
        this.values = values;
        this.strings = strings;
        this.addressIndex = addressIndex;
    }

    boolean isNull() {
        return tag == 0;
    }

    private int find(int attribute) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == attribute) {
                return i;
            }
        }
        return -1;
    }

    boolean has(int attribute) {
        return find(attribute) >= 0;
    }

    /** The attribute's numeric value (constant, flag, absolute reference, address), or {@code absent}. */
    long value(int attribute, long absent) {
        int i = find(attribute);
        return i < 0 ? absent : values[i];
    }

    /** True when the value of {@code attribute} is an index into {@code .debug_addr} (DW_FORM_addrx*). */
    boolean isAddressIndex(int attribute) {
        int i = find(attribute);
        return i >= 0 && addressIndex[i];
    }

    String string(int attribute) {
        int i = find(attribute);
        return i < 0 ? null : strings[i];
    }
}
