package dev.gojack.junit;

/** Exports of libvars.so that the tests call. */
public interface Vars {
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

    int CallAnswerErrorIsEOF();

    int CallAnswerErrorIsSentinel();

    int CallAnswerPointerIsNil();

    long CallAnswerSliceLen();

    int CallAnswerTriple(byte[] buf, int n);

    long GetCounter();
}
