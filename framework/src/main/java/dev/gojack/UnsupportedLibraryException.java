package dev.gojack;

/** The file is a valid Go library, but of an architecture or Go version GoJack does not support. */
public class UnsupportedLibraryException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLibraryException(String message) {
        super(message);
    }

    public UnsupportedLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
