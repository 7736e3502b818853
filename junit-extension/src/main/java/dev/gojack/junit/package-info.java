/**
 * GoJack for JUnit Jupiter: patch the Go c-shared library under test from annotations and parameters, with
 * every patch restored after each test.
 *
 * <ul>
 *   <li>{@link dev.gojack.junit.GoJackTest} names the library of a test class (and registers the extension);</li>
 *   <li>{@link dev.gojack.junit.PatchGoFunction} redirects a Go function or stubs its results;</li>
 *   <li>{@link dev.gojack.junit.MorphGoInterface} swaps the dynamic type of an interface value;</li>
 *   <li>{@link dev.gojack.junit.FakeGoClock} fakes Go's {@code time.Now};</li>
 *   <li>{@link dev.gojack.junit.GoPatches}, injected as a parameter, patches from code.</li>
 * </ul>
 */
package dev.gojack.junit;
