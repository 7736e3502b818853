package dev.gojack;

/** Options for {@code GoLibrary.morph} and {@code GoLibrary.morphLike}. */
public enum MorphOption {
    /**
     * Swap the dynamic type even when the two types differ in pointer layout or in being stored directly in the
     * interface: only the sizes (of the types, and of the pointed-to types of pointers) are checked. The garbage
     * collector then scans the value by its original layout while the new type's methods read it by theirs:
     * a pointer the collector does not know about may be freed under them, and a word it takes for a pointer
     * may crash it ("found bad pointer in Go heap"). For experiments only. An itab is still required for a
     * non-empty interface: GoJack never makes one up.
     */
    UNSAFE_CHECK_SIZE_ONLY
}
