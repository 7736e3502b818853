package dev.gojack.stress;

import jnr.ffi.annotations.Out;

/** The exported functions of the {@code hot} fixture (go-fixtures/hot), bound with jnr-ffi. */
public interface HotLibrary {
    int HOT = 0;
    int WARM = 1;

    void StartLoops(int which, int n);

    void StartGC();

    int StartProfile(int rateHz);

    void StopAll();

    long Calls();

    long Wrong();

    long GCs();

    long CallHot(long x);

    long CallWarm(long x);

    long CallPad(long x);

    long CallReplacement(int which, long x);

    int FuncNameAt(long pc, @Out byte[] buf, int n);

    int LineAt(long pc);

    int AllStacks();
}
