package dev.gojack;

/**
 * A patch does not fit the function's signature: a stub's values are not of the results' types, or a redirect's
 * replacement passes its parameters or results differently (register-ABI layout, or argument size without a
 * typed signature). The message shows both signatures in Go syntax.
 */
public class SignatureMismatchException extends PatchRefusedException {
    private static final long serialVersionUID = 1L;

    public SignatureMismatchException(String message) {
        super(message);
    }
}
