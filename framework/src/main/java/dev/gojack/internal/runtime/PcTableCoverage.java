package dev.gojack.internal.runtime;

import dev.gojack.internal.elf.ByteView;
import dev.gojack.internal.golang.FuncRecord;
import dev.gojack.internal.golang.PcValueTable;
import dev.gojack.internal.golang.Pclntab;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.internal.patch.PaddingSlotGuard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the Go runtime's pc tables describe the jumps GoJack parks in padding (go-internals §9 item 7).
 * <p>
 * {@code findfunc} gives a PC in padding to the function before it, but that function's tables end at its last
 * instruction: a goroutine async-preempted on a parked jump, or a profiling signal landing on it, then makes
 * {@code funcspdelta} (and the strict {@code pcdatavalue}, {@code funcline}) throw "invalid runtime symbol
 * table". Here the covering function gets copies of all its pc tables extended over the slot — pcsp 0 (the
 * jump runs in its caller's frame, like an entry), {@code PCDATA_UnsafePoint} "unsafe" (no async preemption stops
 * there, when the function has that table), no inlining, file and line of its last instruction — placed where
 * {@code moduledata.pctab[off:]} reaches them ({@link PcTableArena}), and switched in by aligned 4-byte stores
 * into its {@code _func} record (read-only data: made writable, never executable, for the stores). The old and
 * the new table agree on every PC the old one covers, so a reader racing a store gets a right answer either way.
 * <p>
 * The switch is never undone: a parked jump stays in padding after a restore (a thread may still be on its
 * way through it), so the tables that describe it stay too. A second slot in the same function's padding
 * extends it again, with new copies; the old copies stay allocated (a reader may hold their offset).
 */
public final class PcTableCoverage implements PaddingSlotGuard {
    /** Offsets in {@code _func} (1.18+ and 1.20+ alike) of the pcsp, pcfile and pcln table offsets. */
    private static final int PCSP = 16;
    private static final int PCFILE = 20;
    private static final int PCLN = 24;
    private static final int PCDATA_UNSAFE_POINT = 0;
    private static final int PCDATA_STACK_MAP_INDEX = 1;
    private static final int UNSAFE_POINT_UNSAFE = -2;
    /** TOPFRAME and SPWRITE: the unwinder treats such functions specially; never attribute a jump to one. */
    private static final int SPECIAL_FLAGS = 1 | 2;
    private static final int FUNC_ID_NORMAL = 0;

    private final Pclntab pclntab;
    private final int wrapperFuncId;
    private final long loadBase;
    private final long moduledata;
    private final MemoryWriter writer;
    private final PcTableArena arena;
    private final long pctab;
    private final Map<Integer, Long> tableEnds = new HashMap<>();
    /** Function index -> the table offsets its live {@code _func} holds now (GoJack's), and how far they reach. */
    private final Map<Integer, Installed> installed = new HashMap<>();

    private record Installed(long end, long[] offsets) {
    }

    private PcTableCoverage(Pclntab pclntab, int wrapperFuncId, long loadBase, long moduledata, MemoryWriter writer) {
        this.pclntab = pclntab;
        this.wrapperFuncId = wrapperFuncId;
        this.loadBase = loadBase;
        this.moduledata = moduledata;
        this.writer = writer;
        this.pctab = word(moduledata + 80);
        this.arena = new PcTableArena(pctab, moduledata + 88, writer);
    }

    /**
     * Coverage for the library loaded at {@code loadBase}, whose moduledata is at file address
     * {@code moduledataAddress}; {@link PaddingSlotGuard#NONE} (with the reason logged) when the live module does
     * not look as the file says — then no padding slot is used. {@code wrapperFuncId} is this Go version's
     * {@code abi.FuncIDWrapper}: wrappers are ordinary frames and may cover a slot.
     */
    public static PaddingSlotGuard attach(Pclntab pclntab, int wrapperFuncId, long loadBase, long moduledataAddress,
                                          MemoryWriter writer) {
        long md = loadBase + moduledataAddress;
        long header = loadBase + pclntab.headerAddress();
        String problem = null;
        if (moduledataAddress <= 0) {
            problem = "its moduledata was not found";
        } else if (word(md) != header) {
            problem = "moduledata.pcHeader is not the pclntab header";
        } else if (word(md + 80) != header + word(header + 56)) {
            problem = "moduledata.pctab is not where the pclntab header says";
        } else if (word(md + 176) != loadBase + pclntab.textStart()) {
            problem = "moduledata.text is not the library's text";
        } else if (word(md + 136) != pclntab.functions().size() + 1L) {
            problem = "moduledata.ftab does not list the pclntab's functions";
        }
        if (problem != null) {
            System.getLogger("dev.gojack").log(System.Logger.Level.WARNING, "GoJack will not park jumps in padding: "
                    + problem + "; functions whose first instruction is shorter than a jump are patched quiescent-only.");
            return NONE;
        }
        return new PcTableCoverage(pclntab, wrapperFuncId, loadBase, md, writer);
    }

