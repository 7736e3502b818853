package dev.gojack.junit;

import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import dev.gojack.SnapshotOption;
import dev.gojack.VariableSnapshot;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every {@link RestoreGoVariables} that applies to one test, merged into one snapshot taken before the test. */
final class DeclaredRestore {
    private final List<Declared<RestoreGoVariables>> declared;

    private DeclaredRestore(List<Declared<RestoreGoVariables>> declared) {
        this.declared = declared;
    }

    /** The declarations on the test's classes (outermost first) and method; empty when there are none. */
    static Optional<DeclaredRestore> find(ExtensionContext context) {
        List<Declared<RestoreGoVariables>> found = new ArrayList<>();
        for (AnnotatedElement element : Declarations.elements(context)) {
            Declarations.annotationOn(context, element, RestoreGoVariables.class)
                    .ifPresent(a -> found.add(new Declared<>(a, element)));
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new DeclaredRestore(found));
    }

    /**
     * Saves the variables now.
     *
     * @throws ExtensionConfigurationException naming the annotation and GoJack's reason (unknown variable,
     *                                         variable that may hold pointers)
     */
    dev.gojack.Patch take(GoLibrary library) {
        Set<String> names = new LinkedHashSet<>();
        boolean pointers = false;
        for (Declared<RestoreGoVariables> d : declared) {
            if (d.annotation().value().length == 0) {
                throw misconfigured(d, Messages.noVariablesToRestore(), null);
            }
            names.addAll(List.of(d.annotation().value()));
            pointers |= d.annotation().allowPointers();
        }
        VariableSnapshot snapshot;
        try {
            snapshot = pointers ? library.snapshot(List.copyOf(names), SnapshotOption.ALLOW_POINTERS)
                    : library.snapshot(List.copyOf(names), new SnapshotOption[0]);
        } catch (GoJackException e) {
            throw misconfigured(culprit(e), e.getMessage(), e);
        }
        return snapshot;
    }

    /** The declaration naming the variable the message is about, else the innermost one. */
    private Declared<RestoreGoVariables> culprit(GoJackException e) {
        for (int i = declared.size() - 1; i >= 0; i--) {
            for (String name : declared.get(i).annotation().value()) {
                if (e.getMessage().contains("'" + name + "'") || e.getMessage().contains(" " + name + " ")) {
                    return declared.get(i);
                }
            }
        }
        return declared.get(declared.size() - 1);
    }

    private static ExtensionConfigurationException misconfigured(Declared<RestoreGoVariables> d, String why,
                                                                 Throwable cause) {
        return new ExtensionConfigurationException(Messages.restoreVariablesFailed(d.annotation(), d.element(), why),
                cause);
    }
}
