package dev.gojack;

import java.util.List;

/**
 * A morph was refused because the two types are not layout-compatible: swapping the type word would make the
 * garbage collector or the new type's methods misread the value. {@link #differences()} names every
 * difference found; nothing was written.
 */
public class MorphNotSafeException extends PatchRefusedException {
    private static final long serialVersionUID = 1L;

    private final List<String> differences;

    public MorphNotSafeException(String message, List<String> differences) {
        super(message);
        this.differences = List.copyOf(differences);
    }

    /** Every difference, one sentence each: {@code "size: main.diskStore has 24 bytes, main.bigStore has 48"}. */
    public List<String> differences() {
        return differences;
    }
}