    @Override
    public boolean canCover(long slot, int length) {
        return obstacle(pclntab, wrapperFuncId, slot - loadBase, length, tableEnds) == null;
    }

    /**
     * Why a jump of {@code length} bytes at file address {@code slot} cannot be covered, or null when it can: read
     * from the file only (so {@code gojack inspect} can count plans). Functions with a special funcID other than
     * {@code wrapperFuncId} (morestack, systemstack, sigpanic, goexit, ...) or flagged TOPFRAME/SPWRITE make the
     * unwinder act differently and never cover a slot.
     */
    public static String obstacle(Pclntab pclntab, int wrapperFuncId, long slot, int length,
                                  Map<Integer, Long> tableEndCache) {
        FuncRecord f = covering(pclntab, slot);
        if (f == null) {
            return "no function covers it";
        }
        if (f.funcId() != FUNC_ID_NORMAL && f.funcId() != wrapperFuncId || (f.flag() & SPECIAL_FLAGS) != 0) {
            return f.name() + " is special to the runtime";
        }
        if (f.pcspOffset() == 0 || f.funcOffset() % 4 != 0 || slot + length > f.nextEntry()) {
            return f.name() + " has no pcsp table or an unaligned record";
        }
        long end = tableEndCache.computeIfAbsent(f.index(), i -> maxTableEnd(pclntab, f));
        return end <= slot ? null : f.name() + "'s tables already describe the slot";
    }

