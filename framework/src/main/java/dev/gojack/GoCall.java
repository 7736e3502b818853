package dev.gojack;

import java.util.List;

/**
 * One call Go made to a function a {@link GoAnswer} replaces: the function, its signature and the arguments, decoded
 * when the call arrived (strings and {@code []byte} are copies, safe to keep).
 */
public interface GoCall {
    /** The patched function. */
    GoFunction function();

    /** Its typed signature. */
    GoSignature signature();

    /** How many arguments the call passed (a method's receiver is the first). */
    int argumentCount();

    /**
     * Argument {@code index}, boxed by its Go type: {@code Long} for {@code int}, {@code int64}, {@code uint},
     * {@code uint64}, {@code uintptr}; {@code Integer} for {@code int32}, {@code uint32}; {@code Short};
     * {@code Byte}; {@code Boolean}; {@code Double}; {@code Float}; {@code String} for {@code string};
     * {@code byte[]} for {@code []byte} ({@code null} when nil); {@link GoPointer} for pointers, maps, channels and
     * funcs.
     *
     * @throws InvalidArgumentException if there is no such argument
     */
    Object argument(int index);

    /**
     * Argument {@code index} as {@code type}: its boxed value if it is one, or a number converted to another
     * integer type when it fits.
     *
     * @throws InvalidArgumentException if it is not of, or does not fit, {@code type}
     */
    <T> T argument(int index, Class<T> type);

    /** Every argument, boxed as {@link #argument(int)} says. */
    List<Object> arguments();

    /**
     * Runs the original function's body with the same arguments, on the goroutine that made the call, and returns
     * its results, each decoded as {@link #argument(int)} decodes an argument (strings and {@code []byte} copied;
     * a non-nil interface or error as a {@link GoInterface}, nil as null). The body may return them as they are
     * ({@code return call.callOriginal();}: the original's own result words go back to Go, so a sentinel error
     * stays itself) or return other values. Values that point into Go's heap ({@link GoPointer},
     * {@link GoInterface}) stay alive until the body returns or calls {@code callOriginal()} again.
     *
     * @throws PatchRefusedException when called from another thread than the body's or after the body returned;
     *                               or when GoJack cannot enter this function past its entry (a leaf whose first
     *                               instructions depend on where they run, a closure or method value), naming why
     */
    GoResults callOriginal();
}
