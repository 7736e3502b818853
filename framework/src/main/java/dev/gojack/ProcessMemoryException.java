package dev.gojack;

/**
 * The operating system refused a memory operation GoJack needs in this process ({@code mmap},
 * {@code mprotect}, {@code memfd_create}, {@code dlopen}, {@code /proc/self/maps}), or GoJack's own stub
 * memory near the library is used up. The message names the call and the error.
 */
public class ProcessMemoryException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public ProcessMemoryException(String message) {
        super(message);
    }

    public ProcessMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
