package dev.gojack;

/**
 * The exported functions of the {@code morph} fixture (go-fixtures/morph), bound with jnr-ffi. Text comes
 * back in a caller buffer, {@code snprintf}-style.
 */
public interface MorphLibrary {
    int StoreGet(String key, byte[] buf, int n);

    int StoreName(byte[] buf, int n);

    int StoreTypeName(byte[] buf, int n);

    int FallbackStoreName(byte[] buf, int n);

    int StoreNames(byte[] buf, int n);

    int AnyDescribe(byte[] buf, int n);

    int AnyOtherDescribe(byte[] buf, int n);

    int ErrorMessage(byte[] buf, int n);

    int FallbackErrorMessage(byte[] buf, int n);

    int ErrorIsNotFound();

    long GCStress(int rounds);

    long DispatchLoop(long n);

    void DispatchStressStart(int goroutines);

    void DispatchStressStop();

    long DispatchStressCount(int kind);

    void ResetStore();
}
