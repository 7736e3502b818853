package dev.gojack;

/** No function, variable or type of that name exists in the library. */
public class SymbolNotFoundException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public SymbolNotFoundException(String message) {
        super(message);
    }

    public SymbolNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
