package dev.gojack;

/** A declared Go signature cannot be used: a syntax error, an unknown type, or a layout the library contradicts. */
public class InvalidSignatureException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
