package dev.gojack.internal.patch;

import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.nat.Native;
import jnr.ffi.Pointer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The one class that changes code bytes of the library. For each batch: check every byte it will replace, store,
 * and make every core serialise. The stores go through read-write views of the code pages ({@link TextAliases}),
 * so no code page is ever writable; where the kernel refuses views, the touched pages are made writable (and
 * still executable, since other threads may be running code on them) for the shortest time instead, and their
 * protection is put back.
 * <p>
 * A batch is either one {@link #apply} call, or everything applied between {@link #begin} and {@link #end}
 * (a transaction, as {@code GoLibrary.batch} opens one): then the writes are only checked and queued, and
 * {@link #end} stores them all (without views, with one protection change per run of adjacent pages) with one
 * barrier per <i>stage</i>. Write <i>k</i> of one {@code apply} call goes in stage <i>k</i> or later, and a write that
 * overlaps a queued one goes in a later stage than it, so every ordering a single call asks for still holds
 * across the batch: a padding jump (stage 0) is stored and serialised on every core before the entry store
 * that leads to it (stage 1). That barrier between the stages is required, not cautious: a core that reached
 * the padding before serialising could still execute the stale {@code int3} bytes there and kill the process,
 * whereas a stale entry is only the old, intact function. So a batch of entry stores costs one barrier, a batch
 * that also parks new jumps two.
 */
public final class MemoryWriter {
    private final LibraryMappings mappings;
    private final List<Pending> pending = new ArrayList<>();
    private final List<Runnable> undoOnDiscard = new ArrayList<>();
    private int depth;
    private long codeProtections;
    private long dataProtections;
    private long barriers;
    private final TextAliases aliases;

    /** A writer that changes page protections around its stores (no read-write views of code pages). */
    public MemoryWriter(LibraryMappings mappings) {
        this(mappings, null);
    }

    /**
     * A writer that stores code through read-write views of the pages ({@link TextAliases}) where the kernel allows
     * them; {@code serialiseFunction} places {@code Architecture.serialiseCoreFunction} in GoJack's code memory.
     */
    public MemoryWriter(LibraryMappings mappings, java.util.function.LongSupplier serialiseFunction) {
        this.mappings = mappings;
        this.aliases = serialiseFunction == null ? null : new TextAliases(serialiseFunction);
    }

    /**
     * True when code is stored through read-write views of its pages, false when the pages' protection is changed
     * around each store (the kernel refused a view, {@code -Dgojack.textAliases=false}, or a writer without views).
     */
    public synchronized boolean storesThroughViews() {
        return aliases != null && aliases.enabled();
    }

    /** Code pages replaced by their views so far. */
    public synchronized int viewedPages() {
        return aliases == null ? 0 : aliases.pages();
    }

    /** Chooses for later writes between views and protection changes; the caller holds the engine's lock. */
    public synchronized void storeThroughViews(boolean through) {
        if (aliases == null) {
            throw new IllegalStateException("this writer has no views");
        }
        aliases.enable(through);
    }

    /** A write waiting for its transaction's end, in {@code stage}; {@code owner} names it in messages. */
    private record Pending(CodeWrite write, int stage, String owner) {
        boolean overlaps(CodeWrite other) {
            return write.address() < other.address() + other.replacement().length
                    && other.address() < write.address() + write.replacement().length;
        }
    }

    /** System calls this writer made so far: what the tests and benchmarks count. */
    public record Counts(long codeProtections, long dataProtections, long barriers) {
        /** The calls made since {@code earlier}. */
        public Counts minus(Counts earlier) {
            return new Counts(codeProtections - earlier.codeProtections, dataProtections - earlier.dataProtections,
                    barriers - earlier.barriers);
        }
    }

    /** {@code mprotect} calls on code pages and on data pages, and serialising barriers, since this writer exists. */
    public synchronized Counts counts() {
        return new Counts(codeProtections, dataProtections, barriers);
    }

    /** Bytes currently in memory at {@code address}. */
    public static byte[] read(long address, int length) {
        return dev.gojack.internal.nat.RawAtomics.bytes(address, length);
    }

    /** Bytes at {@code address} as they will be once the open transaction's queued writes are stored. */
    public byte[] current(long address, int length) {
        byte[] out = read(address, length);
        for (Pending p : pending) {
            overlay(out, address, p.write().address(), p.write().replacement());
        }
        return out;
    }

    private static void overlay(byte[] bytes, long at, long address, byte[] replacement) {
        for (int i = 0; i < replacement.length; i++) {
            long a = address + i;
            if (a >= at && a < at + bytes.length) {
                bytes[(int) (a - at)] = replacement[i];
            }
        }
    }

    /**
     * Opens a transaction (or joins the open one): writes are queued until the matching {@link #end}. The caller
     * holds the engine's lock for the whole transaction.
     */
    public void begin() {
        depth++;
    }

    /** True while a transaction is open. */
    public boolean inTransaction() {
        return depth > 0;
    }

    /**
     * Closes the transaction {@link #begin} opened; the outermost one stores everything queued. If storing fails
     * (memory changed under GoJack, or {@code mprotect} failed before anything was stored) the queue is kept and
     * the transaction stays open, so the caller can withdraw what it queued and then {@link #discard} the rest.
     *
     * @throws ByteMismatch when memory no longer holds what a queued write expects; nothing was written then
     */
    public void end() {
        if (depth == 0) {
            throw new IllegalStateException("no transaction is open");
        }
        if (depth == 1) {
            flush(true);
            undoOnDiscard.clear();
        }
        depth--;
    }

    /** Drops everything queued, runs the undo actions registered with {@link #onDiscard}, and closes the transaction. */
    public void discard() {
        pending.clear();
        RestorePolicy.restoreNewestFirst(List.copyOf(undoOnDiscard), r -> false, Runnable::run);
        undoOnDiscard.clear();
        depth = 0;
    }

    /** {@code undo} runs if the open transaction is discarded (what the caller recorded for writes never stored). */
    public void onDiscard(Runnable undo) {
        if (inTransaction()) {
            undoOnDiscard.add(undo);
        }
    }

    /**
     * Applies {@code writes} in order, with a serialisation barrier after each one (a padding jump must be
     * visible everywhere before the entry store that leads to it); inside a transaction, queues them so.
     *
     * @throws ByteMismatch when memory does not hold a write's expected bytes; nothing is written then
     */
    public void apply(List<CodeWrite> writes) {
        apply(writes, null);
    }

    /** {@link #apply(List)}; {@code owner} (a function name, or null) is named when a later check fails. */
    public void apply(List<CodeWrite> writes, String owner) {
        List<Pending> before = List.copyOf(pending);
        try {
            for (int i = 0; i < writes.size(); i++) {
                queue(writes.get(i), i, owner);
            }
        } catch (RuntimeException e) {
            pending.clear(); // none of this call's writes stays queued
            pending.addAll(before);
            throw e;
        }
        if (depth == 0) {
            try {
                flush(false); // queue() has just checked each write against memory, under the engine's lock
            } finally {
                pending.clear();
            }
        }
    }

    /**
     * Checks {@code w} against memory as the queue will leave it, then queues it after everything it overlaps.
     * A write that undoes the newest queued write overlapping it cancels that write instead (a patch made and
     * closed again inside one transaction costs nothing).
     */
    private void queue(CodeWrite w, int stage, String owner) {
        byte[] now = current(w.address(), w.expected().length);
        if (!Arrays.equals(now, w.expected())) {
            throw new ByteMismatch(w, now, owner);
        }
        for (int i = pending.size() - 1; i >= 0; i--) {
            Pending p = pending.get(i);
            if (p.overlaps(w)) {
                CodeWrite q = p.write();
                if (q.address() == w.address() && q.atomic() == w.atomic()
                        && Arrays.equals(q.replacement(), w.expected()) && Arrays.equals(q.expected(), w.replacement())) {
                    pending.remove(i);
                    return;
                }
                break;
            }
        }
        int s = stage;
        for (Pending p : pending) {
            if (p.overlaps(w)) {
                s = Math.max(s, p.stage() + 1);
            }
        }
        pending.add(new Pending(w, s, owner));
    }

    /**
     * Stores the queue stage by stage, through the pages' views (without them, with one protection change per run
     * of pages); {@code recheck}: first checks it against memory again (a transaction's writes were checked when
     * queued, and the batch body ran since).
     */
    private void flush(boolean recheck) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> ordered = new ArrayList<>(pending);
        ordered.sort(java.util.Comparator.comparingInt(Pending::stage)); // stable: queue order within a stage
        for (int k = 0; recheck && k < ordered.size(); k++) {
            CodeWrite w = ordered.get(k).write();
            byte[] now = read(w.address(), w.expected().length);
            // What memory will hold when this write's turn comes: the earlier writes it overlaps, in order.
            for (int j = 0; j < k; j++) {
                if (ordered.get(j).overlaps(w)) {
                    CodeWrite earlier = ordered.get(j).write();
                    for (int i = 0; i < now.length; i++) {
                        long at = w.address() + i - earlier.address();
                        if (at >= 0 && at < earlier.replacement().length) {
                            now[i] = earlier.replacement()[(int) at];
                        }
                    }
                }
            }
            if (!Arrays.equals(now, w.expected())) {
                throw new ByteMismatch(w, now, ordered.get(k).owner());
            }
        }
        int page = Native.pageSize();
        TreeSet<Long> pages = new TreeSet<>();
        for (Pending p : ordered) {
            CodeWrite w = p.write();
            for (long a = w.address() & -page; a < w.address() + w.replacement().length; a += page) {
                pages.add(a);
            }
        }
        if (aliases != null && aliases.enabled() && viewsOf(pages)) {
            pending.clear();
            storeThroughViews(ordered, page);
            return;
        }
        List<long[]> runs = runs(pages, page);
        List<long[]> raised = new ArrayList<>();
        boolean stored = false;
        try {
            for (long[] run : runs) {
                protect(run, (int) run[2] | Native.PROT_WRITE | Native.PROT_EXEC, true);
                raised.add(run);
            }
            pending.clear();
            stored = true;
            storeInStages(ordered, MemoryWriter::store, false);
        } finally {
            // Raised inside the try: if raising the second run fails, the first is lowered again.
            RestorePolicy.restoreNewestFirst(raised, r -> false, r -> protect(r, (int) r[2], true));
            if (!stored) {
                pending.clear();
                pending.addAll(ordered);
            }
        }
    }

    /** Stores {@code ordered} with {@code store}, a barrier after each stage (writes were sorted by stage). */
    private void storeInStages(List<Pending> ordered, java.util.function.Consumer<CodeWrite> store,
                               boolean throughViews) {
        int stage = ordered.get(0).stage();
        for (Pending p : ordered) {
            if (p.stage() != stage) {
                barrier(throughViews);
                stage = p.stage();
            }
            store.accept(p.write());
        }
        barrier(throughViews);
    }

    /** Every page of {@code pages} has its view (made now where missing); false if the kernel refused one. */
    private boolean viewsOf(TreeSet<Long> pages) {
        for (long p : pages) {
            if (!aliases.has(p) && !aliases.replace(p, mappings.protectionOf(p))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores {@code ordered} through the pages' views, stage by stage: no protection changes; each atomic write is
     * the same single aligned store as at the code address (views map the same memory), a longer one is copied
     * page by page, as it was before views: it is a jump parked in padding nothing reaches yet, or the entry of a
     * quiescent-only plan, which says no thread may be running the function.
     */
    private void storeThroughViews(List<Pending> ordered, int page) {
        storeInStages(ordered, w -> {
            byte[] b = w.replacement();
            if (w.atomic()) {
                store(new CodeWrite(aliases.inView(w.address()), w.expected(), b, true));
                return;
            }
            for (int i = 0; i < b.length; ) {
                long at = w.address() + i;
                int n = (int) Math.min(b.length - i, (at & -page) + page - at);
                Native.memory(aliases.inView(at)).put(0, b, i, n);
                i += n;
            }
        }, true);
    }

    /** Adjacent pages of the same original protection as {start, length, protection} runs: one mprotect each. */
    private List<long[]> runs(TreeSet<Long> pages, int page) {
        List<long[]> runs = new ArrayList<>();
        for (long p : pages) {
            int protection = mappings.protectionOf(p);
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[0] + last[1] == p && last[2] == protection) {
                last[1] += page;
            } else {
                runs.add(new long[] {p, page, protection});
            }
        }
        return runs;
    }

    private void protect(long[] run, int protection, boolean code) {
        synchronized (this) {
            if (code) {
                codeProtections++;
            } else {
                dataProtections++;
            }
        }
        Native.protect(run[0], run[1], protection);
    }

    /**
     * {@code membarrier(SYNC_CORE)}: every other core serialises; {@code throughViews}: so does this one, which
     * stored at another linear address than the code's (see {@link TextAliases}).
     */
    private void barrier(boolean throughViews) {
        synchronized (this) {
            barriers++;
        }
        Native.serialiseAllCores();
        if (throughViews) {
            aliases.serialiseThisCore();
        }
    }

    /** The 8-byte word at {@code address} (data GoJack owns, e.g. a stub's call counter). */
    public static long readWord(long address) {
        return Native.memory(address).getLong(0);
    }

    /**
     * One aligned 8-byte store into writable data (a dispatch slot, an interface's type word): a Go thread
     * reading it concurrently sees the old or the new word, never a mix.
     */
    public static void storeWord(long address, long value) {
        Native.memory(address).putLong(0, value);
    }

    /** {@code image} stored word by word, each an aligned store, so no Go reader sees a torn word. */
    public static void storeWords(long address, byte[] image) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Pointer p = Native.memory(address);
        int i = 0;
        for (; i + 8 <= image.length; i += 8) {
            p.putLong(i, b.getLong(i));
        }
        for (; i < image.length; i++) {
            p.putByte(i, image[i]);
        }
    }

    /**
     * One aligned store of {@code width} (4 or 8) bytes into the library's data — read-only data such as a
     * {@code _func} record, or writable data such as moduledata — replacing {@code expected} by {@code value}.
     */
    public record DataStore(long address, int width, long expected, long value) {
        public DataStore {
            if (width != 4 && width != 8 || address % width != 0) {
                throw new IllegalArgumentException("a data store is 4 or 8 naturally aligned bytes");
            }
        }
    }

    /**
     * Applies {@code stores} in order. Pages that are not writable are made writable (never executable) for
     * the stores only; a page of code is refused. Each store is one aligned store instruction, so a thread
     * reading the word sees the old or the new value.
     *
     * @throws IllegalStateException when a word does not hold its expected value; nothing is written then
     */
    public void storeData(List<DataStore> stores) {
        for (DataStore d : stores) {
            long now = d.width() == 4 ? Native.memory(d.address()).getInt(0) & 0xffffffffL
                    : Native.memory(d.address()).getLong(0);
            if (now != d.expected()) {
                throw new IllegalStateException("0x" + Long.toHexString(d.address()) + " holds 0x" + Long.toHexString(now)
                        + ", not the expected 0x" + Long.toHexString(d.expected()));
            }
        }
        int page = Native.pageSize();
        TreeSet<Long> pages = new TreeSet<>();
        for (DataStore d : stores) {
            long p = d.address() & -page;
            int protection = mappings.protectionOf(p);
            if ((protection & Native.PROT_EXEC) != 0) {
                throw new IllegalArgumentException("0x" + Long.toHexString(d.address()) + " is code, not data");
            }
            if ((protection & Native.PROT_WRITE) == 0) {
                pages.add(p);
            }
        }
        List<long[]> runs = runs(pages, page);
        List<long[]> raised = new ArrayList<>();
        try {
            for (long[] run : runs) {
                protect(run, (int) run[2] | Native.PROT_WRITE, false);
                raised.add(run);
            }
            for (DataStore d : stores) {
                if (d.width() == 4) {
                    Native.memory(d.address()).putInt(0, (int) d.value());
                } else {
                    Native.memory(d.address()).putLong(0, d.value());
                }
            }
        } finally {
            RestorePolicy.restoreNewestFirst(raised, r -> false, r -> protect(r, (int) r[2], false));
        }
    }

    private static void store(CodeWrite w) {
        Pointer p = Native.memory(w.address());
        byte[] b = w.replacement();
        if (w.atomic() && b.length == 8) {
            p.putLong(0, java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        } else if (w.atomic() && b.length == 2) {
            p.putShort(0, (short) ((b[0] & 0xff) | (b[1] & 0xff) << 8));
        } else {
            p.put(0, b, 0, b.length);
        }
    }

    /** Memory did not hold what a write expected. */
    public static final class ByteMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CodeWrite write;
        private final byte[] found;

        private final String owner;

        ByteMismatch(CodeWrite write, byte[] found, String owner) {
            super("at " + write + " memory holds " + CodeWrite.hex(found));
            this.write = write;
            this.found = found.clone();
            this.owner = owner;
        }

        /** The function the write belongs to, or null if the caller did not say. */
        public String owner() {
            return owner;
        }

        public CodeWrite write() {
            return write;
        }

        public byte[] found() {
            return found.clone();
        }
    }
}
