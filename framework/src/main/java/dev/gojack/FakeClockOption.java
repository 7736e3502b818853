package dev.gojack;

/** Options of {@link GoLibrary#fakeClock}. */
public enum FakeClockOption {
    /**
     * {@code time.Now()} returns times in Go's {@code time.Local} instead of UTC. (With {@link #FIRES_TIMERS}
     * the times are always in {@code time.Local}, as the real {@code time.Now} returns them.)
     */
    LOCAL_ZONE,
    /** {@code time.Sleep(d)} returns at once and advances the fake clock by {@code d}. Not with {@link #FIRES_TIMERS}. */
    SLEEP_ADVANCES,
    /**
     * The clock runs and fires Go's runtime timers. {@code time.Now} reads the start instant plus the real time
     * elapsed since the clock was created plus the sum of advances, with a monotonic reading that moves with it.
     * {@link FakeClock#advance} by a positive amount moves the wall and the monotonic clock together and wakes
     * the scheduler: every timer due by then ({@code time.After}, {@code NewTimer}, {@code Reset},
     * {@code AfterFunc}, tickers, {@code time.Sleep}, {@code context} and network deadlines) fires at once —
     * asynchronously, typically within a millisecond, so poll for its effect. {@link FakeClock#set} and negative
     * advances move the wall clock only. No code is patched: GoJack swaps the runtime's clock pointer
     * ({@code runtime.vdsoClockgettimeSym}) for a stub that adds the offsets.
     *
     * <p>Closing the clock restores {@code time.Now}; the monotonic offset stays for the life of the process
     * (monotonic time must never go back, or timers would fire late by the difference), and a later clock
     * continues from it: see {@link GoLibrary#monotonicOffset()}. Both offsets are capped at 100 years.
     * Refused with {@link #SLEEP_ADVANCES} (with this option {@code time.Sleep} already returns on advance).
     */
    FIRES_TIMERS
}
