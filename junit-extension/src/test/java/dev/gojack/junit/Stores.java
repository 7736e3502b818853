package dev.gojack.junit;

/** Exports of libmorph.so that the tests call. */
public interface Stores {
    int StoreName(byte[] buf, int n);

    int StoreGet(String key, byte[] buf, int n);
}
