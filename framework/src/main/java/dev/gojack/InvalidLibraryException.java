package dev.gojack;

/** The file is not a Go shared library GoJack can read: not ELF, not Go, truncated or corrupt. */
public class InvalidLibraryException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public InvalidLibraryException(String message) {
        super(message);
    }

    public InvalidLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
