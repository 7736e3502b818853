package dev.gojack.internal.patch;

import dev.gojack.Patch;
import dev.gojack.PatchBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Patcher#batch} returns: the patches one batch made. Not an open patch of its own (its parts are,
 * so each can be closed alone); closing it closes the parts still open newest first, as one batch.
 */
final class BatchPatch extends AbstractPatch implements PatchBatch {
    private final List<Patch> parts;

    BatchPatch(Patcher registry, List<? extends Patch> parts, Location where) {
        super(registry, "batch", where);
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Patch> patches() {
        return parts;
    }

    @Override
    public String describe() {
        List<String> each = new ArrayList<>();
        parts.forEach(p -> each.add(p.describe()));
        return "batch of " + parts.size() + " patches: " + String.join("; ", each);
    }

    @Override
    public boolean isRunningSafe() {
        return parts.stream().allMatch(Patch::isRunningSafe);
    }

    @Override
    protected void restore() {
        registry.inOneBatch(() -> RestorePolicy.closeNewestFirst(parts));
    }
}
