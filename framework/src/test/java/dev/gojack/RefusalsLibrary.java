package dev.gojack;

/** The exported functions of the {@code refusals} fixture (go-fixtures/refusals). */
public interface RefusalsLibrary {
    long GoAsmAdd(long a, long b);

    long GoAsmSub(long a, long b);

    long GoAsmInc(long a);

    long GoAsmAnswer();

    long GoAdd(long a, long b);

    long GoAnswer();

    long GoNumCPU();

    long GoNowUnixNano();

    void GoSleepMillis(long ms);

    long GoCompute(long a, long b);

    long GoCheckMessageLength();

    long GoGInt();

    int GoJackKeepAlive();
}
