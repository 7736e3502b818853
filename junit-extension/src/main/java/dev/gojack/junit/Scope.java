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

    Scope(GoLibrary library, String owner) {
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

    /** Restores everything, newest first, as one {@link GoLibrary#batch}; a second call does nothing. */
    @Override
    public void close() {
        library.batch(l -> restores.restoreAll());
    }
}
