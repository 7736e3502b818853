package dev.gojack.timers;

/** The exported functions of the {@code timers} fixture (go-fixtures/timers). Durations are nanoseconds. */
public interface TimersLibrary {
    long MonotonicNanos();

    long NowUnixNano();

    long ProbeCount(int id);

    long ProbeRealAt(int id);

    long ProbeNowAt(int id);

    long ProbeReceivedAt(int id);

    void ProbeStop(int id);

    void StartAfter(int id, long d);

    void StartNewTimer(int id, long d);

    void StartReset(int id, long first, long second);

    void StartAfterFunc(int id, long d);

    void StartSleep(int id, long d);

    void StartContextTimeout(int id, long d);

    void StartContextDeadline(int id, long d);

    int StartAcceptDeadline(int id, long d);

    void StartTicker(int id, long period);

    void StartTick(int id, long period);

    void TakeNow();

    long SinceTaken();

    int TakenHasMonotonic();

    void StressStart(int goroutines);

    long StressStop();

    long StressFired();

    long StressGCCycles();

    long NowLoop(long n);
}
