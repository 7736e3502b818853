package dev.gojack;

/** The exported functions of the {@code calls} fixture (go-fixtures/calls), bound with jnr-ffi. */
public interface CallsLibrary {
    long CallAddDirect(long a, long b);

    long CallAddViaFuncValue(long a, long b);

    long CallAddViaFuncArg(long a, long b);

    long CallAddViaClosure(long a, long b);

    long CallAddViaCapturingClosure(long a, long b);

    long CallAddDeferred(long a, long b);

    long CallAddInGoroutine(long a, long b);

    long CallValueMethodDirect(long base, long x);

    long CallValueMethodViaPointer(long base, long x);

    long CallValueMethodViaMethodValue(long base, long x);

    long CallValueMethodViaMethodExpr(long base, long x);

    long CallValueMethodViaPtrMethodExpr(long base, long x);

    long CallValueMethodViaInterface(long base, long x);

    long CallValueMethodViaPtrInterface(long base, long x);

    long CallPtrMethodDirect(long base, long x);

    long CallPtrMethodOnAddressable(long base, long x);

    long CallPtrMethodViaMethodValue(long base, long x);

    long CallPtrMethodViaMethodExpr(long base, long x);

    long CallPtrMethodViaInterface(long base, long x);

    long CallClosureNoCapture(long a, long b);

    long CallClosureWithCapture(long x);

    long CallScaler(long x);

    void StressStart(int goroutines);

    void StressStop();

    long StressCount(int kind);

    long CallTinyA(long x);

    long CallTinyB(long x);

    long CallInlinedOnly(long x);

    long CallLeafConst();

    long CallLeafIdentity(long x);

    long CallThreeArgs(long a, long b, long c);

    long CallOneArg(long a);
}
