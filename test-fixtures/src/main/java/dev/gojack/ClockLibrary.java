package dev.gojack;

/** The exported functions of the {@code clock} fixture (go-fixtures/clock). Strings come back in {@code buf}. */
public interface ClockLibrary {
    long MonotonicNanos();

    long NowUnixNano();

    long NowUnixSeconds();

    int NowNanosecond();

    long SinceNanos(long unixNano);

    long UntilNanos(long unixNano);

    int FormatNowUTC(byte[] buf, int n);

    int FormatNow(byte[] buf, int n);

    int FormatNowLocal(byte[] buf, int n);

    int NowLocationName(byte[] buf, int n);

    void CachePut(long key, long value, long ttlMillis);

    long CacheGet(long key);

    void CacheClear();

    int TokenIsValid(long expiresUnixNano);

    long RetryWithBackoff(int attempts, long firstSleepMillis);

    long SleepMillis(long ms);

    int DeadlineExceeded(long deadlineUnixNano);

    long NowLoop(long n);

    void NowReadersStart(int goroutines, long baseUnixNano, long step);

    void NowReadersStop();

    long NowReadersCount(int kind);

    int CertificateVerifyNow(byte[] buf, int n);
}
