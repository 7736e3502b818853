package dev.gojack;

import java.util.List;

/**
 * The target was inlined into other functions: patching its entry cannot reach those inlined copies.
 * Rebuild the library with {@code -gcflags=all=-l}, mark the function {@code //go:noinline}, or pass
 * {@link PatchOption#ALLOW_INLINED} to patch the out-of-line body only.
 */
public class InlinedTargetException extends PatchRefusedException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> inlinedInto;

    public InlinedTargetException(String message, List<String> inlinedInto) {
        super(message);
        this.inlinedInto = List.copyOf(inlinedInto);
    }

    /** The functions that carry an inlined copy of the target. */
    public List<String> inlinedInto() {
        return inlinedInto;
    }
}
