package dev.gojack.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Annotation searches, each made once and kept with the class it was made on: annotations never change at run
 * time, and every test asks for its class's and method's again. A {@link ClassValue} ties what was found to the
 * class, so it goes when the class is unloaded, and a lookup costs a map access, where JUnit's root store (which
 * kept them before) cost a microsecond or so per lookup, about a dozen times per test.
 */
final class FoundAnnotations {
    private static final ClassValue<Map<Key, Object>> FOUND = new ClassValue<>() {
        @Override
        protected Map<Key, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private FoundAnnotations() {
    }

    /** One search: for annotations of {@code type} on {@code element}, repeatable or single. */
    private record Key(AnnotatedElement element, Class<? extends Annotation> type, boolean repeatable) {
    }

    /** What {@code search} finds for {@code type} on {@code element}; searched the first time only. */
    @SuppressWarnings("unchecked")
    static <V> V get(AnnotatedElement element, Class<? extends Annotation> type, boolean repeatable,
                     Supplier<V> search) {
        Class<?> owner = element instanceof Class<?> c ? c : ((Member) element).getDeclaringClass();
        return (V) FOUND.get(owner).computeIfAbsent(new Key(element, type, repeatable), k -> search.get());
    }
}
