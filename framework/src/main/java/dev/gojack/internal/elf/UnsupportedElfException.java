package dev.gojack.internal.elf;

/** Internal: the public layer turns it into a GoJack exception that names the file. */
public final class UnsupportedElfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedElfException(String message) {
        super(message);
    }
}
