package dev.gojack;

import java.util.List;

/**
 * A spy on a Go function ({@link GoLibrary#spy}): every call that reaches the function's entry is counted and its
 * arguments recorded, and the function then runs as it would have: the spy changes neither what it does nor
 * what it returns. Results are not recorded (a frameless stub cannot see the return without leaving a frame of
 * its own on the goroutine's stack, which the runtime would not know).
 *
 * <p>Memory is bounded: the spy keeps the arguments of the last {@link #capacity()} calls and counts all of
 * them. Strings and byte slices are copied when the call is recorded, up to a cap per argument (the true length
 * is kept). Closing restores the function; the count and the records stay readable, frozen at that moment.
 */
public interface GoSpy extends Patch {
    /** Calls that reached the function since the spy was applied, or since {@link #reset()}. */
    long callCount();

    /**
     * The recorded calls in call order: the last {@link #capacity()} calls counted by {@link #callCount()} (fewer
     * if calls are still being recorded while this runs).
     */
    List<GoCallRecord> calls();

    /** Forgets the calls so far: {@link #callCount()} starts again from 0 and {@link #calls()} is empty. */
    void reset();

    /** How many calls the spy keeps: {@link GoLibrary#SPY_DEFAULT_CAPACITY} unless given to {@link GoLibrary#spy}. */
    int capacity();
}
