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
                    null)).isInstanceOf(PatchRefusedException.class).hasMessageContaining("/lib/libx.so")
                    .hasMessageContaining(version).hasMessageContaining("Go 1.21 through Go 1.26");
        }
    }
}
