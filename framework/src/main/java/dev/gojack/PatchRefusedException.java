package dev.gojack;

/** A patch was refused before anything was written: the check that failed is named in the message. */
public class PatchRefusedException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public PatchRefusedException(String message) {
        super(message);
    }

    public PatchRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
