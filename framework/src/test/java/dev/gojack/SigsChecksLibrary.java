package dev.gojack;

/** The exports of the sigs fixture's checks.go: callers of the functions the signature-check tests patch. */
public interface SigsChecksLibrary {
    long SigsPlaceOrder(int qty);

    long SigsSwapInts(int a, int b);

    long SigsSwapStrings();

    long SigsStoreGet();

    long SigsTextLen();

    long SigsAdd(long a, long b);

    long SigsSumArray(long a, long b);

    double SigsFlagRatio(int n);

    int SigsLookupIsNil();

    long SigsNowUnix();
}
