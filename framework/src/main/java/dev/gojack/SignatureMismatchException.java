package dev.gojack;

/** Target and replacement take arguments of different sizes, so a redirect would read garbage. */
public class SignatureMismatchException extends PatchRefusedException {
    private static final long serialVersionUID = 1L;

    public SignatureMismatchException(String message) {
        super(message);
    }
}
