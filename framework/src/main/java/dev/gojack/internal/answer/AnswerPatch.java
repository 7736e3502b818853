package dev.gojack.internal.answer;

import dev.gojack.Patch;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.Patcher;

import java.util.List;

/**
 * A function answered by Java. Closing it restores the entry, then throws the {@link dev.gojack.GoAnswerException}
 * of the first exception a body threw, if one did. The stub and its registration stay (a goroutine may still be
 * inside the body); such a body finishes normally and its results reach Go.
 */
final class AnswerPatch extends AbstractPatch {
    private final Patch entry;
    private final JavaAnswer answer;

    AnswerPatch(Patcher registry, String target, Patch entry, JavaAnswer answer) {
        super(registry, target);
        this.entry = entry;
        this.answer = answer;
        registry.adopt(this, List.of(entry));
    }

    @Override
    public String describe() {
        return entry.describe();
    }

    @Override
    public boolean isRunningSafe() {
        return entry.isRunningSafe();
    }

    @Override
    protected void restore() {
        entry.close();
    }

    @Override
    protected void afterClose() {
        dev.gojack.GoAnswerException failure = answer.failure();
        if (failure != null) {
            throw failure;
        }
    }
}
