package dev.gojack.internal.runtime;

import dev.gojack.PatchRefusedException;
import dev.gojack.internal.golang.GoVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime module layouts GoJack writes are verified per Go version: others are refused before any read. */
class StubModuleTest {
    @Test
    void goVersionsWhoseLayoutWasNotVerifiedAreRefused() {
        for (String version : new String[] {"go1.19.13", "go1.20.14", "go1.27rc1", "go1.28.0"}) {
            assertThatThrownBy(() -> StubModule.attach(Path.of("/lib/libx.so"), GoVersion.parse(version), 1, 2, 3, 0,
                    0, null)).isInstanceOf(PatchRefusedException.class).hasMessageContaining("/lib/libx.so")
                    .hasMessageContaining(version).hasMessageContaining("Go 1.21 through Go 1.26");
        }
    }

    @Test
    void aModuledataWhoseSizeIsNotTheReleasesLayoutIsRefusedBeforeAnyRead() {
        // Go 1.23 to 1.25 have a 584-byte moduledata (next at 576), 1.21, 1.22 and 1.26 a 592-byte one (next at 584):
        // a size from .symtab that is not the release's own means the layout moved. Addresses 1, 2, 3 are never read.
        for (String[] c : new String[][] {{"go1.23.12", "592", "584"}, {"go1.22.12", "584", "592"},
                {"go1.26.11", "584", "592"}}) {
            assertThatThrownBy(() -> StubModule.attach(Path.of("/lib/libx.so"), GoVersion.parse(c[0]), 1, 2, 3, 0,
                    Long.parseLong(c[1]), null)).isInstanceOf(PatchRefusedException.class)
                    .hasMessageContaining("/lib/libx.so").hasMessageContaining(c[0])
                    .hasMessageContaining("runtime.firstmoduledata is " + c[1] + " bytes")
                    .hasMessageContaining("has " + c[2]);
        }
    }
}
