package dev.gojack;

/**
 * A word GoJack read from Go memory looked like a pointer but leads to no readable memory of this process: the
 * variable is not of the type it was read as (a struct read as an interface value, an integer pair read as a
 * string). GoJack checks such pointers before following them, so the JVM does not crash; nothing is changed.
 */
public class UnreadableMemoryException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public UnreadableMemoryException(String message) {
        super(message);
    }
}
