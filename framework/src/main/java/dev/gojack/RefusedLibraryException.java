package dev.gojack;

/**
 * A file was refused before the dynamic linker saw it, because loading it could not work or would end the JVM;
 * the {@link #reason()} says which, the message names the fix.
 */
public class RefusedLibraryException extends LibraryLoadException {
    private static final long serialVersionUID = 1L;

    /** Why a file is not loaded. */
    public enum Reason {
        /** A Go executable (ELF type EXEC, or a PIE): only {@code -buildmode=c-shared} libraries can be loaded. */
        EXECUTABLE,
        /**
         * Built with the race detector ({@code -race}): ThreadSanitizer cannot map its shadow memory in a running
         * JVM, and the process exits (code 66) while loading.
         */
        RACE_DETECTOR
    }

    private final Reason reason;

    public RefusedLibraryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }
}
