package dev.gojack.junit;

import dev.gojack.GoLibrary;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the extension keeps in JUnit's stores: the loaded library and jnr-ffi bindings in the root store (one per
 * test run; the library itself is one per JVM anyway), and a {@link Scope} per test or test class in that
 * context's own store, keyed by its unique id so that a test never finds its class's scope by accident.
 */
final class ExtensionState {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GoJackExtension.class);

    private ExtensionState() {
    }

    /**
     * The library of the {@link GoJackTest} that applies to {@code context}, loaded on first use.
     *
     * @throws ExtensionConfigurationException if there is no {@code @GoJackTest}, or its library cannot be
     *                                         found or loaded
     */
    static GoLibrary library(ExtensionContext context) {
        Declared<GoJackTest> test = Declarations.goJackTest(context).orElseThrow(() ->
                new ExtensionConfigurationException(Messages.noGoJackTest(Declarations.element(context))));
        LoadedLibrary loaded = rootValue(context, new LibraryKey(test.annotation().library()),
                () -> new LoadedLibrary(LibraryLocator.load(test, classLoader(context))));
        return loaded.library();
    }

    /** The jnr-ffi binding of {@code type} to the library, created once per type. */
    static Object binding(ExtensionContext context, Class<?> type) {
        Path path = library(context).path();
        return rootValue(context, new BindingKey(type, path), () -> NativeBindings.bind(type, path));
    }

    /** The scope of {@code context}, created on first use. */
    static Scope scope(ExtensionContext context) {
        // The store creates the value once even when several test threads ask at the same moment.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(new ScopeKey(context.getUniqueId()),
                key -> new Scope(library(context), () -> Messages.element(Declarations.element(context))), Scope.class);
    }

    /** The scope of {@code context} if it has one, else null. */
    static Scope existingScope(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(new ScopeKey(context.getUniqueId()), Scope.class);
    }

    /** Takes the scope of {@code context} out of its store, so JUnit will not close it again; null if none. */
    static Scope removeScope(ExtensionContext context) {
        return context.getStore(NAMESPACE).remove(new ScopeKey(context.getUniqueId()), Scope.class);
    }

    private static ClassLoader classLoader(ExtensionContext context) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            return loader;
        }
        return context.getTestClass().map(Class::getClassLoader).orElse(GoJackExtension.class.getClassLoader());
    }

    /** Get-or-create in the root store, which lives as long as the test run. */
    static <V> V rootValue(ExtensionContext context, Object key, Supplier<V> create) {
        @SuppressWarnings("unchecked")
        V value = (V) context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> create.get());
        return value;
    }

    /**
     * Holds the library in the root store. Not the {@link GoLibrary} itself: that is {@link AutoCloseable}, and
     * JUnit would restore every patch of the library when the run ends, including patches made outside it.
     */
    private record LoadedLibrary(GoLibrary library) {
    }

    private record LibraryKey(String library) {
    }

    private record BindingKey(Class<?> type, Path library) {
    }

    private record ScopeKey(String uniqueId) {
    }
}
