/**
 * GoJack's public API: load a Go c-shared library ({@link dev.gojack.GoLibrary}), read it without loading
 * ({@link dev.gojack.GoBinary}), and patch its functions and variables for one test; every change is a
 * {@link dev.gojack.Patch} that restores what it replaced. Every failure is a {@link dev.gojack.GoJackException}
 * subclass. Nothing here extends a class of {@code dev.gojack.internal}.
 */
package dev.gojack;
