package dev.gojack.junit;

import dev.gojack.FakeClock;
import dev.gojack.GoLibrary;

/**
 * What GoJack changed for one extension context — a test, or a test class — kept in that context's store. The
 * extension restores it in its after-callback; as an {@link AutoCloseable} in the store it is also restored when
 * JUnit closes the context, should the callback not have run.
 */
final class Scope implements AutoCloseable {
    private final GoLibrary library;
    private final RestoreStack restores;
    private FakeClock declaredClock;
    private GoPatches patches;

    Scope(GoLibrary library, java.util.function.Supplier<String> owner) {
        this.library = library;
        this.restores = new RestoreStack(owner);
    }

    GoLibrary library() {
        return library;
    }

    RestoreStack restores() {
        return restores;
    }

    /** The clock {@link FakeGoClock} started for this scope, or null. */
    synchronized FakeClock declaredClock() {
        return declaredClock;
    }

    synchronized void declaredClock(FakeClock clock) {
        this.declaredClock = clock;
        restores.push(clock);
    }

    /** The scope's one {@link GoPatches}, so a {@code @BeforeEach} method and its test share it. */
    synchronized GoPatches patches() {
        if (patches == null) {
            patches = new GoPatches(library, restores);
        }
        return patches;
    }

    /** The spies of {@link SpyGoFunction} parameters, by target, so a {@code @BeforeEach} and its test share one. */
    private final java.util.Map<String, dev.gojack.GoSpy> spies = new java.util.HashMap<>();
    /** The declared stubs strict mode checks when the test is over, with their declarations. */
    private final java.util.List<StrictMode.Reached> declaredStubs = new java.util.ArrayList<>();

    /** The spy {@code a} declares, applied the first time a parameter asks for it. */
    synchronized dev.gojack.GoSpy spy(SpyGoFunction a, java.lang.reflect.AnnotatedElement on) {
        dev.gojack.GoSpy spy = spies.get(a.value());
        if (spy == null) {
            try {
                spy = library.spy(a.value(), a.capacity(), a.stringBytes(), a.allowInlined()
                        ? new dev.gojack.PatchOption[] {dev.gojack.PatchOption.ALLOW_INLINED}
                        : new dev.gojack.PatchOption[0]);
            } catch (dev.gojack.GoJackException e) {
                throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(
                        Messages.spyFailed(a, on, e.getMessage()), e);
            }
            spies.put(a.value(), spy);
            restores.push(spy);
        }
        return spy;
    }

    synchronized void declaredStub(StrictMode.Reached reached) {
        declaredStubs.add(reached);
    }

    synchronized java.util.List<StrictMode.Reached> declaredStubs() {
        return java.util.List.copyOf(declaredStubs);
    }

    /** Restores everything, newest first, as one {@link GoLibrary#batch}; a second call does nothing. */
    @Override
    public void close() {
        dev.gojack.internal.patch.Location.declaredAt(() -> "GoJack's restore of a test's patches",
                () -> library.batch(l -> restores.restoreAll()));
    }
}
