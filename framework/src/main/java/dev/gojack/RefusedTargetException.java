package dev.gojack;

/**
 * A patch was refused because of what its target (or replacement) is, not because of a conflict: the
 * {@link #reason()} says which rule, the message says why it cannot work and what to do instead. Nothing was
 * written.
 */
public class RefusedTargetException extends PatchRefusedException {
    private static final long serialVersionUID = 1L;

    /** Why a target cannot be patched as asked. */
    public enum Reason {
        /**
         * The target is Go assembly (ABI0: arguments and results on the stack) and the patch needs the register
         * ABI (a return stub, a func value), or a redirect's two sides use different ABIs.
         */
        ABI_MISMATCH,
        /** The function has a special funcID (morestack, systemstack, mcall, gogo, asyncPreempt, …): never patched. */
        SPECIAL_RUNTIME_FUNCTION,
        /** The function belongs to the Go runtime; {@link PatchOption#ALLOW_RUNTIME} allows it. */
        RUNTIME_PACKAGE,
        /** A redirect would lead a function back to itself (directly or through other redirects): calls would never end. */
        REDIRECT_LOOP,
        /** The func variable holds no func value of the library (nil, or not a func value at all). */
        NOT_A_FUNC_VALUE,
        /** The variable given to {@link GoValue#interfaceFrom} holds no interface value GoJack can recognise. */
        NOT_AN_INTERFACE_VALUE
    }

    private final Reason reason;

    public RefusedTargetException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The rule that refused the patch. */
    public Reason reason() {
        return reason;
    }
}
