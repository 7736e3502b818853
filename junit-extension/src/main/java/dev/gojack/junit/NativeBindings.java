package dev.gojack.junit;

import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds a test's interface to the functions the Go library exports to C, with jnr-ffi: each abstract method is
 * one export of the same name. An interface counts as such a binding when at least one of its methods names an
 * export; binding it then requires all of them to.
 */
final class NativeBindings {
    private static final List<String> NOT_BINDINGS = List.of("java.", "javax.", "jdk.", "sun.", "kotlin.",
            "scala.", "groovy.", "org.junit.", "org.opentest4j.", "org.assertj.", "jnr.", "com.kenai.");

    private NativeBindings() {
    }

    /** True when {@code type} is an interface one of whose methods is named like an export of {@code library}. */
    static boolean isBinding(Class<?> type, Path library) {
        if (!type.isInterface() || type.isAnnotation() || isExcluded(type)) {
            return false;
        }
        for (String name : functionNames(type)) {
            if (isExported(library, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A jnr-ffi implementation of {@code type} calling the library's exports.
     *
     * @throws ParameterResolutionException if the interface is not public or names functions the library does
     *                                      not export
     */
    static Object bind(Class<?> type, Path library) {
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new ParameterResolutionException(Messages.bindingNotPublic(type));
        }
        List<String> missing = new ArrayList<>();
        for (String name : functionNames(type)) {
            if (!isExported(library, name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new ParameterResolutionException(Messages.missingExports(type, library, missing));
        }
        try {
            return LibraryLoader.create(type).failImmediately().load(library.toString());
        } catch (LinkageError | RuntimeException e) {
            throw new ParameterResolutionException(Messages.bindingFailed(type, library, e.toString()), e);
        }
    }

    private static boolean isExcluded(Class<?> type) {
        String name = type.getName();
        return NOT_BINDINGS.stream().anyMatch(name::startsWith);
    }

    private static Set<String> functionNames(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /** Whether the (already loaded) library exports {@code symbol} to C. */
    private static boolean isExported(Path library, String symbol) {
        return dev.gojack.GoLibrary.load(library).binary().exports().contains(symbol);
    }
}
