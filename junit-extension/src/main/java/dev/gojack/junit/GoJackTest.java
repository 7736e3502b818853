package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class whose tests patch a Go c-shared library, and names that library. The library is loaded
 * once per JVM (a Go runtime cannot be unloaded) and shared by every test class that names it.
 *
 * <p>{@link #library()} is looked up in this order, and the first regular file found wins:
 * <ol>
 *   <li>as a path, relative to the working directory (or absolute): {@code "build/noinline/libcalls.so"};</li>
 *   <li>a bare name (no directory part) in each directory of the system property
 *       {@value LibraryLocator#SEARCH_PATH_PROPERTY} (a {@link java.io.File#pathSeparator}-separated list),
 *       as written and, when it does not end in {@code .so}, as {@code lib<name>.so} and {@code <name>.so}:
 *       {@code "calls"} finds {@code libcalls.so};</li>
 *   <li>on the classpath, under the same names (a bare name at the root, a path as a resource name). A library
 *       inside a jar is extracted to a temporary file, once per JVM.</li>
 * </ol>
 * When nothing is found the class fails with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} listing every place GoJack looked.
 *
 * <p>Patches are process-wide, so JUnit's parallel mode must not run two tests of one library at the same time:
 * every {@code @GoJackTest} class takes the read-write resource lock {@code gojack:<name>} (see
 * {@link GoJackResourceLocks}). Classes of other libraries, and classes that are not GoJack tests, still run in
 * parallel with them.
 *
 * <pre>{@code
 * @GoJackTest(library = "calls")
 * class AddTest {
 *     @Test
 *     @PatchGoFunction(target = "main.add", replacement = "main.addReplacement")
 *     void addIsRedirected(Calls calls) {
 *         assertThat(calls.CallAddDirect(2, 3)).isEqualTo(203);
 *     }
 * }
 * }</pre>
 *
 * @see PatchGoFunction
 * @see FakeGoClock
 * @see GoPatches
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GoJackExtension.class)
@ResourceLock(providers = GoJackResourceLocks.class)
public @interface GoJackTest {
    /** The Go c-shared library: a path relative to the working directory, or a bare name such as {@code "calls"}. */
    String library();

    /**
     * Strict mode, in the spirit of Mockito's {@code STRICT_STUBS} (issue 20): a test fails when a
     * {@link PatchGoFunction} declared for it was never reached, i.e. Go never called the patched function during
     * the test. A wrong target, or a target inlined into its callers, is the usual cause. Stubs
     * ({@code returns}) are checked with their own call counts, redirects with a counting spy applied alongside
     * (a redirect whose target a spy cannot take over is not checked).
     */
    boolean strict() default false;
}
