package dev.gojack;

/** Options of {@link GoLibrary#fakeClock}. */
public enum FakeClockOption {
    /** {@code time.Now()} returns times in Go's {@code time.Local} instead of UTC. */
    LOCAL_ZONE,
    /** {@code time.Sleep(d)} returns at once and advances the fake clock by {@code d}. */
    SLEEP_ADVANCES
}
