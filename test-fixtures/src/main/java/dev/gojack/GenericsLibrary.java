package dev.gojack;

/** The exported functions of the {@code generics} fixture (go-fixtures/generics). */
public interface GenericsLibrary {
    long PickInt(long a, long b, int first);

    int PickString(int first, byte[] buf, int n);

    double PickFloat(double a, double b, int first);

    long PickIntPtr(int first);

    int PickStringPtr(int first, byte[] buf, int n);

    long PickAltInt(long a, long b, int first);

    long BoxIntGet(long v);

    long WeightInt(long v);

    long WeightString();

    long WeightPtr();

    int BoxStringGet(String s, byte[] buf, int n);
}
