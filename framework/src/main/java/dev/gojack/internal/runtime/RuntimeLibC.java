package dev.gojack.internal.runtime;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/** The libc calls the runtime-clock machinery needs (finding the vDSO clock function, write(2)); public for jnr-ffi. */
public interface RuntimeLibC {
    RuntimeLibC LIBC = LibraryLoader.create(RuntimeLibC.class).failImmediately().load("c");

    Pointer dlopen(String path, int flags);

    Pointer dlsym(Pointer handle, String name);

    int dlclose(Pointer handle);

    /** Raw system call with three arguments (x86-64 passes a variadic call's integers the same way). */
    long syscall(long number, long a, long b, long c);
}
