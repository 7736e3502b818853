package dev.gojack;

/**
 * The bytes GoJack would replace, or restore over, are not the ones it expects: someone else patched the
 * function, or changed it while GoJack's patch was in place. Memory is left untouched.
 */
public class PatchConflictException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public PatchConflictException(String message) {
        super(message);
    }
}
