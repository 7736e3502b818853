package dev.gojack.timers;

import org.junit.jupiter.api.Test;

/** {@link FiresTimersContract} on libtimers.so built default with Go 1.21. */
class FiresTimersGo121DefaultTest extends FiresTimersContract {
    @Override
    String variant() {
        return "go1.21/default";
    }

    @Test
    void thousandAdvancesWithTimerGoroutinesAndAGcLoopNeitherCrashNorHang() throws Exception {
        FiresTimersStress.run(this, Integer.getInteger("gojack.timers.stressAdvances", 1000));
    }
}
