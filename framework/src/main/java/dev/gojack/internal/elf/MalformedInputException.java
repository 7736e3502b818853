package dev.gojack.internal.elf;

/**
 * A structure in the file is inconsistent or points outside it. Internal: the public layer wraps it in an
 * {@link dev.gojack.InvalidLibraryException} that names the file.
 */
public final class MalformedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message) {
        super(message);
    }
}
