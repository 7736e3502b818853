package dev.gojack.internal.runtime;

import dev.gojack.internal.Problems;
import dev.gojack.internal.golang.GoVersion;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.MemoryWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes code GoJack generated a function the Go runtime knows (go-internals §11): for each registered function a
 * {@code moduledata} of its own, built off the Go heap — its {@code ftab}, one {@code _func} record, a pcsp
 * (frame size) table, the argument and locals pointer maps, a {@code findfunctab} — and linked at the end of the
 * runtime's module list through the last module's {@code next} field, by one aligned 8-byte store after
 * everything it points to is written. From then on {@code findfunc} finds it: the garbage collector scans and
 * the stack copier adjusts a goroutine stack through its frames, and tracebacks ({@code runtime.Callers},
 * crashes, the profiler) name it. A module is never unlinked (a goroutine may be inside the function for as long
 * as it likes), so registered code must never be reused.
 *
 * <p>The layouts written here ({@code moduledata} up to {@code gofunc}, {@code next}, {@code _func}) are the same
 * in Go 1.21 through 1.26 (linux/amd64); other versions are refused. Before the first link the library's own live
 * module is checked field by field against what the pclntab header says those fields must hold, so a release
 * whose layout moved is refused rather than written ({@link #attach}).
 *
 * <p>API for any GoJack code that leaves a frame on a goroutine stack (Java answers; spies may reuse it):
 * describe the function ({@link Function}) and {@link #register} it before anything can execute it.
 */
public final class StubModule {
    /** Go 1.21 through 1.26: the versions whose moduledata and {@code _func} layouts GoJack verified. */
    static final Set<Integer> VERIFIED_MINORS = Set.of(21, 22, 23, 24, 25, 26);
    /** {@code sizeof(moduledata)}: 592 bytes in Go 1.21, 1.22 and 1.26, 584 in 1.23 to 1.25 (measured). */
    private static final int MODULEDATA_SIZE_SHORT = 584;
    private static final int MODULEDATA_SIZE = 592;
    private static final int FUNCNAMETAB = 8;
    private static final int CUTAB = 32;
    private static final int FILETAB = 56;
    private static final int PCTAB = 80;
    private static final int PCLNTABLE = 104;
    private static final int FTAB = 128;
    private static final int FINDFUNCTAB = 152;
    private static final int MINPC = 160;
    private static final int MAXPC = 168;
    private static final int TEXT = 176;
    private static final int ETEXT = 184;
    private static final int GOFUNC = 320;
    private static final int FUNC_SIZE = 44;
    private static final int BUCKET_SIZE = 4096;
    private static final int BUCKET_BYTES = 20;
    /** {@code abi.FuncFlagAsm}: never an async preemption point. */
    public static final int FLAG_ASM = 4;
    /** {@code abi.FUNCDATA_OpenCodedDeferInfo}. */
    private static final int FUNCDATA_OPEN_CODED_DEFER_INFO = 4;

    private final Path library;
    private final MemoryWriter writer;
    /** {@code sizeof(moduledata)} of this Go version, and the offset of {@code next}: always its last field. */
    private final int moduledataSize;
    private final int next;
    /** The Go release's minor version: the encoding of open-coded defer info changed in Go 1.22. */
    private final int minor;
    private final long lastmoduledatap;
    private final Set<Long> linked = new java.util.LinkedHashSet<>();
    private long last;

    /**
     * One function: its name as tracebacks print it (must contain a '.'), its code {@code [start, end)}, its
     * frame size along the code ({@code spRuns}: absolute pcs, bytes below the entry SP), its argument area
     * ({@code argsSize} bytes above the return address, with {@code argPointers} marking the words the garbage
     * collector must treat as pointers) and the locals pointer map: {@code localPointers} marks the words that end
     * at the saved frame-pointer slot.
     */
    public record Function(String name, long start, long end, List<PcTableEncoder.Run> spRuns, int argsSize,
                           boolean[] argPointers, boolean[] localPointers, int flag, OpenDefer openDefer) {
        /** A function without a deferred call. */
        public Function(String name, long start, long end, List<PcTableEncoder.Run> spRuns, int argsSize,
                        boolean[] argPointers, boolean[] localPointers, int flag) {
            this(name, start, end, spRuns, argsSize, argPointers, localPointers, flag, null);
        }
    }

    /**
     * One open-coded deferred call in a registered function's frame, described to the runtime as the compiler
     * describes its own ({@code FUNCDATA_OpenCodedDeferInfo}): a byte whose bit 0 says whether the call is
     * pending, and a word holding the {@code func()} value to call — both at these many bytes below the frame's
     * {@code varp} (the saved frame-pointer slot). While the bit is set, a panic or {@code runtime.Goexit} that
     * unwinds through the frame calls the function before it goes further. {@code deferreturn} is the offset from
     * the function's start where a recovered panic would resume (the runtime requires one).
     */
    public record OpenDefer(int deferBitsOffset, int closureOffset, int deferreturn) {
        public OpenDefer {
            if (deferBitsOffset <= 0 || closureOffset <= 0 || deferreturn <= 0) {
                throw new IllegalArgumentException("an open-coded defer lives below varp, after the entry: " + this);
            }
        }
    }

    private StubModule(Path library, MemoryWriter writer, long firstModule, long lastmoduledatap, int moduledataSize,
                       int minor) {
        this.library = library;
        this.minor = minor;
        this.writer = writer;
        this.moduledataSize = moduledataSize;
        this.next = moduledataSize - 8;
        this.last = firstModule;
        this.lastmoduledatap = lastmoduledatap;
    }

    /**
     * The module list of the library loaded at {@code loadBase}, checked: its version's layouts were verified, its
     * live {@code firstmoduledata} (at {@code moduledata}) is the library's (pcHeader, text, minpc) and nothing
     * follows it.
     *
     * @param lastmoduledatap the address of {@code runtime.lastmoduledatap}, or 0 when the file does not name it
     * @param symbolSize the size {@code .symtab} gives {@code runtime.firstmoduledata}, or 0 when it is not named
     *     (stripped): when named it must be the size this version's layout has
     * @throws dev.gojack.PatchRefusedException naming what did not match
     */
    public static StubModule attach(Path library, GoVersion version, long moduledata, long pcHeader, long text,
                                    long lastmoduledatap, long symbolSize, MemoryWriter writer) {
        if (version.major() != 1 || !VERIFIED_MINORS.contains(version.minor())) {
            throw Problems.unverifiedRuntimeLayout(library, version.text(), "GoJack verified the runtime's module "
                    + "layout on Go 1.21 through Go 1.26 only");
        }
        // Go 1.23 dropped a word that 1.26 gave back (epclntab): next, the last field, moved with it.
        int size = version.minor() >= 23 && version.minor() <= 25 ? MODULEDATA_SIZE_SHORT : MODULEDATA_SIZE;
        String problem = null;
        if (symbolSize != 0 && symbolSize != size) {
            problem = "runtime.firstmoduledata is " + symbolSize + " bytes, where GoJack's layout for this release has "
                    + size;
        } else if (moduledata <= 0) {
            problem = "its moduledata was not found";
        } else if (word(moduledata) != pcHeader) {
            problem = "moduledata.pcHeader is not the library's pclntab header";
        } else if (word(moduledata + TEXT) != text || word(moduledata + MINPC) != text) {
            problem = "moduledata.text/minpc is not the library's text";
        } else if (word(moduledata + MAXPC) <= text || word(moduledata + ETEXT) < word(moduledata + MAXPC)) {
            problem = "moduledata.maxpc/etext do not follow its text";
        } else if (!tablesMatchHeader(moduledata, pcHeader)) {
            problem = "moduledata's funcnametab/cutab/filetab/pctab/pclntable/ftab are not where the pclntab header "
                    + "puts them (its layout moved)";
        } else if (word(moduledata + size - 8) != 0) {
            problem = "another module is linked after the library's (a plugin, or another tool's code)";
        }
        if (problem != null) {
            throw Problems.unverifiedRuntimeLayout(library, version.text(), problem);
        }
        return new StubModule(library, writer, moduledata, lastmoduledatap, size, version.minor());
    }

    /**
     * Whether each table slice of the live module starts where the pclntab header's offsets put it (the linker
     * writes them from the same offsets), and {@code ftab} has one entry per function plus the end sentinel: the
     * fields at the offsets this class writes really are those fields.
     */
    private static boolean tablesMatchHeader(long moduledata, long pcHeader) {
        long nfunc = word(pcHeader + 8);
        long pcln = pcHeader + word(pcHeader + 64);
        return word(moduledata + FUNCNAMETAB) == pcHeader + word(pcHeader + 32)
                && word(moduledata + CUTAB) == pcHeader + word(pcHeader + 40)
                && word(moduledata + FILETAB) == pcHeader + word(pcHeader + 48)
                && word(moduledata + PCTAB) == pcHeader + word(pcHeader + 56)
                && word(moduledata + PCLNTABLE) == pcln
                && word(moduledata + FTAB) == pcln && word(moduledata + FTAB + 8) == nfunc + 1;
    }

    /**
     * Builds a module for {@code f} and links it after the last module; from the store on, the runtime knows
     * {@code f}. Call it before any thread can execute the code.
     */
    public synchronized void register(Function f) {
        if (f.name().indexOf('.') < 0 || f.end() <= f.start()) {
            throw new IllegalArgumentException("a registered function needs a dotted name and code: " + f);
        }
        byte[] name = (f.name() + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] pcsp = PcTableEncoder.encode(f.spRuns(), 1);
        byte[] args = stackMap(f.argPointers());
        byte[] locals = stackMap(f.localPointers());
        byte[] deferInfo = f.openDefer() == null ? new byte[0] : openDeferInfo(f.openDefer());
        int nfuncdata = f.openDefer() == null ? 2 : FUNCDATA_OPEN_CODED_DEFER_INFO + 1;
        long size = f.end() - f.start();
        int buckets = (int) ((size + BUCKET_SIZE - 1) / BUCKET_SIZE);
        int ftab = moduledataSize;
        int findfunctab = ftab + 16;
        int funcnametab = align(findfunctab + buckets * BUCKET_BYTES);
        int pctab = align(funcnametab + 1 + name.length);
        int pclntable = align(pctab + 1 + pcsp.length);
        int funcRecord = FUNC_SIZE + nfuncdata * 4;
        int gofunc = align(pclntable + funcRecord);
        int localsAt = align(args.length);
        int deferInfoAt = align(localsAt + locals.length);
        int total = gofunc + deferInfoAt + deferInfo.length;
        long base = Native.mapSharedMemory("gojack-module", (total + 4095) & ~4095L);
        if (base == 0) {
            throw new IllegalStateException("no memory for a runtime module");
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        // ftab: the function, then the end sentinel.
        b.putInt(ftab, 0).putInt(ftab + 4, 0).putInt(ftab + 8, (int) size).putInt(ftab + 12, 0);
        // findfunctab: every bucket starts at function 0 (idx 0, subbuckets 0).
        b.put(funcnametab + 1, name);
        // pctab[0] is a byte no table starts with: offset 0 means "no table".
        b.put(pctab + 1, pcsp);
        int r = pclntable;
        b.putInt(r, 0); // entryOff
        b.putInt(r + 4, 1); // nameOff
        b.putInt(r + 8, f.argsSize());
        b.putInt(r + 12, f.openDefer() == null ? 0 : f.openDefer().deferreturn());
        b.putInt(r + 16, 1); // pcsp
        b.putInt(r + 20, 0); // pcfile: none ("?" in tracebacks)
        b.putInt(r + 24, 0); // pcln
        b.putInt(r + 28, 0); // npcdata: every pc uses stack map 0
        b.putInt(r + 32, 0); // cuOffset
        b.putInt(r + 36, 0); // startLine
        b.put(r + 40, (byte) 0); // funcID normal
        b.put(r + 41, (byte) f.flag());
        b.put(r + 43, (byte) nfuncdata); // args and locals pointer maps, and the defer info if any
        b.putInt(r + FUNC_SIZE, 0); // FUNCDATA_ArgsPointerMaps at gofunc + 0
        b.putInt(r + FUNC_SIZE + 4, localsAt); // FUNCDATA_LocalsPointerMaps
        for (int i = 2; i < nfuncdata; i++) {
            // ^uint32(0): no such funcdata (stack objects, inline tree)
            b.putInt(r + FUNC_SIZE + 4 * i, i == FUNCDATA_OPEN_CODED_DEFER_INFO ? deferInfoAt : -1);
        }
        b.put(gofunc, args);
        b.put(gofunc + localsAt, locals);
        b.put(gofunc + deferInfoAt, deferInfo);
        // moduledata
        b.putLong(0, word(last)); // pcHeader: the library's (only read at start-up)
        slice(b, FUNCNAMETAB, base + funcnametab, 1 + name.length);
        slice(b, PCTAB, base + pctab, 1 + pcsp.length);
        slice(b, PCLNTABLE, base + pclntable, funcRecord);
        slice(b, FTAB, base + ftab, 2);
        b.putLong(FINDFUNCTAB, base + findfunctab);
        b.putLong(MINPC, f.start()).putLong(MAXPC, f.end());
        b.putLong(TEXT, f.start()).putLong(ETEXT, f.end());
        b.putLong(GOFUNC, base + gofunc);
        Native.memory(base).put(0, b.array(), 0, total);
        java.lang.invoke.VarHandle.fullFence();
        // The publishing store: an aligned word that was 0; readers see no module or the whole one.
        if (linked.contains(last)) {
            // One of GoJack's own modules: its memory is GoJack's (not the library's pages the writer guards).
            if (word(last + next) != 0) {
                throw new IllegalStateException("GoJack's module at 0x" + Long.toHexString(last) + " already has a next");
            }
            Native.memory(last + next).putLong(0, base);
        } else {
            writer.storeData(List.of(new MemoryWriter.DataStore(last + next, 8, 0, base)));
        }
        if (lastmoduledatap != 0) {
            writer.storeData(List.of(new MemoryWriter.DataStore(lastmoduledatap, 8, word(lastmoduledatap), base)));
        }
        linked.add(base);
        last = base;
    }

    /** The modules GoJack linked, in order (for tests and {@code describe}). */
    public synchronized List<Long> modules() {
        return new ArrayList<>(linked);
    }

    /**
     * {@code FUNCDATA_OpenCodedDeferInfo} for one deferred call, as varints: Go 1.21 reads the defer-bits offset,
     * the number of defers and each closure's offset; Go 1.22 and later the defer-bits offset and the offset of
     * the closure slots (slot {@code i} for bit {@code i}).
     */
    private byte[] openDeferInfo(OpenDefer d) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        varint(out, d.deferBitsOffset());
        if (minor <= 21) {
            varint(out, 1);
        }
        varint(out, d.closureOffset());
        return out.toByteArray();
    }

    private static void varint(java.io.ByteArrayOutputStream out, int value) {
        int v = value;
        while (v >= 0x80) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /** {@code {int32 n = 1, int32 nbit, bitmap}}. */
    private static byte[] stackMap(boolean[] pointers) {
        byte[] out = new byte[8 + (pointers.length + 7) / 8];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 1).putInt(4, pointers.length);
        for (int i = 0; i < pointers.length; i++) {
            if (pointers[i]) {
                out[8 + i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return out;
    }

    private static void slice(ByteBuffer b, int at, long pointer, long length) {
        b.putLong(at, pointer).putLong(at + 8, length).putLong(at + 16, length);
    }

    private static int align(int offset) {
        return (offset + 7) & ~7;
    }

    private static long word(long address) {
        return Native.memory(address).getLong(0);
    }

    @Override
    public String toString() {
        return "StubModule[" + library + ", " + linked.size() + " modules]";
    }
}
