package dev.gojack.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;

/** An annotation and the class or method it was found on, for applying it and for messages. */
record Declared<A extends Annotation>(A annotation, AnnotatedElement element) {
}
