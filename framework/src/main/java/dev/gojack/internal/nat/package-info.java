/** The native calls GoJack makes (jnr-ffi): mmap, mprotect, memfd, membarrier, dlopen, atomics. */
package dev.gojack.internal.nat;
