package dev.gojack;

/** The exported functions of the {@code vars} fixture (go-fixtures/vars). Strings come back in {@code buf}. */
public interface VarsLibrary {
    long GetCounter();

    long IncrementCounter();

    int GetLevel();

    int GetSmall();

    int GetPort();

    long GetFlags();

    int GetEnabled();

    double GetRatio();

    float GetRatio32();

    int GetGreeting(byte[] buf, int n);

    long ApplyTransform(long x);

    long ApplyAltTransform(long x);

    long DerefTarget();

    long GetOtherTarget();

    long CallAnswerInt();

    int CallAnswerInt32();

    int CallAnswerInt8();

    int CallAnswerUint16();

    int CallAnswerBool();

    double CallAnswerFloat64();

    float CallAnswerFloat32();

    int CallAnswerString(byte[] buf, int n);

    int CallAnswerPair(byte[] buf, int n);

    int CallAnswerErrorIsNil();

    int CallAnswerErrorMessage(byte[] buf, int n);

    int CallAnswerErrorIsSentinel();

    int CallAnswerErrorIsEOF();

    int CallAnswerPointerIsNil();

    long CallAnswerPointerValue();

    long CallAnswerSliceLen();

    long CallAnswerSliceSum();

    int CallAnswerTriple(byte[] buf, int n);

    int BreakerCharge(int fail);

    int BreakerIsOpen();

    long BreakerFailures();

    int BreakerState(byte[] buf, int n);
}
