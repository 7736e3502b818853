package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts the named package variables of the {@link GoJackTest} library back after each test, so Go package state
 * — a circuit breaker left open, a retry counter, a feature flag — does not leak from one test into the next.
 * Every test class of a JVM shares one Go runtime and so one copy of every package variable.
 *
 * <p><b>When.</b> The variables' bytes are saved before anything else GoJack applies for the test (and before the
 * test's {@code @BeforeEach} methods), and written back after everything else was restored (and after its
 * {@code @AfterEach} methods), whatever the outcome. On a class it applies to every test of the class, its
 * subclasses and its {@link org.junit.jupiter.api.Nested @Nested} classes; the variables named on the class and
 * on the method are restored together.
 *
 * <p><b>Which variables.</b> Pointer-free ones — bools, numbers, arrays and structs of them, which the Go linker
 * puts in {@code .noptrdata}/{@code .noptrbss} — unless {@link #allowPointers()}: see
 * {@link dev.gojack.GoLibrary#snapshot(String...)}. An unknown or refused variable fails the test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming this annotation and the reason.
 *
 * <pre>{@code
 * @GoJackTest(library = "payments")
 * @RestoreGoVariables({"main.breakerOpen", "main.breakerFailures"})
 * class BreakerTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GoJackExtension.class)
public @interface RestoreGoVariables {
    /** Package variables as Go names them, e.g. {@code "main.breakerOpen"} or {@code "example.com/pay/breaker.open"}. */
    String[] value();

    /**
     * Also restore variables that may hold pointers (strings, slices, pointers, interfaces): only sound when
     * those pointers lead to static data, such as string literals; see {@link dev.gojack.SnapshotOption#ALLOW_POINTERS}.
     */
    boolean allowPointers() default false;
}
