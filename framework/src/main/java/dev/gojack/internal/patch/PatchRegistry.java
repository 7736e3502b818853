package dev.gojack.internal.patch;

import dev.gojack.Patch;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.nat.Native;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every patch open on one library, and GoJack's hooks on its functions. All changes to process memory go
 * through here, under one lock, so concurrent patching from several Java threads is safe.
 */
public final class PatchRegistry {
    /** Serialises every change GoJack makes to process memory. */
    public static final Object LOCK = new Object();
    private static final System.Logger LOG = System.getLogger("dev.gojack");
    private static final int PADDING_BYTE = 0xcc;

    private final Path library;
    private final Architecture architecture;
    private final MemoryWriter writer;
    private final NearMemory memory;
    private final Map<Long, FunctionHook> hooks = new HashMap<>();
    private final Set<AbstractPatch> open = new LinkedHashSet<>();
    private final TreeSet<Long> usedPadding = new TreeSet<>();
    private final Map<Long, byte[]> parkedJumps = new HashMap<>();
    private final Set<String> warnedQuiescent = new java.util.HashSet<>();

    public PatchRegistry(Path library, Architecture architecture, LibraryMappings mappings, long codeAnchor) {
        this.library = library;
        this.architecture = architecture;
        this.writer = new MemoryWriter(mappings);
        this.memory = new NearMemory(codeAnchor, architecture.branchReach(), library);
    }

    public Architecture architecture() {
        return architecture;
    }

    public NearMemory memory() {
        return memory;
    }

    public Path library() {
        return library;
    }

    /**
     * Sends every call of {@code target} to {@code destination}. {@code counter} is the address of the
     * stub's call counter, or 0.
     */
    public FunctionPatch hook(EntryTarget target, long destination, String what, long counter) {
        synchronized (LOCK) {
            FunctionHook hook = hooks.get(target.entry());
            if (hook == null) {
                long slot = memory.data(8);
                long dispatch = memory.code(6, at -> architecture.indirectJump(at, slot));
                hook = new FunctionHook(target.name(), target.entry(), slot, dispatch);
                hooks.put(target.entry(), hook);
            }
            FunctionPatch patch = new FunctionPatch(this, hook, destination, what, counter);
            if (hook.stack.isEmpty()) {
                install(hook, target, destination);
            } else {
                setSlot(hook, destination);
            }
            patch.runningSafe(hook.plan.kind().runningSafe());
            hook.stack.add(patch);
            open.add(patch);
            memory.retain(destination);
            return patch;
        }
    }

    private void install(FunctionHook hook, EntryTarget target, long destination) {
        int length = (int) Math.min(16, target.nextEntry() - target.entry());
        byte[] now = MemoryWriter.read(target.entry(), length);
        byte[] file = withParkedJumps(target.entry(), Arrays.copyOf(target.fileBytes(), length));
        if (!Arrays.equals(now, file)) {
            throw Problems.foreignBytes(target.name(), library, CodeWrite.hex(file), CodeWrite.hex(now));
        }
        if (hook.plan == null) {
            try {
                hook.plan = architecture.planEntryJump(target.entry(), now, target.codeEnd(), target.nextEntry(),
                        hook.dispatch, (from, to, len) -> freePadding(target.paddingGaps(), from, to, len));
            } catch (IllegalArgumentException e) {
                throw Problems.refused(target.name(), library, e.getMessage() + ".");
            }
        }
        setSlot(hook, destination);
        List<CodeWrite> writes = new ArrayList<>();
        if (!hook.parked) {
            writes.addAll(hook.plan.preparation());
        }
        writes.add(hook.plan.entryWrite());
        try {
            writer.apply(writes);
        } catch (MemoryWriter.ByteMismatch e) {
            throw Problems.foreignBytes(target.name(), library, CodeWrite.hex(e.write().expected()),
                    CodeWrite.hex(e.found()));
        }
        if (hook.plan.paddingSlot() != 0) {
            usedPadding.add(hook.plan.paddingSlot());
            parkedJumps.put(hook.plan.paddingSlot(), hook.plan.preparation().get(0).replacement());
        }
        hook.parked = true;
        if (!hook.plan.kind().runningSafe() && warnedQuiescent.add(target.name())) {
            LOG.log(System.Logger.Level.WARNING, "GoJack patched " + target.name() + " in " + library
                    + " with a store that is only safe while no goroutine runs it: its first instruction is "
                    + "shorter than a jump and no padding is within reach.");
        }
    }

