package dev.gojack;

/**
 * Root of every exception GoJack throws. Unchecked: a misconfigured patch is a bug in the test, not a
 * condition to recover from. Subclasses say what kind of problem it is; the message says which symbol,
 * which library, why, and what to do about it.
 */
public class GoJackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GoJackException(String message) {
        super(message);
    }

    public GoJackException(String message, Throwable cause) {
        super(message, cause);
    }
}
