package dev.gojack;

/** The exported functions of the {@code spied} fixture (go-fixtures/spied), bound with jnr-ffi. */
public interface SpiedLibrary {
    long Describe(long n);

    long DescribeLong(long n);

    long Hammer(int goroutines, int each);

    int SortWords();

    long StoreInGoroutine(int n);

    long Descend(int depth);

    long Plunge(int depth);

    long WorkLoop(long n);

    void StartLoops(int n);

    long StopLoops();

    long Peek();
}
