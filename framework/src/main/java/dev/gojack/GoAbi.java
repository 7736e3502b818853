package dev.gojack;

/**
 * The calling convention of a function's entry. Go code is {@link #ABI_INTERNAL} (arguments in registers);
 * assembly functions are {@link #ABI0} (arguments on the stack) unless the runtime declared them otherwise. An
 * assembly function called from Go has two pclntab entries of one name: its ABI0 body and an ABIInternal wrapper
 * that Go callers use; GoJack resolves the plain name to the wrapper and {@code name.abi0} to the body, as
 * {@code go tool nm} names them.
 */
public enum GoAbi {
    /** Go's register-based ABI. */
    ABI_INTERNAL,
    /** The stack-based ABI of Go assembly (and of the wrappers that let assembly call Go functions). */
    ABI0,
    /** An assembly function of a library without {@code .symtab}: the file does not say which. */
    UNKNOWN
}
