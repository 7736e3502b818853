package dev.gojack.internal.patch;

import dev.gojack.Patch;
import dev.gojack.StubPatch;

import java.util.ArrayList;
import java.util.List;

/** Several patches that stand and fall together, e.g. every shape instantiation of one generic function. */
public class CompositePatch extends AbstractPatch {
    private final List<Patch> parts;

    CompositePatch(Patcher registry, String target, List<Patch> parts) {
        super(registry, target);
        this.parts = List.copyOf(parts);
        registry.adopt(this, parts);
    }

    /** The composite of {@code parts}; a {@link StubPatch} when its parts share the stub counter {@code counter}. */
    static CompositePatch of(Patcher registry, String target, List<Patch> parts, long counter) {
        return counter == 0 ? new CompositePatch(registry, target, parts) : new Stub(registry, target, parts, counter);
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
    protected void restore() {
        RestorePolicy.closeNewestFirst(parts);
    }

    /** A composite of stub patches, counting the calls of all its functions together. */
    static final class Stub extends CompositePatch implements StubPatch {
        private final CallCounter counter;

        Stub(Patcher registry, String target, List<Patch> parts, long counter) {
            super(registry, target, parts);
            this.counter = new CallCounter(counter);
        }

        @Override
        public long callCount() {
            return counter.count();
        }

        @Override
        protected void restore() {
            super.restore();
            // Still under the lock that closing takes, so the retired counter cannot have been handed out again yet.
            counter.freeze();
        }
    }
}
