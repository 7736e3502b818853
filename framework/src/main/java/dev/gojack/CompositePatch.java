package dev.gojack;

import dev.gojack.internal.patch.FunctionPatch;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.PatchRegistry;

import java.util.ArrayList;
import java.util.List;

/** Several patches that stand and fall together, e.g. every shape instantiation of one generic function. */
final class CompositePatch extends AbstractPatch implements StubPatch {
    private final List<Patch> parts;
    private final long counter;
    private long finalCount = -1;

    CompositePatch(PatchRegistry registry, String target, List<Patch> parts, long counter) {
        super(registry, target);
        this.parts = List.copyOf(parts);
        this.counter = counter;
        registry.adopt(this, parts);
    }

    @Override
    public String describe() {
        List<String> each = new ArrayList<>();
        parts.forEach(p -> each.add(p.describe()));
        return target() + " (" + parts.size() + " functions): " + String.join("; ", each);
    }

    @Override
    public boolean isRunningSafe() {
        return parts.stream().allMatch(Patch::isRunningSafe);
    }

    /** After close, the count when the patch was closed (the counter's memory may be reused by then). */
    @Override
    public long callCount() {
        synchronized (PatchRegistry.LOCK) {
            return finalCount >= 0 ? finalCount : FunctionPatch.callCount(counter, this);
        }
    }

    @Override
    protected void restore() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (!parts.get(i).isClosed()) {
                parts.get(i).close();
            }
        }
        // Still under PatchRegistry.LOCK, so the retired counter cannot have been handed out again yet.
        if (counter != 0) {
            finalCount = dev.gojack.internal.nat.Native.memory(counter).getLong(0);
        }
    }
}
