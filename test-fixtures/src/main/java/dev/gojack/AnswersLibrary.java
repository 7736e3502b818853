package dev.gojack;

/** The exported functions of the {@code answers} fixture (go-fixtures/answers), bound with jnr-ffi. */
public interface AnswersLibrary {
    long CallPrice(long qty);

    long CallPriceRecovering(long qty);

    long CheckGreet(long k);

    String ChargeMessage(long amount);

    long CallChecksum(long n);

    long CallChecksumNil();

    double CallScale(double x);

    int CallAllowed(int admin);

    long CallLookup(long k);

    String CallEncode(long k);

    String CallQuote(int qty);

    long CallStore(String key);

    long PriceDeep(long n);

    long CallSum10();

    long CallNarrow();

    long CallPriceParallel(long goroutines, long per);

    long CallGreetUnderGC(long goroutines, long per);

    long SlowWhileAllocating();

    long CallHoldUnderGC(long goroutines, long per);

    int StartProfile(int rateHz);

    void StopProfile();

    long Twice(long x);

    long Grow(long n);

    String Where();

    void Panic();

    long PanicRecoveredInside();

    long PanicRecoveredInsideLoopDefer();

    String CallDescribe(long n);

    long CheckDescribeUnderGC(long goroutines, long per);

    long CallClimb(long n);

    long CallCollect(long x);

    long CallBig(long n);

    String CallTrace(long n);

    String CallTraceRecovering(long n);
}