    @Override
    public void cover(long slot, int length) {
        long fileSlot = slot - loadBase;
        String obstacle = obstacle(pclntab, wrapperFuncId, fileSlot, length, tableEnds);
        if (obstacle != null) {
            throw new IllegalStateException(obstacle);
        }
        FuncRecord f = covering(pclntab, fileSlot);
        long end = fileSlot + length;
        Installed now = installed.get(f.index());
        if (now != null && now.end() >= end) {
            return;
        }
        long record = liveRecord(f);
        int[] fields = fields(f);
        long[] original = originalOffsets(f, fields);
        long[] current = now == null ? original : now.offsets();
        long[] replacement = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            replacement[i] = original[i] == 0 ? 0
                    : arena.place(extended(f, original[i], end, extensionValue(fields[i], runs(f, original[i]))));
        }
        List<MemoryWriter.DataStore> stores = new ArrayList<>();
        // pcdata first, pcsp last: each table alone is right for every PC the runtime can meet before the jump.
        for (int i = fields.length - 1; i >= 0; i--) {
            if (original[i] != 0) {
                stores.add(new MemoryWriter.DataStore(record + fields[i], 4, current[i], replacement[i]));
            }
        }
        writer.storeData(stores);
        installed.put(f.index(), new Installed(end, replacement));
    }

    /** The table offsets {@code _func} of {@code f} holds now in this process, field by field (see {@link #fields}). */
    public long[] liveOffsets(FuncRecord f) {
        long record = liveRecord(f);
        int[] fields = fields(f);
        long[] out = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = Native.memory(record + fields[i]).getInt(0) & 0xffffffffL;
        }
        return out;
    }

    /** The live pc-value table at offset {@code off} from the module's pctab (GoJack's or the library's). */
    public PcValueTable liveTable(long off, long entry) {
        // Copied exactly up to its terminating 0 byte: reading further could run past the end of a mapping.
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        long at = pctab + off;
        boolean first = true;
        while (first || Native.memory(at).getByte(0) != 0) {
            for (int varint = 0; varint < 2; varint++) {
                byte b;
                do {
                    b = Native.memory(at++).getByte(0);
                    table.write(b);
                } while ((b & 0x80) != 0);
            }
            first = false;
        }
        table.write(0);
        byte[] bytes = table.toByteArray();
        return new PcValueTable(new ByteView(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)), 0, entry,
                pclntab.pcQuantum());
    }

    /** The function {@code findfunc} attributes file address {@code pc} to: the greatest entry at or below it. */
    public static FuncRecord covering(Pclntab pclntab, long pc) {
        List<FuncRecord> all = pclntab.functions();
        int lo = 0;
        int hi = all.size() - 1;
        FuncRecord best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).entry() <= pc) {
                best = all.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best != null && pc < best.nextEntry() ? best : null;
    }

    /** {@code _func} field offsets of every table of {@code f}: pcsp, pcfile, pcln, then pcdata[0..npcdata). */
    public int[] fields(FuncRecord f) {
        int pcdata = pclntab.isGo120OrLater() ? 44 : 40;
        int[] out = new int[3 + f.npcdata()];
        out[0] = PCSP;
        out[1] = PCFILE;
        out[2] = PCLN;
        for (int i = 0; i < f.npcdata(); i++) {
            out[3 + i] = pcdata + 4 * i;
        }
        return out;
    }

    private long[] originalOffsets(FuncRecord f, int[] fields) {
        long[] out = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = i < 3 ? pclntab.bytes().u32(f.funcOffset() + fields[i]) : pclntab.pcdata(f, i - 3);
        }
        return out;
    }

    /** The value the extension gives a table: see the class comment. */
    private int extensionValue(int field, List<PcTableEncoder.Run> runs) {
        int last = runs.isEmpty() ? -1 : runs.get(runs.size() - 1).value();
        if (field == PCSP) {
            return 0;
        }
        if (field == PCFILE || field == PCLN) {
            return last;
        }
        int index = (field - (pclntab.isGo120OrLater() ? 44 : 40)) / 4;
        if (index == PCDATA_UNSAFE_POINT) {
            return UNSAFE_POINT_UNSAFE;
        }
        return index == PCDATA_STACK_MAP_INDEX ? last : -1;
    }

    private byte[] extended(FuncRecord f, long off, long end, int value) {
        List<PcTableEncoder.Run> runs = new ArrayList<>(runs(f, off));
        long from = runs.isEmpty() ? f.entry() : runs.get(runs.size() - 1).end();
        runs.add(new PcTableEncoder.Run(from, end, value));
        return PcTableEncoder.encode(runs, pclntab.pcQuantum());
    }

    private List<PcTableEncoder.Run> runs(FuncRecord f, long off) {
        List<PcTableEncoder.Run> runs = new ArrayList<>();
        pclntab.table(off, f.entry()).forEach((start, stop, value) -> runs.add(new PcTableEncoder.Run(start, stop, value)));
        return runs;
    }

    private static long maxTableEnd(Pclntab pclntab, FuncRecord f) {
        long end = f.entry();
        for (int field : new int[] {PCSP, PCFILE, PCLN}) {
            PcValueTable t = pclntab.table(pclntab.bytes().u32(f.funcOffset() + field), f.entry());
            end = Math.max(end, t == null ? end : t.forEach((s, e, v) -> { }));
        }
        for (int i = 0; i < f.npcdata(); i++) {
            PcValueTable t = pclntab.table(pclntab.pcdata(f, i), f.entry());
            end = Math.max(end, t == null ? end : t.forEach((s, e, v) -> { }));
        }
        return end;
    }

    /** The address of {@code f}'s {@code _func} record in this process, found as the runtime finds it (ftab). */
    private long liveRecord(FuncRecord f) {
        long ftab = word(moduledata + 128);
        long pclntable = word(moduledata + 104);
        long entryOff = Native.memory(ftab + 8L * f.index()).getInt(0) & 0xffffffffL;
        long funcOff = Native.memory(ftab + 8L * f.index() + 4).getInt(0) & 0xffffffffL;
        long record = pclntable + funcOff;
        if (entryOff != f.entry() - pclntab.textStart() || (Native.memory(record).getInt(0) & 0xffffffffL) != entryOff
                || record % 4 != 0) {
            throw new IllegalStateException("the runtime's record of " + f.name() + " is not where the file says");
        }
        return record;
    }

    private static long word(long address) {
        return Native.memory(address).getLong(0);
    }
}
