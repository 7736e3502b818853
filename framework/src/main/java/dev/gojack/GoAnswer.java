package dev.gojack;

/**
 * A Java body that answers the calls Go code makes to a patched function ({@link GoLibrary#replace(String, GoAnswer,
 * PatchOption...)}). It runs on the Go thread that made the call, inside a real cgo call, so it may block, allocate,
 * throw and catch, and call the library's exports; goroutines calling at once run it concurrently.
 *
 * <p>Its return value becomes the function's results: for a single result a Java value of a matching type
 * ({@code Long}/{@code Integer}/... range-checked against the Go type, {@code Boolean}, {@code Double},
 * {@code String}, {@code byte[]}, {@link GoPointer}), {@code null} for a nil pointer, slice, map, interface or
 * {@code error}, a {@link GoValue} as is, and several results as {@link GoResults#of(Object...)}. For an
 * {@code error} result a {@code String} is an error with that text. An exception it throws never reaches Go: that
 * call returns zero results (an {@code error} result names the exception) and closing the patch throws
 * {@link GoAnswerException}.
 *
 * <p>A Go panic (or {@code runtime.Goexit}) raised in an export the body calls, or in {@link GoCall#callOriginal()},
 * that is not recovered inside that call ends the process with GoJack's message and Go's panic output: unwinding
 * further would leave the body's JVM frames behind while Go code above ran on.
 */
@FunctionalInterface
public interface GoAnswer {
    /** Answers one call; see the class comment for what may be returned. */
    Object answer(GoCall call) throws Throwable;
}
