package dev.gojack.junit;

import dev.gojack.FakeClock;
import dev.gojack.FakeClockOption;
import dev.gojack.GoLibrary;
import dev.gojack.GoValue;
import dev.gojack.Patch;
import dev.gojack.PatchOption;
import dev.gojack.StubPatch;

import java.time.Instant;
import java.util.List;

/**
 * Patches a test makes in code, on the {@link GoJackTest} library, restored by GoJack when the test is over —
 * the programmatic twin of {@link PatchGoFunction} and {@link FakeGoClock}. Declare a parameter of this type:
 *
 * <pre>{@code
 * @Test
 * void usesTheReplacementOnlyAfterTheSwitch(GoPatches patches, Calls calls) {
 *     assertThat(calls.CallAddDirect(2, 3)).isEqualTo(5);
 *     patches.redirect("main.add", "main.addReplacement");
 *     assertThat(calls.CallAddDirect(2, 3)).isEqualTo(203);
 * }
 * }</pre>
 *
 * <p>Injected into a test method, a {@code @BeforeEach} or an {@code @AfterEach} method (one instance per test),
 * its patches are restored after the {@code @AfterEach} methods; injected into a {@code @BeforeAll} method (or a
 * constructor JUnit calls for the class), after the {@code @AfterAll} methods. Restoring goes newest first and
 * skips handles the test already closed itself; a patch that cannot be restored fails the test. Each method
 * throws the GoJack exception of {@link GoLibrary}'s method of the same name when the patch is refused.
 */
public final class GoPatches {
    private final GoLibrary library;
    private final RestoreStack restores;

    GoPatches(GoLibrary library, RestoreStack restores) {
        this.library = library;
        this.restores = restores;
    }

    /** The library the patches apply to. */
    public GoLibrary library() {
        return library;
    }

    /**
     * Redirects every call of {@code target} to {@code replacement}, a Go function of the same signature.
     *
     * @see GoLibrary#redirect(String, String, PatchOption...)
     */
    public Patch redirect(String target, String replacement, PatchOption... options) {
        return track(library.redirect(target, replacement, options));
    }

    /**
     * Redirects every call of {@code target} to the Go func value held in the package variable
     * {@code funcVariable}.
     *
     * @see GoLibrary#redirectToFuncValue(String, String, PatchOption...)
     */
    public Patch redirectToFuncValue(String target, String funcVariable, PatchOption... options) {
        return track(library.redirectToFuncValue(target, funcVariable, options));
    }

    /**
     * Makes {@code target} return {@code results} without running its body.
     *
     * @see GoLibrary#stubReturn(String, GoValue...)
     */
    public StubPatch stubReturn(String target, GoValue... results) {
        return track(library.stubReturn(target, results));
    }

    /**
     * Makes call <i>n</i> of {@code target} return row <i>n</i> of {@code results}, the last row repeating.
     *
     * @see GoLibrary#stubSequence(String, List, PatchOption...)
     */
    public StubPatch stubSequence(String target, List<GoValue[]> results, PatchOption... options) {
        return track(library.stubSequence(target, results, options));
    }

    /**
     * Sets the Go package variable {@code variable} to {@code value}.
     *
     * @see dev.gojack.LiveVariable#set(GoValue)
     */
    public Patch setVariable(String variable, GoValue value) {
        return track(library.variable(variable).set(value));
    }

    /**
     * Makes the func variable {@code variable} hold the func value of {@code otherVariable}.
     *
     * @see dev.gojack.LiveVariable#setFuncValue(String)
     */
    public Patch setFuncVariable(String variable, String otherVariable) {
        return track(library.variable(variable).setFuncValue(otherVariable));
    }

    /**
     * Swaps the dynamic type of the interface value in {@code variable} for {@code type} (Morph).
     *
     * @see GoLibrary#morph(String, String, dev.gojack.MorphOption...)
     */
    public Patch morph(String variable, String type, dev.gojack.MorphOption... options) {
        return track(library.morph(variable, type, options));
    }

    /**
     * Puts {@code time.Now} under the test's control, starting at {@code start}.
     *
     * @see GoLibrary#fakeClock(Instant, FakeClockOption...)
     */
    public FakeClock fakeClock(Instant start, FakeClockOption... options) {
        FakeClock clock = library.fakeClock(start, options);
        restores.push(clock);
        return clock;
    }

    private <P extends Patch> P track(P patch) {
        restores.push(patch);
        return patch;
    }

    @Override
    public String toString() {
        return "GoPatches[" + library.path() + ", " + restores.size() + " applied]";
    }
}
