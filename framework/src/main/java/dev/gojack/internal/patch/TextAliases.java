package dev.gojack.internal.patch;

import dev.gojack.internal.nat.Native;
import dev.gojack.internal.nat.RawAtomics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Read-write views of the library's code pages that GoJack patches, so that code is stored without changing any
 * page's protection: the first time a page is written, its current bytes are copied into a memory file of one
 * page, which is mapped read+execute over the page (one {@code mmap(MAP_FIXED)}: a thread running there waits in
 * its page fault for the new mapping, which holds the same bytes) and read-write elsewhere. A store through the
 * view is then a plain aligned store, the same single instruction as a store at the code address, and the code
 * page is never writable: no {@code mprotect} before and after, and none of the TLB shootdowns that come with
 * them. The page stays so for the library's life, as the jumps GoJack parks in padding do.
 *
 * <p>Only pages GoJack writes are replaced, so a native profiler loses the library's file name for those pages
 * only. Where the kernel refuses an executable memory file ({@code vm.memfd_noexec}, a security module), or with
 * {@code -Dgojack.textAliases=false}, nothing is replaced and {@link MemoryWriter} changes protections instead.
 *
 * <p>The store runs at another linear address than the code, and the SDM ties a core's check of its own
 * prefetched instructions against its stores to the linear address: the writing thread therefore runs a
 * core-serialising function after its stores ({@link #serialiseThisCore}), as {@code membarrier(SYNC_CORE)} makes
 * every other core do.
 */
final class TextAliases {
    /** Set to {@code false} to store code by changing the pages' protection instead. */
    static final String PROPERTY = "gojack.textAliases";

    private final int page = Native.pageSize();
    private final Map<Long, Long> views = new HashMap<>();
    private final LongSupplier serialiseFunction;
    private long serialise;
    private boolean refused = "false".equals(System.getProperty(PROPERTY));

    /** {@code serialiseFunction} places {@code Architecture.serialiseCoreFunction} in GoJack's code memory. */
    TextAliases(LongSupplier serialiseFunction) {
        this.serialiseFunction = serialiseFunction;
    }

    /** Whether pages are replaced by views at all (false once the kernel refused, or when switched off). */
    boolean enabled() {
        return !refused;
    }

    /** Switches the views on or off for later writes (tests and benchmarks measure both ways). */
    void enable(boolean on) {
        refused = !on;
    }

    /** Number of pages replaced so far. */
    int pages() {
        return views.size();
    }

    /** Whether the code page at {@code pageAddress} has a view already. */
    boolean has(long pageAddress) {
        return views.containsKey(pageAddress);
    }

    /** The address in the view of {@code address}, on a page that {@link #has} one. */
    long inView(long address) {
        long pageAddress = address & -page;
        return views.get(pageAddress) + (address - pageAddress);
    }

    /**
     * Replaces the code page at {@code pageAddress} ({@code protection}: the page's), which has no view yet, by its
     * view; false when the kernel refuses (then nothing was changed, and no page is replaced from then on). Called
     * under the engine's lock, which every code write holds.
     */
    boolean replace(long pageAddress, int protection) {
        if (refused) {
            return false;
        }
        int fd;
        try {
            fd = Native.memoryFile("gojack-text", page);
        } catch (dev.gojack.ProcessMemoryException e) {
            refuse(e.getMessage());
            return false;
        }
        try {
            long view = Native.mapFile(fd, 0, page, Native.PROT_READ | Native.PROT_WRITE);
            if (view == 0) {
                refuse("mmap of the memory file failed");
                return false;
            }
            if (views.isEmpty()) {
                // Once: may this file be mapped executable at all (vm.memfd_noexec, a security module)? Asked with
                // a mapping anywhere, so that a refusal never reaches the MAP_FIXED over the code page.
                long probe = Native.mapFile(fd, 0, page, Native.PROT_READ | Native.PROT_EXEC);
                if (probe == 0) {
                    Native.unmap(view, page);
                    refuse("an executable mapping of the memory file was refused");
                    return false;
                }
                Native.unmap(probe, page);
            }
            byte[] bytes = RawAtomics.bytes(pageAddress, page);
            Native.memory(view).put(0, bytes, 0, bytes.length);
            try {
                Native.mapFileOver(fd, pageAddress, page, protection);
            } catch (dev.gojack.ProcessMemoryException e) {
                Native.unmap(view, page);
                refuse(e.getMessage());
                return false;
            }
            views.put(pageAddress, view);
            return true;
        } finally {
            Native.closeFile(fd); // the two mappings keep the file
        }
    }

    private void refuse(String why) {
        refused = true;
        System.getLogger(TextAliases.class.getName()).log(System.Logger.Level.INFO, "GoJack stores code by changing "
                + "page protections: the kernel refused an executable memory file (" + why + ")");
    }

    /** Makes the calling thread's core serialise (after it stored code through views). */
    void serialiseThisCore() {
        if (serialise == 0) {
            serialise = serialiseFunction.getAsLong();
        }
        Native.callVoid(serialise);
    }
}
