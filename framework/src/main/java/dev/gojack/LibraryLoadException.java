package dev.gojack;

/** The library could not be loaded into this process, or a second Go runtime would be loaded. */
public class LibraryLoadException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public LibraryLoadException(String message) {
        super(message);
    }

    public LibraryLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
