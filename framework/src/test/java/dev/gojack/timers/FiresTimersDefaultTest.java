package dev.gojack.timers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link FiresTimersContract} on libtimers.so built default by the Go release under test: the machine's Go, then every
 * release of the matrix (go-fixtures/build/go1.NN, the core executions).
 */
@Tag("core")
class FiresTimersDefaultTest extends FiresTimersContract {
    @Override
    String variant() {
        return "default";
    }

    @Test
    void thousandAdvancesWithTimerGoroutinesAndAGcLoopNeitherCrashNorHang() throws Exception {
        FiresTimersStress.run(this, Integer.getInteger("gojack.timers.stressAdvances", 1000));
    }
}
