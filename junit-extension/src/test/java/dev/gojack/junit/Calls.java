package dev.gojack.junit;

/** Exports of libcalls.so that the tests call (bound with jnr-ffi; public, as jnr-ffi requires). */
public interface Calls {
    long CallAddDirect(long a, long b);

    long CallAddViaClosure(long a, long b);

    long CallLeafConst();

    long CallOneArg(long a);

    long CallTinyA(long x);
}
