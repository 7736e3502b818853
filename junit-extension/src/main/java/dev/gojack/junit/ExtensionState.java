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
    /** Guards get-or-create on the stores, which several test threads may reach at once. */
    private static final Object LOCK = new Object();

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
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ScopeKey key = new ScopeKey(context.getUniqueId());
        synchronized (LOCK) {
            Scope scope = store.get(key, Scope.class);
            if (scope == null) {
                scope = new Scope(library(context), Messages.element(Declarations.element(context)));
                store.put(key, scope);
            }
            return scope;
        }
    }

    /** The scope of {@code context} if it has one, else null. */
    static Scope existingScope(ExtensionContext context) {
        synchronized (LOCK) {
            return context.getStore(NAMESPACE).get(new ScopeKey(context.getUniqueId()), Scope.class);
        }
    }

    /** Takes the scope of {@code context} out of its store, so JUnit will not close it again; null if none. */
    static Scope removeScope(ExtensionContext context) {
        synchronized (LOCK) {
            return context.getStore(NAMESPACE).remove(new ScopeKey(context.getUniqueId()), Scope.class);
        }
    }

    private static ClassLoader classLoader(ExtensionContext context) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            return loader;
        }
        return context.getTestClass().map(Class::getClassLoader).orElse(GoJackExtension.class.getClassLoader());
    }

    /** Get-or-create in the root store, which lives as long as the test run. */
    private static <V> V rootValue(ExtensionContext context, Object key, Supplier<V> create) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        synchronized (LOCK) {
            @SuppressWarnings("unchecked")
            V value = (V) root.get(key);
            if (value == null) {
                value = create.get();
                root.put(key, value);
            }
            return value;
        }
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
