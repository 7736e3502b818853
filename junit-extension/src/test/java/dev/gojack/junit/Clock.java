package dev.gojack.junit;

/** Exports of libclock.so that the tests call. */
public interface Clock {
    long NowUnixNano();

    int TokenIsValid(long expiresUnixNano);

    long SleepMillis(long ms);

    int NowLocationName(byte[] buf, int n);
}
