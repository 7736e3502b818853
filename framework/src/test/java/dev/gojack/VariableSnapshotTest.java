package dev.gojack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GoLibrary.snapshot: package state (the vars fixture's circuit breaker) is put back when the handle closes. Each
 * test opens the breaker and leaves it to the snapshot to close it again, so a test that ran after a broken restore
 * would find it open and fail.
 */
@Tag("core")
class VariableSnapshotTest {
    static GoLibrary library;
    static VarsLibrary vars;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library(Fixtures.DEFAULT, "vars"));
        vars = Fixtures.bind(VarsLibrary.class, library);
    }

    private static void openTheBreaker() {
        for (int i = 0; i < 3; i++) {
            assertThat(vars.BreakerCharge(1)).isEqualTo(1);
        }
        assertThat(vars.BreakerCharge(0)).as("open: refused").isEqualTo(2);
    }

    @Test
    void closingTheSnapshotPutsBackThePackageStateGoChanged() {
        assertThat(vars.BreakerIsOpen()).isZero();
        try (VariableSnapshot s = library.snapshot("main.breakerOpen", "main.breakerFailures")) {
            openTheBreaker();
            assertThat(vars.BreakerFailures()).isEqualTo(3);
            assertThat(s.variables()).containsExactly("main.breakerOpen", "main.breakerFailures");
            assertThat(s.savedBytes("main.breakerOpen")).containsExactly(0);
        }
        assertThat(vars.BreakerIsOpen()).isZero();
        assertThat(vars.BreakerFailures()).isZero();
        assertThat(vars.BreakerCharge(0)).isZero();
    }

    @Test
    void withoutASnapshotTheStateLeaksIntoLaterCalls() {
        try (VariableSnapshot s = library.snapshot("main.breakerOpen", "main.breakerFailures")) {
            openTheBreaker();
            assertThat(vars.BreakerCharge(0)).as("still open for the next caller").isEqualTo(2);
        }
        assertThat(vars.BreakerCharge(0)).isZero();
    }

    @Test
    void aStringVariableMayHoldPointersAndIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> library.snapshot("main.breakerOpen", "main.breakerState"))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.breakerState").hasMessageContaining(".data")
                .hasMessageContaining("ALLOW_POINTERS").hasMessageContaining(library.path().toString());
        // The other tests restore only the flag and the counter, so the string may say "open" already: what
        // counts is that it is put back to what it was.
        try (Patch closed = library.variable("main.breakerState").set(GoValue.string("closed"))) {
            try (VariableSnapshot s = library.snapshot(List.of("main.breakerOpen", "main.breakerFailures",
                    "main.breakerState"), SnapshotOption.ALLOW_POINTERS)) {
                openTheBreaker();
                assertThat(GoStrings.read(vars::BreakerState)).isEqualTo("open");
            }
            assertThat(GoStrings.read(vars::BreakerState)).isEqualTo("closed");
        }
        assertThat(vars.BreakerIsOpen()).isZero();
    }

    @Test
    void anUnknownVariableIsRefusedWithNearestNamesBeforeAnythingIsSaved() {
        assertThatThrownBy(() -> library.snapshot("main.breakerOpne"))
                .isInstanceOf(SymbolNotFoundException.class).hasMessageContaining("main.breakerOpen");
    }

    @Test
    void aSnapshotClosesOnceAndNotUnderAnOpenPatchOfItsVariable() {
        VariableSnapshot s = library.snapshot("main.breakerFailures");
        Patch p = library.variable("main.breakerFailures").set(GoValue.int64(2));
        assertThatThrownBy(s::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("main.breakerFailures");
        assertThat(s.isClosed()).isFalse();
        p.close();
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThatThrownBy(s::close).isInstanceOf(PatchStateException.class);
        assertThat(vars.BreakerFailures()).isZero();
    }
}
