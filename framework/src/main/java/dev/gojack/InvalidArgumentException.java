package dev.gojack;

/**
 * An argument GoJack was given cannot be used as given: a variable read as a Go type of another size, a number
 * that does not fit its Go type, rows of stub results of different types, a fake clock moved outside the range
 * of {@link java.time.Instant}. Nothing was changed.
 */
public class InvalidArgumentException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
