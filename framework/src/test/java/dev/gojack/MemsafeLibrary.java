package dev.gojack;

/** The exported functions of the {@code memsafe} fixture (go-fixtures/memsafe). */
public interface MemsafeLibrary {
    long TextLen();

    long TextHash();

    long RowsHash(long n);

    void StartRowChecker(int goroutines);

    long StopRowChecker();

    long RowCheckerCalls();

    long WildWords();
}
