package dev.gojack.internal.elf;

/** Internal: the public layer turns it into a GoJack exception that names the file. */
public final class NotElfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotElfException(String message) {
        super(message);
    }
}
