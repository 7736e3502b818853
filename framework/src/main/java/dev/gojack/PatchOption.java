package dev.gojack;

/** Options that relax a check before a function is patched. */
public enum PatchOption {
    /**
     * Patch a function even though copies of it were inlined into other functions: only calls that reach the
     * out-of-line body see the patch.
     */
    ALLOW_INLINED,
    /** Redirect even though the replacement's argument size differs (you know the ABI better than the pclntab). */
    ALLOW_SIGNATURE_MISMATCH
}
