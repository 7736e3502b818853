/**
 * GoJack's internals, not API: they change without notice. {@link dev.gojack.internal.Problems} builds every
 * exception message, one factory per situation.
 */
package dev.gojack.internal;
