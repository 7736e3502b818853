package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds GoJack's annotations for one test in the order they apply: outermost class first, then the
 * {@code @Nested} classes inwards, then the test method. On each class, annotations inherited from superclasses
 * come before the class's own.
 */
final class Declarations {
    private Declarations() {
    }

    /**
     * Every repeatable annotation of type {@code type} ({@link PatchGoFunction}, {@link MorphGoInterface}) that
     * applies to the test of {@code context}, in the order to apply them.
     */
    static <A extends Annotation> List<Declared<A>> repeatable(ExtensionContext context, Class<A> type) {
        List<Declared<A>> all = new ArrayList<>();
        for (AnnotatedElement element : elements(context)) {
            for (Annotation a : repeatableOn(context, element, type)) {
                all.add(new Declared<>(type.cast(a), element));
            }
        }
        return all;
    }

    /** Annotations never change at run time: each (element, type) search runs once ({@link FoundAnnotations}). */
    private static List<? extends Annotation> repeatableOn(ExtensionContext context, AnnotatedElement element,
                                                           Class<? extends Annotation> type) {
        return FoundAnnotations.get(element, type, true,
                () -> List.copyOf(AnnotationSupport.findRepeatableAnnotations(element, type)));
    }

    /**
     * {@link AnnotationSupport#findAnnotation} of {@code type} on {@code element}, searched once as
     * {@link #repeatableOn} is: every test asks for its clock, its {@code @GoJackTest} and its variables to restore.
     */
    static <A extends Annotation> Optional<A> annotationOn(ExtensionContext context, AnnotatedElement element,
                                                           Class<A> type) {
        return FoundAnnotations.get(element, type, false, () -> AnnotationSupport.findAnnotation(element, type));
    }

    /** The {@link FakeGoClock} nearest to the test: on the method, else on the innermost class declaring one. */
    static Optional<Declared<FakeGoClock>> clock(ExtensionContext context) {
        List<AnnotatedElement> elements = elements(context);
        for (int i = elements.size() - 1; i >= 0; i--) {
            Optional<FakeGoClock> a = annotationOn(context, elements.get(i), FakeGoClock.class);
            if (a.isPresent()) {
                return Optional.of(new Declared<>(a.get(), elements.get(i)));
            }
        }
        return Optional.empty();
    }

    /** The {@link GoJackTest} of the test class or the nearest enclosing class, with the class it was found on. */
    static Optional<Declared<GoJackTest>> goJackTest(ExtensionContext context) {
        List<Class<?>> classes = classes(context);
        for (int i = classes.size() - 1; i >= 0; i--) {
            Optional<GoJackTest> a = annotationOn(context, classes.get(i), GoJackTest.class);
            if (a.isPresent()) {
                return Optional.of(new Declared<>(a.get(), classes.get(i)));
            }
        }
        return Optional.empty();
    }

    /** The classes, outermost first, then the test method if {@code context} is a test's. */
    static List<AnnotatedElement> elements(ExtensionContext context) {
        List<AnnotatedElement> elements = new ArrayList<>(classes(context));
        context.getTestMethod().ifPresent(elements::add);
        return elements;
    }

    /**
     * The test classes from the outermost enclosing one to the one of {@code context}, as JUnit runs them (so a
     * {@code @Nested} class inherited from a superclass gets its runtime enclosing class).
     */
    static List<Class<?>> classes(ExtensionContext context) {
        List<Class<?>> classes = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext current = c.get();
            Optional<Class<?>> type = current.getTestClass();
            if (type.isPresent() && current.getTestMethod().isEmpty()) {
                classes.add(0, type.get());
            }
        }
        if (classes.isEmpty()) {
            context.getTestClass().ifPresent(classes::add);
        }
        return classes;
    }

    /** The element a context stands for, for messages: its test method, else its test class. */
    static AnnotatedElement element(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent()) {
            return method.get();
        }
        return context.getTestClass().<AnnotatedElement>map(c -> c).orElse(null);
    }
}
