package dev.gojack.timers;

import org.junit.jupiter.api.Tag;

/**
 * {@link FiresTimersContract} on libtimers.so built noinline by the Go release under test: the machine's Go, then every
 * release of the matrix (go-fixtures/build/go1.NN, the core executions).
 */
@Tag("core")
class FiresTimersNoinlineTest extends FiresTimersContract {
    @Override
    String variant() {
        return "noinline";
    }
}
