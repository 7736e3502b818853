/**
 * What GoJack knows about instruction sets: {@link dev.gojack.internal.arch.Architectures} picks the
 * {@link dev.gojack.internal.arch.Architecture} of a library once, at load; an architecture plans entry jumps and
 * encodes stubs, and knows nothing of the others.
 */
package dev.gojack.internal.arch;
