package dev.gojack.junit;

import dev.gojack.FakeClock;
import dev.gojack.GoLibrary;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit Jupiter extension behind {@link GoJackTest}, {@link PatchGoFunction}, {@link MorphGoInterface} and
 * {@link FakeGoClock}; those annotations register it, so tests do not name it.
 *
 * <ul>
 *   <li>Before all tests of a class it loads the class's library (once per JVM, cached in the root store).</li>
 *   <li>As a {@link BeforeEachCallback} — which JUnit runs before the test's {@code @BeforeEach} methods — it
 *       applies the test's {@link PatchGoFunction}s, {@link MorphGoInterface}s and {@link FakeGoClock}, outermost
 *       declaration first, after saving the package variables named by {@link RestoreGoVariables} (which are
 *       written back last).</li>
 *   <li>As an {@link AfterEachCallback} — run after the {@code @AfterEach} methods, whatever happened before —
 *       it restores them, newest first; a failure to restore fails the test. The patches also sit in the test's
 *       store as an {@link AutoCloseable}, which JUnit closes with the test as a backstop.</li>
 *   <li>It injects {@link GoLibrary}, {@link GoPatches}, the {@link FakeClock} of {@link FakeGoClock}, and
 *       interfaces whose methods are named like the library's exports (bound with jnr-ffi, once per type).</li>
 * </ul>
 */
public final class GoJackExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    /** Creates the extension; JUnit does this. */
    public GoJackExtension() {
    }

    /** Loads the library, so that a missing or broken library fails the class before any test runs. */
    @Override
    public void beforeAll(ExtensionContext context) {
        library(context);
    }

    /** Restores what was patched through a {@link GoPatches} injected for the whole class. */
    @Override
    public void afterAll(ExtensionContext context) {
        restore(context);
    }

    /**
     * Applies the test's declared patches, morphs and fake clock: outermost class first, the method last; on
     * each, its {@link PatchGoFunction}s, then its {@link MorphGoInterface}s, then its {@link FakeGoClock}.
     * Everything is checked before anything is applied, and the code of all of them is stored as one
     * {@link GoLibrary#batch}; if applying fails, what was applied is restored.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        List<DeclaredPatch> patches = Declarations.repeatable(context, PatchGoFunction.class).stream()
                .map(DeclaredPatch::check).toList();
        List<DeclaredMorph> morphs = Declarations.repeatable(context, MorphGoInterface.class).stream()
                .map(DeclaredMorph::check).toList();
        Optional<Declared<FakeGoClock>> clockDeclaration = Declarations.clock(context);
        Optional<DeclaredClock> clock = clockDeclaration.map(DeclaredClock::check);
        Optional<DeclaredRestore> restoreVariables = DeclaredRestore.find(context);
        Scope scope = scope(context);
        boolean strict = Declarations.goJackTest(context).map(d -> d.annotation().strict()).orElse(false);
        try {
            if (restoreVariables.isPresent()) { // first saved, so last restored: after every patch is closed
                scope.restores().push(restoreVariables.get().take(scope.library()));
            }
            // One batch: every declared patch's code is stored with one protection change per page and one
            // barrier; a refusal withdraws the batch before the scope restores the rest.
            dev.gojack.internal.patch.Location.declaredAt(() -> "the GoJack declarations of "
                    + context.getRequiredTestMethod(), () -> scope.library().batch(library -> {
                for (AnnotatedElement element : Declarations.elements(context)) {
                    for (DeclaredPatch patch : patches) {
                        if (patch.element().equals(element)) {
                            dev.gojack.Patch applied = patch.apply(scope.library());
                            scope.restores().push(applied);
                            if (strict) {
                                StrictMode.Reached watched = StrictMode.watch(scope, scope.library(), patch,
                                        patch.annotation(), applied);
                                if (watched != null) {
                                    scope.declaredStub(watched);
                                }
                            }
                        }
                    }
                    for (DeclaredMorph morph : morphs) {
                        if (morph.element().equals(element)) {
                            scope.restores().push(morph.apply(scope.library()));
                        }
                    }
                    if (clock.isPresent() && clockDeclaration.get().element().equals(element)) {
                        scope.declaredClock(clock.get().start(scope.library()));
                    }
                }
                // @SpyGoFunction parameters of the test method: applied now, before the @BeforeEach methods.
                context.getTestMethod().ifPresent(m -> {
                    for (java.lang.reflect.Parameter p : m.getParameters()) {
                        SpyGoFunction spy = p.getAnnotation(SpyGoFunction.class);
                        if (spy != null && p.getType() == dev.gojack.GoSpy.class) {
                            scope.spy(spy, m);
                        }
                    }
                });
            }));
        } catch (RuntimeException e) {
            try {
                restore(context);
            } catch (RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
    }

    /** Restores everything patched for the test, newest first; throws (failing the test) if anything is left. */
    @Override
    public void afterEach(ExtensionContext context) {
        Scope scope = ExtensionState.existingScope(context);
        AssertionError neverReached = null;
        if (scope != null) {
            try {
                StrictMode.check(scope.declaredStubs());
            } catch (AssertionError e) {
                neverReached = e;
            }
        }
        restore(context);
        if (neverReached != null) {
            throw neverReached;
        }
    }

    /**
     * Constructor parameters are resolved in the test's context, so a {@link GoPatches} injected into the
     * constructor of a per-method test instance patches for that one test.
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /** {@link GoLibrary}, {@link GoPatches}, {@link FakeClock}, and interfaces binding the library's exports. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == GoLibrary.class || type == GoPatches.class || type == FakeClock.class
                || type == dev.gojack.GoSpy.class) {
            return true;
        }
        if (!type.isInterface() || Declarations.goJackTest(context).isEmpty()) {
            return false;
        }
        return NativeBindings.isBinding(type, library(context).path());
    }

    /** Resolves a parameter {@link #supportsParameter} accepted. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == GoLibrary.class) {
            return library(context);
        }
        if (type == GoPatches.class) {
            return scope(context).patches();
        }
        if (type == FakeClock.class) {
            return declaredClock(parameterContext.getDeclaringExecutable(), context);
        }
        if (type == dev.gojack.GoSpy.class) {
            SpyGoFunction spy = parameterContext.findAnnotation(SpyGoFunction.class).orElseThrow(() ->
                    new ParameterResolutionException(Messages.spyWithoutAnnotation(
                            parameterContext.getDeclaringExecutable(), parameterContext.getIndex())));
            return scope(context).spy(spy, parameterContext.getDeclaringExecutable());
        }
        return ExtensionState.binding(context, type);
    }

    private static GoLibrary library(ExtensionContext context) {
        return ExtensionState.library(context);
    }

    private static Scope scope(ExtensionContext context) {
        return ExtensionState.scope(context);
    }

    private static void restore(ExtensionContext context) {
        Scope scope = ExtensionState.removeScope(context);
        if (scope != null) {
            scope.close();
        }
    }

    private static FakeClock declaredClock(Executable executable, ExtensionContext context) {
        Scope scope = ExtensionState.existingScope(context);
        FakeClock clock = scope == null ? null : scope.declaredClock();
        if (clock != null) {
            return clock;
        }
        if (context.getTestMethod().isEmpty() || Declarations.clock(context).isPresent()) {
            throw new ParameterResolutionException(Messages.clockOutsideTest(executable));
        }
        throw new ParameterResolutionException(Messages.noDeclaredClock(executable));
    }
}
