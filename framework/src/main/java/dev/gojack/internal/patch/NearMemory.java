package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Memory for stubs and their data. Every mapping is a named memory file, so {@code /proc/self/maps} shows
 * GoJack's memory as {@code /memfd:gojack-…}.
 *
 * <ul>
 *   <li><b>Code</b> lives within branch reach of the library (entry jumps are {@code rel32}), in chunks mapped
 *   twice: read+execute near the library, read+write elsewhere. GoJack writes stubs through the second view, so
 *   no page is ever writable and executable at once and no page a thread executes changes protection.</li>
 *   <li><b>Slots</b> (the 8-byte words dispatch stubs jump through, RIP-relative) also live near the library;
 *   they are permanent, like the dispatch stubs.</li>
 *   <li><b>Stub data</b> (call counters, result tables) is addressed by absolute address, so it lives anywhere:
 *   the 2 GiB around the library are kept for code. A block of {@value #LARGE_DATA} bytes or more gets a
 *   mapping of its own, so any size the process can map works.</li>
 *   <li><b>Constants</b> (the bytes of strings GoJack hands to Go) are never freed: Go may keep a string a stub
 *   returned for as long as it likes. They are interned by content (SHA-256), so the same text is stored once.</li>
 * </ul>
 *
 * <p>The code and data of a generated stub ({@link StubMemory}) are handed out again once no patch uses the
 * stub and no thread can be inside it; {@link StubGrace} says when that is and why. Identical permanent code
 * ({@link #code(byte[])}) is shared. Blocks come in size classes (multiples of 16 bytes up to 256, then powers
 * of two), so a stub of the same shape reuses the block of an old one.
 */
public final class NearMemory {
    private static final long CHUNK = 1 << 20;
    private static final long STEP = 16L << 20;
    /** Stub data blocks of this many bytes or more get a mapping of their own. */
    public static final long LARGE_DATA = 64 << 10;
    /** The largest piece of code GoJack places: one chunk. */
    public static final long MAX_CODE = CHUNK;
    /** Retired stubs between two observation passes: one pass reads a file per thread, so it is batched. */
    private static final int RECLAIM_EVERY = 256;
    /** Threads seen running are looked at again this often (yielding in between) before a pass gives up. */
    private static final int PASSES = 4;
    private static final int GROW_PASSES = 20;
    private static final int FORCED_PASSES = 50;
    private static final long FORCED_PAUSE_MILLIS = 2;
    private static final byte INT3 = (byte) 0xcc;

    /** A piece of an arena (or, when {@code arena} is null, a mapping of its own); {@code size} is its class. */
    record Block(Arena arena, long address, long size) {
    }

    private final long anchor;
    private final long reach;
    private final Path library;
    private final Arena code = new Arena("gojack-stubs", true);
    private final Arena slots = new Arena("gojack-slots", true);
    private final Arena data = new Arena("gojack-data", false);
    private final Map<String, Long> sharedCode = new HashMap<>();
    private final Map<String, Long> constants = new HashMap<>();
    private final Map<Long, StubMemory> stubs = new HashMap<>();
    private final StubGrace grace;
    private long ownMappings;
    private long ownMappedBytes;
    private long reused;
    private long reclaims;
    private long reclaimNanos;

    /**
     * @param anchor an address in the library's code; @param reach how far stubs may be from it;
     * @param library the library, for messages
     */
    public NearMemory(long anchor, long reach, Path library) {
        this(anchor, reach, library, StubGrace.OF_THIS_PROCESS);
    }

    /** With {@code threads} standing in for the threads of this process (tests of the reuse rule). */
    NearMemory(long anchor, long reach, Path library, StubGrace.Threads threads) {
        this.anchor = anchor;
        this.reach = reach;
        this.library = library;
        this.grace = new StubGrace(threads);
    }

    // ------------------------------------------------------------------ permanent memory

    /** Copies {@code code} into executable memory near the library, for good; identical code is shared. */
    public long code(byte[] code) {
        synchronized (Patcher.LOCK) {
            String key = HexFormat.of().formatHex(code);
            Long cached = sharedCode.get(key);
            if (cached != null) {
                return cached;
            }
            Block b = allocateCode(code.length);
            writeCode(b, code);
            sharedCode.put(key, b.address());
            return b.address();
        }
    }

    /** Places position-dependent code for good: {@code encoder} receives the address the code will run at. */
    public long code(int size, LongFunction<byte[]> encoder) {
        synchronized (Patcher.LOCK) {
            Block b = allocateCode(size);
            byte[] bytes = encoder.apply(b.address());
            if (bytes.length > size) {
                throw Problems.stubTooLarge(bytes.length, size);
            }
            writeCode(b, bytes);
            return b.address();
        }
    }

    /** Zeroed, 16-byte aligned read-write memory near the library, for good (dispatch slots, clock state). */
    public long data(int bytes) {
        synchronized (Patcher.LOCK) {
            return allocate(slots, bytes).address();
        }
    }

    /** The address of a copy of {@code bytes} that stays for the JVM's life; equal contents share one copy. */
    public long constant(byte[] bytes) {
        synchronized (Patcher.LOCK) {
            String key = bytes.length + ":" + sha256(bytes);
            Long known = constants.get(key);
            if (known != null) {
                return known;
            }
            long at = bytes.length >= LARGE_DATA ? ownMapping(bytes.length).address()
                    : allocate(data, Math.max(1, bytes.length)).address();
            if (bytes.length > 0) {
                Native.memory(at).put(0, bytes, 0, bytes.length);
            }
            constants.put(key, at);
            return at;
        }
    }

    // ------------------------------------------------------------------ stub memory, reused

    /** Memory for one generated stub; close it once the stub is hooked (or refused). */
    public StubMemory newStub() {
        return new StubMemory(this);
    }

    long stubData(StubMemory stub, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        synchronized (Patcher.LOCK) {
            Block b = bytes >= LARGE_DATA ? ownMapping(bytes) : allocate(data, Math.max(1, bytes));
            stub.blocks.add(b);
            return b.address();
        }
    }

    long stubCode(StubMemory stub, byte[] bytes) {
        synchronized (Patcher.LOCK) {
            Block b = allocateCode(bytes.length);
            writeCode(b, bytes);
            stub.blocks.add(b);
            stub.entries.add(b.address());
            stubs.put(b.address(), stub);
            return b.address();
        }
    }

    /** A patch now sends a function to {@code destination}: if that is a generated stub, it stays. */
    public void retain(long destination) {
        synchronized (Patcher.LOCK) {
            StubMemory stub = stubs.get(destination);
            if (stub != null) {
                stub.references++;
            }
        }
    }

    /**
     * A patch no longer sends a function to {@code destination}, and no slot holds it any more. The stub's memory
     * is retired once nothing else uses it, and handed out again once no thread can be inside it.
     */
    public void release(long destination) {
        synchronized (Patcher.LOCK) {
            StubMemory stub = stubs.get(destination);
            if (stub != null) {
                release(stub);
            }
        }
    }

    void release(StubMemory stub) {
        if (--stub.references > 0) {
            return;
        }
        stub.entries.forEach(stubs::remove);
        grace.retire(List.copyOf(stub.blocks));
    }

    /** What GoJack holds now: for tests, and for the message when the address space near the library runs out. */
    public record Usage(long mappings, long mappedBytes, int liveStubs, int waitingStubs, long waitingBytes,
                        long reusedBlocks, long reclaimPasses, long reclaimNanos) {
    }

    public Usage usage() {
        synchronized (Patcher.LOCK) {
            long mappings = code.chunks.size() * 2L + slots.chunks.size() + data.chunks.size() + ownMappings;
            long bytes = (code.chunks.size() * 2L + slots.chunks.size() + data.chunks.size()) * CHUNK + ownMappedBytes;
            int live = (int) stubs.values().stream().distinct().count();
            return new Usage(mappings, bytes, live, grace.waitingStubs(), grace.waitingBytes(), reused, reclaims,
                    reclaimNanos);
        }
    }

    // ------------------------------------------------------------------ allocation

    private Block allocateCode(long size) {
        if (size > MAX_CODE) {
            throw Problems.stubCodeTooLarge(library, size, MAX_CODE);
        }
        return allocate(code, size);
    }

    /** A block of {@code arena}: a free one if any (zeroed, for data), else fresh memory. */
    private Block allocate(Arena arena, long size) {
        long cls = sizeClass(size);
        Block b = arena.takeFree(cls);
        if (b == null && grace.retiredSinceScan() >= RECLAIM_EVERY) {
            reclaim(PASSES, 0);
            b = arena.takeFree(cls);
        }
        if (b == null && !arena.fits(cls) && grace.waitingStubs() > 0) {
            // Growing maps a whole chunk, so it is worth a few milliseconds of looking for threads that were only
            // preempted (runnable) and block again soon: on a loaded machine most threads are seen that way.
            reclaim(GROW_PASSES, 1);
            b = arena.takeFree(cls);
        }
        if (b == null && !arena.fits(cls)) {
            try {
                arena.addChunk(mapChunk(arena));
            } catch (NoRoom e) {
                reclaim(FORCED_PASSES, FORCED_PAUSE_MILLIS);
                b = arena.takeFree(cls);
                if (b == null) {
                    Usage u = usage();
                    throw Problems.stubMemoryExhausted(library, e.getMessage(), u.mappedBytes(), u.liveStubs(),
                            u.waitingStubs());
                }
            }
        }
        if (b == null) {
            return arena.bump(cls);
        }
        reused++;
        if (!arena.executable) {
            Native.memory(b.address()).setMemory(0, b.size(), (byte) 0);
        }
        return b;
    }

    /**
     * Looks once for threads blocked outside stub code and frees what they no longer hold back: what an
     * allocation does by itself every so often, for a caller that wants the waiting memory back now.
     */
    public void reclaimWaiting() {
        synchronized (Patcher.LOCK) {
            reclaim(PASSES, 0);
        }
    }

    private void reclaim(int passes, long pauseMillis) {
        long start = System.nanoTime();
        List<Block> free = grace.reclaim(code::contains, passes, pauseMillis);
        reclaims++;
        reclaimNanos += System.nanoTime() - start;
        for (Block b : free) {
            if (b.arena() == null) {
                Native.unmap(b.address(), b.size());
                ownMappings--;
                ownMappedBytes -= b.size();
            } else {
                b.arena().giveBack(b);
            }
        }
    }

    /**
     * Writes code into its block through the writable view, the rest of the block INT3. A reused block held
     * code some core may have fetched before; the serialising barrier makes every core drop it before the new
     * code is published (the caller stores its address into a slot or an entry only after this returns).
     */
    private void writeCode(Block b, byte[] bytes) {
        long write = code.writeView(b.address());
        byte[] image = java.util.Arrays.copyOf(bytes, (int) b.size());
        java.util.Arrays.fill(image, bytes.length, image.length, INT3);
        Native.memory(write).put(0, image, 0, image.length);
        if (code.wasUsed(b)) {
            Native.serialiseAllCores();
        }
    }

    private Block ownMapping(long bytes) {
        long page = Native.pageSize();
        long size = (bytes + page - 1) / page * page;
        long at = Native.mapSharedMemory("gojack-data", size);
        if (at == 0) {
            throw Problems.stubDataUnavailable(library, bytes, Native.lastError());
        }
        ownMappings++;
        ownMappedBytes += size;
        return new Block(null, at, size);
    }

    static long sizeClass(long size) {
        if (size <= 256) {
            return Math.max(16, (size + 15) & ~15L);
        }
        return Long.highestOneBit(size - 1) << 1;
    }

    private long[] mapChunk(Arena arena) {
        if (!arena.near) {
            long at = Native.mapSharedMemory(arena.name, CHUNK);
            if (at == 0) {
                throw Problems.stubDataUnavailable(library, CHUNK, Native.lastError());
            }
            return new long[] {at, at};
        }
        int fd = Native.memoryFile(arena.name, CHUNK);
        try {
            int protection = arena.executable ? Native.PROT_READ | Native.PROT_EXEC : Native.PROT_READ | Native.PROT_WRITE;
            long run = mapNear(hint -> Native.mapFile(fd, hint, CHUNK, protection));
            if (!arena.executable) {
                return new long[] {run, run};
            }
            long write = Native.mapFile(fd, 0, CHUNK, Native.PROT_READ | Native.PROT_WRITE);
            if (write == 0) {
                Native.unmap(run, CHUNK);
                throw Problems.stubDataUnavailable(library, CHUNK, Native.lastError());
            }
            return new long[] {run, write};
        } finally {
            Native.closeFile(fd);
        }
    }

    private long mapNear(java.util.function.LongUnaryOperator mapAt) {
        long base = anchor & ~(STEP - 1);
        for (long distance = STEP; distance < reach - CHUNK; distance += STEP) {
            for (long candidate : new long[] {base - distance, base + distance}) {
                if (candidate <= 0 || Math.abs(candidate - anchor) > reach - CHUNK) {
                    continue;
                }
                long got = mapAt.applyAsLong(candidate);
                if (got != 0) {
                    return got;
                }
            }
        }
        throw new NoRoom("no free address range is left within " + (reach >> 20) + " MiB of its code at 0x"
                + Long.toHexString(anchor));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** No address range near the library could be mapped. */
    private static final class NoRoom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoRoom(String message) {
            super(message, null, false, false);
        }
    }

    /** Chunks of one kind of memory, cut into size-class blocks; retired blocks come back to free lists. */
    static final class Arena {
        final String name;
        final boolean near;
        final boolean executable;
        /** run address of each chunk → its writable view. */
        final TreeMap<Long, Long> chunks = new TreeMap<>();
        private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
        private final java.util.Set<Long> everUsed = new java.util.HashSet<>();
        private long current;
        private long used = CHUNK;

        Arena(String name, boolean near) {
            this.name = name;
            this.near = near;
            this.executable = name.equals("gojack-stubs");
        }

        boolean fits(long cls) {
            return used + cls <= CHUNK;
        }

        void addChunk(long[] runAndWrite) {
            chunks.put(runAndWrite[0], runAndWrite[1]);
            current = runAndWrite[0];
            used = 0;
        }

        Block bump(long cls) {
            Block b = new Block(this, current + used, cls);
            used += cls;
            return b;
        }

        Block takeFree(long cls) {
            ArrayDeque<Long> list = free.get(cls);
            if (list == null || list.isEmpty()) {
                return null;
            }
            return new Block(this, list.pop(), cls);
        }

        void giveBack(Block b) {
            if (executable) {
                everUsed.add(b.address());
            }
            free.computeIfAbsent(b.size(), k -> new ArrayDeque<>()).push(b.address());
        }

        /** True for a block that held code before (it may sit in some core's instruction pipeline). */
        boolean wasUsed(Block b) {
            return everUsed.contains(b.address());
        }

        long writeView(long run) {
            Map.Entry<Long, Long> chunk = chunks.floorEntry(run);
            return chunk.getValue() + (run - chunk.getKey());
        }

        boolean contains(long address) {
            Map.Entry<Long, Long> chunk = chunks.floorEntry(address);
            return chunk != null && address - chunk.getKey() < CHUNK;
        }
    }
}
