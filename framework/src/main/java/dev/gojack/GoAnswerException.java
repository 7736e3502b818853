package dev.gojack;

/**
 * A {@link GoAnswer}'s body threw while answering a Go call: thrown by closing the patch (after it was restored),
 * with the first exception a body threw as its cause, so the test fails.
 */
public class GoAnswerException extends GoJackException {
    private static final long serialVersionUID = 1L;

    public GoAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
