package dev.gojack.internal.patch;

import dev.gojack.GoCallRecord;
import dev.gojack.GoSpy;
import dev.gojack.internal.arch.SpyRecording;
import dev.gojack.internal.nat.RawAtomics;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A spy (issue 20): a patch whose destination is a recording stub, which records the call and goes on through
 * its next slot ({@link SpyRouting} decides where that leads). Its ring of slots and its counter live in the
 * stub's memory; when the spy closes they are copied out (frozen) before that memory can be handed out again.
 */
final class SpyPatch extends FunctionPatch implements GoSpy {
    /** A slot still being written is read again this many times before calls() leaves it out. */
    private static final int BUSY_RETRIES = 1000;

    private final SpyLayout layout;
    private final long counter;
    private final long ring;
    private final int slots;
    private final int capacity;
    private final long next;
    private final long recordingEntry;
    private final long resume;
    private long base;
    private long frozenCount = -1;
    private List<GoCallRecord> frozenCalls;

    SpyPatch(Patcher registry, FunctionHook hook, long stub, long recordingEntry, String what, SpyLayout layout,
             long counter, long ring, int slots, int capacity, long next, long resume) {
        super(registry, hook, stub, what);
        this.layout = layout;
        this.counter = counter;
        this.ring = ring;
        this.slots = slots;
        this.capacity = capacity;
        this.next = next;
        this.recordingEntry = recordingEntry;
        this.resume = resume;
    }

    /** Where another spy's stub goes on into this one: after the stack check it already made. */
    long recordingEntry() {
        return recordingEntry;
    }

    /** Where the function goes on without any other patch: just after its stack check (or relocated entry). */
    long resume() {
        return resume;
    }

    /** Sends the calls this stub recorded on to {@code destination}. */
    void link(long destination) {
        RawAtomics.store(next, destination);
    }

    long linked() {
        return RawAtomics.load(next);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public long callCount() {
        synchronized (Patcher.LOCK) {
            return (frozenCount >= 0 ? frozenCount : RawAtomics.load(counter)) - base;
        }
    }

    @Override
    public void reset() {
        synchronized (Patcher.LOCK) {
            if (frozenCount >= 0) {
                base = frozenCount;
                frozenCalls = List.of();
            } else {
                base = RawAtomics.load(counter);
            }
        }
    }

    @Override
    public List<GoCallRecord> calls() {
        synchronized (Patcher.LOCK) {
            return frozenCount >= 0 ? frozenCalls : read(RawAtomics.load(counter));
        }
    }

    /** The slots of the last calls up to {@code count}, oldest first; a slot a later call overwrote is left out. */
    private List<GoCallRecord> read(long count) {
        List<GoCallRecord> out = new ArrayList<>();
        int size = layout.slotSize();
        for (long n = Math.max(base, count - capacity); n < count; n++) {
            long slot = ring + (n & (slots - 1)) * size;
            for (int attempt = 0; attempt < BUSY_RETRIES; attempt++) {
                long lock = RawAtomics.load(slot + SpyRecording.LOCK);
                long index = RawAtomics.load(slot + SpyRecording.INDEX);
                if (index > n + 1) {
                    break; // a later call took the slot
                }
                if (lock != 0 || index < n + 1) {
                    Thread.onSpinWait(); // being written, or the call is counted but not yet recorded
                    continue;
                }
                byte[] bytes = MemoryWriter.read(slot, size);
                VarHandle.acquireFence();
                if (RawAtomics.load(slot + SpyRecording.LOCK) == 0
                        && RawAtomics.load(slot + SpyRecording.INDEX) == n + 1) {
                    out.add(layout.record(n, base, bytes));
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return super.describe() + "; " + callCount() + " calls so far";
    }

    @Override
    void unhooked() {
        // Under the lock, before the stub's memory is released: the records are copied out while they are ours.
        long count = RawAtomics.load(counter);
        frozenCalls = List.copyOf(read(count));
        frozenCount = count;
    }
}
