package dev.gojack.junit;

import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import dev.gojack.Patch;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.lang.reflect.AnnotatedElement;

/** One {@link MorphGoInterface}, checked when created and applied to the library later. */
final class DeclaredMorph {
    private final Declared<MorphGoInterface> declared;

    private DeclaredMorph(Declared<MorphGoInterface> declared) {
        this.declared = declared;
    }

    /**
     * Checks that both names are given.
     *
     * @throws ExtensionConfigurationException naming the annotation, where it is, and what is missing
     */
    static DeclaredMorph check(Declared<MorphGoInterface> declared) {
        MorphGoInterface a = declared.annotation();
        if (a.variable().isBlank() || a.type().isBlank()) {
            throw misconfigured(declared, Messages.morphNamesMissing(), null);
        }
        return new DeclaredMorph(declared);
    }

    /** The class or method the annotation is on. */
    AnnotatedElement element() {
        return declared.element();
    }

    /**
     * Swaps the dynamic type.
     *
     * @throws ExtensionConfigurationException if GoJack refuses it, with GoJack's reason
     */
    Patch apply(GoLibrary library) {
        try {
            return library.morph(declared.annotation().variable(), declared.annotation().type());
        } catch (GoJackException e) {
            throw misconfigured(declared, e.getMessage(), e);
        }
    }

    private static ExtensionConfigurationException misconfigured(Declared<MorphGoInterface> declared, String why,
                                                                 Throwable cause) {
        return new ExtensionConfigurationException(
                Messages.morphFailed(declared.annotation(), declared.element(), why), cause);
    }
}
