package dev.gojack;

import dev.gojack.internal.patch.FunctionPatch;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.Patcher;

import java.util.ArrayList;
import java.util.List;

/** Several patches that stand and fall together, e.g. every shape instantiation of one generic function. */
final class CompositePatch extends AbstractPatch implements StubPatch {
    private final List<Patch> parts;
    private final long counter;

    CompositePatch(Patcher registry, String target, List<Patch> parts, long counter) {
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

    @Override
    public long callCount() {
        return FunctionPatch.callCount(counter, this);
    }

    @Override
    protected void restore() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (!parts.get(i).isClosed()) {
                parts.get(i).close();
            }
        }
    }
}
