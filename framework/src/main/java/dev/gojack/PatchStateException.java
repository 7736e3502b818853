package dev.gojack;

/** A patch handle was used in a state that does not allow it: closed twice, or used after close. */
public class PatchStateException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public PatchStateException(String message) {
        super(message);
    }

    public PatchStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
