package dev.gojack.junit;

import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import dev.gojack.GoSpy;
import dev.gojack.Patch;
import dev.gojack.StubPatch;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code @GoJackTest(strict = true)} (issue 20): every {@link PatchGoFunction} declared for a test must have been
 * reached by the time the test is over. A stub is asked its own call count; a redirect gets a counting spy of
 * one slot applied with it.
 */
final class StrictMode {
    private StrictMode() {
    }

    /** A declared patch and how to ask how often it was reached. */
    record Reached(PatchGoFunction annotation, AnnotatedElement element, LongSupplier calls) {
    }

    /**
     * What strict mode watches of {@code applied}, the patch {@code declared} made: its call count, or (for a
     * redirect) a spy's; null if a spy cannot take the redirect's target over. The spy, if any, is pushed onto
     * {@code scope}'s restores.
     */
    static Reached watch(Scope scope, GoLibrary library, DeclaredPatch declared, PatchGoFunction annotation,
                         Patch applied) {
        if (applied instanceof StubPatch stub) {
            return new Reached(annotation, declared.element(), stub::callCount);
        }
        try {
            GoSpy counting = library.spy(annotation.target(), 1, 0, dev.gojack.PatchOption.ALLOW_INLINED);
            scope.restores().push(counting);
            return new Reached(annotation, declared.element(), counting::callCount);
        } catch (GoJackException e) {
            return null;
        }
    }

    /** Fails when a watched patch was never reached. */
    static void check(List<Reached> watched) {
        List<String> never = new ArrayList<>();
        for (Reached r : watched) {
            if (r.calls().getAsLong() == 0) {
                never.add(Messages.describe(r.annotation()) + " on " + Messages.element(r.element()));
            }
        }
        if (!never.isEmpty()) {
            throw new AssertionFailedError(Messages.neverReached(never));
        }
    }
}
