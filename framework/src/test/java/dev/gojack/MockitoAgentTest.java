package dev.gojack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

/**
 * Mockito's inline mock maker runs on the agent the test JVM was started with ({@code -javaagent}, Mockito's set-up
 * for JDK 21+, see gojack.agents in the poms), not on one it attaches to itself, which JDK 21+ warns about and a
 * later JDK will refuse.
 */
class MockitoAgentTest {
    /** Final, so only the inline mock maker, which redefines classes through the agent, can mock it. */
    static final class Gateway {
        long charge(long cents) {
            return cents;
        }
    }

    @Test
    void mockitoUsesTheAgentFromTheCommandLine() {
        assertThat(org.mockito.internal.PremainAttach.getInstrumentation())
                .as("Instrumentation handed to Mockito's premain (-javaagent:mockito-core.jar)").isNotNull();

        Gateway gateway = mock(Gateway.class);
        when(gateway.charge(100)).thenReturn(7L);
        assertThat(gateway.charge(100)).isEqualTo(7);
        verify(gateway).charge(100);
    }
}
