package dev.gojack.junit;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resource lock every {@link GoJackTest} class holds while it runs, so that JUnit's parallel mode never runs
 * two tests of one Go library at the same time: a patch changes the library's code for the whole process, and a
 * concurrent test would see it. The lock is {@code gojack:<base name>} in {@link ResourceAccessMode#READ_WRITE}
 * mode, the base name being the library's file name without directory, {@code lib} prefix and {@code .so}
 * suffix, so every spelling of one library ({@code "calls"}, {@code "libcalls.so"},
 * {@code "build/noinline/libcalls.so"}) takes the same lock. Tests of other libraries, and tests that are not
 * GoJack tests, are not held back.
 *
 * <p>{@link GoJackTest} registers this provider through {@code @ResourceLock(providers = ...)}; there is no need
 * to use it directly. To serialise a class that is not a {@code @GoJackTest} but calls into the library, give it
 * {@code @ResourceLock("gojack:<base name>")}.
 */
public final class GoJackResourceLocks implements ResourceLocksProvider {
    /** Prefix of every lock key GoJack uses. */
    public static final String KEY_PREFIX = "gojack:";

    /** Creates the provider; JUnit does this. */
    public GoJackResourceLocks() {
    }

    /** The lock of the class's {@link GoJackTest} library. */
    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return locksOf(testClass);
    }

    /** The lock of the nested class's {@link GoJackTest} library, when it names one itself. */
    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
        return locksOf(testClass);
    }

    /** The lock key for a library as {@link GoJackTest#library()} names it: {@code gojack:calls} for "libcalls.so". */
    public static String lockKey(String library) {
        return KEY_PREFIX + LibraryLocator.baseName(library);
    }

    private static Set<Lock> locksOf(Class<?> testClass) {
        Optional<GoJackTest> test = AnnotationSupport.findAnnotation(testClass, GoJackTest.class);
        return test.map(t -> Set.of(new Lock(lockKey(t.library()), ResourceAccessMode.READ_WRITE)))
                .orElse(Set.of());
    }
}
