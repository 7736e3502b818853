package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link dev.gojack.GoSpy} on a Go function of the {@link GoJackTest} library (issue 20): every call
 * that reaches the function during the test is counted and its arguments recorded, and the function runs
 * unchanged.
 *
 * <p>On a parameter of the test method, the spy is applied before the test's {@code @BeforeEach} methods (so
 * it sees their calls too) and closed after its {@code @AfterEach} methods, like {@link PatchGoFunction}; a
 * {@code @BeforeEach} or {@code @AfterEach} method that declares a spy on the same target gets the same spy.
 * A spy the GoJack engine refuses fails that test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} saying why.
 *
 * <pre>{@code
 * @Test
 * void storesEveryKey(@SpyGoFunction("main.(*memStore).Put") GoSpy put, Spied spied) {
 *     spied.StoreInGoroutine(3);
 *     GoJackAssertions.assertThat(put).wasCalledTimes(3);
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(GoJackExtension.class)
public @interface SpyGoFunction {
    /** The Go function to spy on, as Go names it: {@code "main.add"}, {@code "main.(*T).M"}. */
    String value();

    /** Calls the spy keeps (it counts them all). */
    int capacity() default dev.gojack.GoLibrary.SPY_DEFAULT_CAPACITY;

    /** Bytes copied of each string or {@code []byte} argument. */
    int stringBytes() default dev.gojack.GoLibrary.SPY_DEFAULT_STRING_BYTES;

    /** Spy even though copies of the function were inlined (those calls are not seen). */
    boolean allowInlined() default false;
}
