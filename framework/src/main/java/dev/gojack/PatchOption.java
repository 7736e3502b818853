package dev.gojack;

/** Options that relax a check before a function is patched. */
public enum PatchOption {
    /**
     * Patch a function even though copies of it were inlined into other functions: only calls that reach the
     * out-of-line body see the patch.
     */
    ALLOW_INLINED,
    /**
     * Skip the signature checks: redirect even though the two sides' register-ABI layouts or argument sizes differ,
     * stub with values that do not match the results' types (you know the ABI better than DWARF and the pclntab).
     * The stub's own limits (results in registers, rows of one shape) still hold.
     */
    ALLOW_SIGNATURE_MISMATCH,
    /**
     * Patch a function of the Go runtime itself (package {@code runtime}, {@code runtime/cgo},
     * {@code runtime/internal/*}, {@code internal/runtime/*}). The runtime calls many of its functions in states
     * where a stub or a redirect breaks it (no stack to grow, the world stopped, signals); only use this for a
     * function you know the runtime never calls itself, e.g. {@code runtime.NumCPU}. Functions with a special
     * funcID ({@code runtime.morestack}, {@code runtime.systemstack}, …) stay refused.
     */
    ALLOW_RUNTIME
}
