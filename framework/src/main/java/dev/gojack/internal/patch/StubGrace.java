package dev.gojack.internal.patch;

import dev.gojack.internal.nat.Native;
import dev.gojack.internal.nat.ThreadPositions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Holds the memory of retired stubs until no thread can be inside them, and proves when that is.
 *
 * <h2>Why a thread can be inside a retired stub</h2>
 * A stub is reached only through a patched function's dispatch stub ({@code jmp [slot]}), which reads the
 * function's slot. The registry retires a stub only when no open patch uses it and after it has pointed the slot
 * elsewhere (the next patch's destination, or the function's own entry, whose bytes are already restored) and
 * fenced that store: from then on no thread can newly <em>enter</em> the stub. But a thread that read the old
 * slot value, or is executing the stub's instructions, can be descheduled there for any length of time and
 * resume later. A {@code membarrier} does not help: it makes running threads serialise, and says nothing about
 * where a descheduled thread's program counter is. Waiting some milliseconds would be reuse on hope.
 *
 * <h2>What proves a thread is not inside</h2>
 * GoJack's stubs are frameless leaf code: they call nothing, make no system call and contain no Go safe point
 * (asynchronous preemption refuses program counters outside Go's modules, so the runtime never parks a
 * goroutine there). Linux shows the user-mode program counter of every thread that is off the CPU because it
 * blocked ({@link ThreadPositions}); a thread blocked on a page fault inside a stub shows that stub's address.
 * So a thread seen blocked with its program counter outside all of GoJack's code memory, at any moment after a
 * stub was retired, was not inside it then and can never get inside it again. The thread doing the check is
 * running Java code, so it is outside too; a thread that has exited is outside; a thread created after the
 * retirement never saw the old slot value. A retired stub's memory may be handed out again once every thread
 * that exists has been seen outside after the retirement — a user-space form of the kernel's "RCU tasks" wait for
 * trampolines. Data only a stub reads (its call counter, its result table) is retired and reused with it.
 *
 * <p>What is assumed: that no signal handler blocks in the kernel while the thread it interrupted is inside a
 * stub (the handler's program counter would be outside). Go's handlers for preemption (SIGURG) and profiling
 * (SIGPROF) do not block. What is not proven: a thread that never blocks — a goroutine in a busy loop, a JIT
 * compiler thread at work — is seen only as "running"; stubs retired before it was last seen blocked stay
 * retired, so memory grows as it did before reuse existed, until that thread blocks.
 *
 * <p>Logical time: each retirement and each observation pass takes the next tick. A thread's mark is the tick of
 * the last pass that saw it outside; a batch of blocks retired at tick {@code r} is free once the smallest mark
 * over all living threads exceeds {@code r}.
 */
final class StubGrace {
    /** One retired stub's memory: blocks to hand back to their arenas. */
    record Retired(long tick, List<NearMemory.Block> blocks) {
    }

    /** Where threads are: the live ones, and one's program counter (or RUNNING / GONE, see ThreadPositions). */
    interface Threads {
        List<Integer> all();

        long position(int tid);

        int self();
    }

    static final Threads OF_THIS_PROCESS = new Threads() {
        @Override
        public List<Integer> all() {
            return ThreadPositions.threads();
        }

        @Override
        public long position(int tid) {
            return ThreadPositions.position(tid);
        }

        @Override
        public int self() {
            return Native.threadId();
        }
    };

    private final Threads observed;
    private final ArrayDeque<Retired> waiting = new ArrayDeque<>();
    private final Map<Integer, Long> seenOutside = new HashMap<>();
    private long tick;
    private int retiredSinceScan;
    private long waitingBytes;

    StubGrace(Threads observed) {
        this.observed = observed;
    }

    void retire(List<NearMemory.Block> blocks) {
        waiting.add(new Retired(++tick, blocks));
        retiredSinceScan++;
        for (NearMemory.Block b : blocks) {
            waitingBytes += b.size();
        }
    }

    /** Retired stubs since the last observation pass. */
    int retiredSinceScan() {
        return retiredSinceScan;
    }

    int waitingStubs() {
        return waiting.size();
    }

    long waitingBytes() {
        return waitingBytes;
    }

    /**
     * Observes every thread of the process up to {@code passes} times (the threads still seen running are looked
     * at again, {@code pauseMillis} apart) and returns the blocks of every retired stub that no thread can be
     * inside. {@code insideStubCode} tells whether a program counter lies in GoJack's code memory.
     */
    List<NearMemory.Block> reclaim(LongPredicate insideStubCode, int passes, long pauseMillis) {
        retiredSinceScan = 0;
        List<NearMemory.Block> free = new ArrayList<>();
        if (waiting.isEmpty()) {
            return free;
        }
        long pass = ++tick;
        int self = observed.self();
        List<Integer> threads = observed.all();
        seenOutside.keySet().retainAll(threads);
        for (int round = 0; round < passes; round++) {
            boolean allSeen = true;
            for (int tid : threads) {
                if (seenOutside.getOrDefault(tid, 0L) >= pass) {
                    continue;
                }
                long pc = tid == self ? 0 : observed.position(tid);
                if (tid == self || pc == ThreadPositions.GONE || pc != ThreadPositions.RUNNING && !insideStubCode.test(pc)) {
                    seenOutside.put(tid, pass);
                } else {
                    allSeen = false;
                }
            }
            if (allSeen || round + 1 == passes || oldestWaitingIsFree(threads)) {
                break;
            }
            pause(pauseMillis);
        }
        long horizon = Long.MAX_VALUE;
        for (int tid : threads) {
            horizon = Math.min(horizon, seenOutside.getOrDefault(tid, 0L));
        }
        while (!waiting.isEmpty() && waiting.peekFirst().tick() < horizon) {
            for (NearMemory.Block b : waiting.pollFirst().blocks()) {
                waitingBytes -= b.size();
                free.add(b);
            }
        }
        return free;
    }

    private boolean oldestWaitingIsFree(List<Integer> threads) {
        long oldest = waiting.peekFirst().tick();
        for (int tid : threads) {
            if (seenOutside.getOrDefault(tid, 0L) <= oldest) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            Thread.yield(); // under load, lets a preempted thread run on and block where it can be seen
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
