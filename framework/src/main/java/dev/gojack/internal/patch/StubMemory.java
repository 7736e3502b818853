package dev.gojack.internal.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory of one generated stub: its code and the data only it reads (call counter, result table). Handed
 * back as a whole once no patch uses the stub and no thread can be inside it (see {@link StubGrace}).
 *
 * <p>Reference counted: whoever builds the stub holds one reference until {@link #close()}; each patch that
 * sends a function to the stub's code holds one more ({@link NearMemory#retain}, {@link NearMemory#release}).
 * Build, hook, then close, and the stub lives exactly as long as its patches — also when hooking is refused.
 */
public final class StubMemory implements AutoCloseable {
    private final NearMemory owner;
    final List<NearMemory.Block> blocks = new ArrayList<>();
    final List<Long> entries = new ArrayList<>();
    int references = 1;
    private boolean closed;

    StubMemory(NearMemory owner) {
        this.owner = owner;
    }

    /** Zeroed, 16-byte aligned read-write memory of {@code bytes} bytes, anywhere in the address space. */
    public long data(long bytes) {
        return owner.stubData(this, bytes);
    }

    /** Copies {@code code} into executable memory within branch reach of the library; returns its address. */
    public long code(byte[] code) {
        return owner.stubCode(this, code);
    }

    /** Drops the builder's reference: the memory goes back once no patch uses it either. */
    @Override
    public void close() {
        synchronized (Patcher.LOCK) {
            if (!closed) {
                closed = true;
                owner.release(this);
            }
        }
    }
}
