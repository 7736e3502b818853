package dev.gojack.junit;

import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import dev.gojack.GoValue;
import dev.gojack.Patch;
import dev.gojack.PatchOption;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.lang.reflect.AnnotatedElement;

/** One {@link PatchGoFunction}, checked when created and applied to the library later. */
final class DeclaredPatch {
    private final PatchGoFunction annotation;
    private final AnnotatedElement element;
    private final GoValue[] results;

    private DeclaredPatch(PatchGoFunction annotation, AnnotatedElement element, GoValue[] results) {
        this.annotation = annotation;
        this.element = element;
        this.results = results;
    }

    /**
     * Checks what can be checked without the library: a target, exactly one of replacement and returns, values
     * that parse.
     *
     * @throws ExtensionConfigurationException naming the annotation, where it is, and what is wrong
     */
    static DeclaredPatch check(Declared<PatchGoFunction> declared) {
        PatchGoFunction a = declared.annotation();
        if (a.target().isBlank()) {
            throw misconfigured(declared, Messages.emptyTarget(), null);
        }
        boolean redirect = !a.replacement().isEmpty();
        boolean stub = a.returns().length > 0;
        if (redirect == stub) {
            throw misconfigured(declared, Messages.replacementXorReturns(a), null);
        }
        GoValue[] results = null;
        if (stub) {
            try {
                results = GoValueSyntax.parseAll(a.returns());
            } catch (IllegalArgumentException e) {
                throw misconfigured(declared, e.getMessage(), e);
            }
        }
        return new DeclaredPatch(a, declared.element(), results);
    }

    PatchGoFunction annotation() {
        return annotation;
    }

    /** The class or method the annotation is on. */
    AnnotatedElement element() {
        return element;
    }

    /**
     * Applies the patch.
     *
     * @throws ExtensionConfigurationException if GoJack refuses it (unknown symbol, inlined target, signature
     *                                         mismatch, …), with GoJack's reason
     */
    Patch apply(GoLibrary library) {
        try {
            PatchOption[] options = annotation.allowInlined()
                    ? new PatchOption[]{PatchOption.ALLOW_INLINED} : new PatchOption[0];
            // The patch is located at its annotation in messages, not at the extension's frame (and no stack is kept).
            return dev.gojack.internal.patch.Location.declaredAt(() -> Messages.describe(annotation) + " on "
                    + Messages.element(element), () -> results == null
                    ? library.redirect(annotation.target(), annotation.replacement(), options)
                    : library.stubReturn(annotation.target(), java.util.List.of(results), options));
        } catch (GoJackException | IllegalArgumentException e) {
            throw misconfigured(new Declared<>(annotation, element), e.getMessage(), e);
        }
    }

    private static ExtensionConfigurationException misconfigured(Declared<PatchGoFunction> declared, String why,
                                                                 Throwable cause) {
        return new ExtensionConfigurationException(
                Messages.patchFailed(declared.annotation(), declared.element(), why), cause);
    }
}
