package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Patches a Go function of the {@link GoJackTest} library for each test: either redirects it to another Go
 * function of the same signature ({@link #replacement()}), or makes it return fixed values without running its
 * body ({@link #returns()}). Exactly one of the two must be given.
 *
 * <p><b>When.</b> Patches are applied before the test's {@code @BeforeEach} methods run and restored after its
 * {@code @AfterEach} methods ran, whatever the outcome — success, failure, exception, aborted assumption or
 * {@code @Timeout}. On a class, the patch applies to every test of the class, of its subclasses
 * ({@link Inherited}) and of its {@link org.junit.jupiter.api.Nested @Nested} classes. Patches are applied outer
 * class first, then inner classes, then the method, so when several patch one function the innermost one wins;
 * they are restored in reverse order. If a patch cannot be restored, the test fails.
 *
 * <p><b>Misconfiguration</b> — an unknown function, an inlined target, a signature mismatch, a malformed value,
 * both or neither of {@code replacement} and {@code returns} — fails that test (only) with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming this annotation, where it was
 * declared, and why.
 *
 * <p><b>Syntax of {@link #returns()}.</b> One string per Go result, in order, each {@code type:value}:
 * <table>
 *   <caption>Go values written as strings</caption>
 *   <tr><th>Written</th><th>Go value</th></tr>
 *   <tr><td>{@code "int64:42"}, {@code "int:42"}, {@code "int32:-1"}, {@code "int16:7"}, {@code "int8:-8"}</td>
 *       <td>signed integers; decimal, or hexadecimal with {@code 0x}</td></tr>
 *   <tr><td>{@code "uint64:18446744073709551615"}, {@code "uint:1"}, {@code "uint32:0xff"}, {@code "uint16:8080"},
 *       {@code "uint8:255"}, {@code "byte:10"}, {@code "uintptr:0x1000"}</td><td>unsigned integers</td></tr>
 *   <tr><td>{@code "bool:true"}, {@code "bool:false"}</td><td>{@code bool}</td></tr>
 *   <tr><td>{@code "float64:2.5"}, {@code "float32:1.5"}</td><td>floating point ({@code NaN}, {@code Infinity}
 *       accepted)</td></tr>
 *   <tr><td>{@code "string:hello"}, {@code "string:"}</td><td>a string: everything after the first colon,
 *       colons included</td></tr>
 *   <tr><td>{@code "nil"}, {@code "pointer:nil"}, {@code "map:nil"}, {@code "chan:nil"}, {@code "func:nil"}</td>
 *       <td>a nil pointer, map, channel or func</td></tr>
 *   <tr><td>{@code "slice:nil"}</td><td>a nil slice</td></tr>
 *   <tr><td>{@code "error:nil"}, {@code "interface:nil"}</td><td>a nil {@code error} or interface</td></tr>
 *   <tr><td>{@code "error:io.EOF"}, {@code "interface:main.errSentinel"}</td><td>the interface value a package
 *       variable holds when the patch is applied</td></tr>
 *   <tr><td>{@code "error:\"disk full\""}</td><td>a new error whose {@code Error()} is the quoted text
 *       ({@link dev.gojack.GoValue#error}; escapes {@code \\}, {@code \"}, {@code \n}, {@code \t})</td></tr>
 *   <tr><td>{@code "bytes:0xdeadbeef"}, {@code "bytes:0x"}, {@code "bytes:nil"}</td><td>a {@code []byte} of
 *       those bytes ({@link dev.gojack.GoValue#bytes}), an empty one, a nil one</td></tr>
 *   <tr><td>{@code "void"} (alone)</td><td>no results: the function returns at once</td></tr>
 * </table>
 * Type names are case-sensitive and written as in Go.
 *
 * <pre>{@code
 * @Test
 * @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
 * @PatchGoFunction(target = "main.leafConst", returns = "int64:7")
 * void bothPatched(Calls calls) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(PatchGoFunctions.class)
@ExtendWith(GoJackExtension.class)
public @interface PatchGoFunction {
    /** The Go function to patch, as Go names it: {@code "main.add"}, {@code "main.(*Counter).Scaled"}. */
    String target();

    /** The Go function every call of {@link #target()} runs instead; same signature. Not with {@link #returns()}. */
    String replacement() default "";

    /** The results {@link #target()} returns instead of running, one {@code type:value} string per Go result. */
    String[] returns() default {};

    /**
     * Redirect even though copies of {@link #target()} were inlined into other functions (only calls that reach
     * the out-of-line body see the patch). Redirects only: GoJack's return stubs do not take it.
     */
    boolean allowInlined() default false;
}
