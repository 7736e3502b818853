package dev.gojack.internal.nat;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.PointerByReference;

/**
 * The few libc entry points GoJack needs. Declared for jnr-ffi; only {@link Native} calls them.
 * {@code syscall} is declared with fixed integer arguments, which is how x86-64 and aarch64 pass them to a
 * variadic function too.
 */
public interface LibC {
    Pointer dlopen(String path, int flags);

    int dlclose(Pointer handle);

    Pointer dlsym(Pointer handle, String name);

    String dlerror();

    int dlinfo(Pointer handle, int request, @Out PointerByReference info);

    /**
     * Raw system call. Memory management goes through it rather than through the libc wrappers, whose mixed
     * int/long signatures jnr-ffi's fast path did not pass correctly in our tests (mmap failed with EINVAL).
     */
    long syscall(long number, long a, long b, long c, long d, long e, long f);

    /**
     * The same system call with three arguments: jnr-ffi's fast invoker handles at most six parameters, so the
     * frequent calls (mprotect, membarrier) avoid the slower generic path of the seven-parameter form.
     */
    long syscall(long number, long a, long b, long c);

    int getpagesize();
}
