package dev.gojack.internal.patch;

import java.util.List;

/**
 * A function entry as the patch layer needs it: where it is in memory, its bytes in the library file, where
 * its code ends, where the next function starts, and where free padding around it lies.
 */
public record EntryTarget(String name, long entry, byte[] fileBytes, long codeEnd, long nextEntry,
                          List<Gap> paddingGaps) {
    public EntryTarget {
        paddingGaps = List.copyOf(paddingGaps);
    }

    /** Padding between two functions' code, [start, end) in this process. */
    public record Gap(long start, long end) {
    }
}