    /** The file's bytes with the jumps GoJack parked in padding laid over them: those are expected too. */
    private byte[] withParkedJumps(long at, byte[] bytes) {
        for (Map.Entry<Long, byte[]> parked : parkedJumps.entrySet()) {
            byte[] jump = parked.getValue();
            for (int i = 0; i < jump.length; i++) {
                long address = parked.getKey() + i;
                if (address >= at && address < at + bytes.length) {
                    bytes[(int) (address - at)] = jump[i];
                }
            }
        }
        return bytes;
    }

    /** The fence orders the store before any later check of which threads may still use the old destination. */
    private void setSlot(FunctionHook hook, long destination) {
        Native.memory(hook.slot).putLong(0, destination);
        java.lang.invoke.VarHandle.fullFence();
    }

    void unhook(FunctionPatch patch) {
        FunctionHook hook = patch.hook;
        int index = hook.stack.lastIndexOf(patch);
        if (index < 0) {
            return;
        }
        if (hook.stack.size() > 1) {
            hook.stack.remove(index);
            setSlot(hook, hook.stack.get(hook.stack.size() - 1).destination);
            return;
        }
        try {
            writer.apply(List.of(hook.plan.entryWrite().inverse()));
        } catch (MemoryWriter.ByteMismatch e) {
            throw Problems.changedUnderPatch(hook.name, library, CodeWrite.hex(e.write().expected()),
                    CodeWrite.hex(e.found()));
        }
        hook.stack.remove(index);
        // A thread still on its way through the dispatch stub now runs the restored function, not the old
        // destination, so the old destination is unreachable and its memory may be retired (see StubGrace).
        setSlot(hook, hook.entry);
    }

    private List<Long> freePadding(long[][] gaps, long from, long to, int length) {
        List<Long> result = new ArrayList<>();
        for (long[] gap : gaps) {
            long start = Math.max(gap[0], from);
            long end = Math.min(gap[1], to);
            for (long s = start; s + length <= end; s++) {
                Long used = usedPadding.floor(s + length - 1);
                if (used != null && used + 5 > s) {
                    continue;
                }
                byte[] bytes = MemoryWriter.read(s, length);
                boolean allPadding = true;
                for (byte b : bytes) {
                    allPadding &= (b & 0xff) == PADDING_BYTE;
                }
                if (allPadding) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    /** Registers a patch made outside the function hooks (variables, interface values). */
    public void register(AbstractPatch patch) {
        synchronized (LOCK) {
            open.add(patch);
        }
    }

    /** {@code parts} are closed through {@code whole} from now on, so only the whole is listed as open. */
    public void adopt(AbstractPatch whole, List<? extends Patch> parts) {
        synchronized (LOCK) {
            parts.forEach(open::remove);
            open.add(whole);
        }
    }

    void forget(AbstractPatch patch) {
        open.remove(patch);
    }

    /** Patches still open, oldest first. */
    public List<Patch> openPatches() {
        synchronized (LOCK) {
            return List.copyOf(open);
        }
    }

    /** Closes every open patch, newest first; the first failure is thrown after all others were tried. */
    public void restoreAll() {
        synchronized (LOCK) {
            List<AbstractPatch> all = new ArrayList<>(open);
            RuntimeException first = null;
            for (int i = all.size() - 1; i >= 0; i--) {
                try {
                    if (!all.get(i).isClosed()) {
                        all.get(i).close();
                    }
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
