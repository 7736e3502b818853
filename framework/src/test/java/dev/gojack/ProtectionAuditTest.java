package dev.gojack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The audit fails a class that leaves a patch open, and closes the patch so nothing stays patched. */
@Tag("core")
class ProtectionAuditTest {

    static class LeavesAPatchOpen {
        @Test
        void patchesWithoutClosing() {
            GoLibrary.load(Fixtures.library("calls")).redirect("main.add", "main.addReplacement");
        }
    }

    @Test
    void aClassThatLeavesAPatchOpenFailsAndThePatchIsRestored() {
        var results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(LeavesAPatchOpen.class)).execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        results.containerEvents().assertThatEvents().anySatisfy(e -> assertThat(e.toString())
                .contains("Protection audit").contains("main.add"));
        GoLibrary library = GoLibrary.load(Fixtures.library("calls"));
        assertThat(library.openPatches()).isEmpty();
        assertThat(library.function("main.add").address()).isPositive();
    }
}
