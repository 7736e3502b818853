package dev.gojack.internal.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The patches open on one package variable, oldest first, and the value it held before the first of them: the
 * same rule as redirects (the newest open patch's value is in the variable; closing a patch below it changes
 * nothing; closing the last one puts the original back), whatever order they are closed in.
 */
final class VariableStack {
    final byte[] original;
    final List<VariablePatch> patches = new ArrayList<>();

    VariableStack(byte[] original) {
        this.original = original.clone();
    }

    /** What the variable must hold once {@code closing} is gone, or null if it keeps its value. */
    byte[] valueAfterClosing(VariablePatch closing) {
        int index = patches.indexOf(closing);
        if (patches.size() == 1) {
            return original;
        }
        return index == patches.size() - 1 ? patches.get(index - 1).image() : null;
    }
}
