package dev.gojack.internal.arch;

import java.util.List;

/**
 * Where a long jump may be parked near an entry: addresses of free runs of padding bytes (never executed,
 * not yet used by GoJack) that the patch layer has verified in memory and in the file.
 */
@FunctionalInterface
public interface PaddingSlots {
    /** Start addresses of free padding runs of at least {@code length} bytes within [from, to). */
    List<Long> free(long from, long to, int length);
}
