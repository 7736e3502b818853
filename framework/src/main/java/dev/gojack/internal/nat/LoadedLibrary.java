package dev.gojack.internal.nat;

/**
 * What jnr-ffi binds when GoJack loads a library. jnr-ffi only opens a library for an interface with at least
 * one method, so this names the cgo entry point every Go c-shared library exports; it is never called.
 * Exported Go functions are bound by the tester's own interfaces.
 */
public interface LoadedLibrary {
    /** cgo's C-to-Go trampoline; bound so that loading resolves a real symbol, never called. */
    void crosscall2();
}
