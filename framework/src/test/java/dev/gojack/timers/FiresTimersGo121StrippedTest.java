package dev.gojack.timers;

/** {@link FiresTimersContract} on libtimers.so built stripped with Go 1.21. */
class FiresTimersGo121StrippedTest extends FiresTimersContract {
    @Override
    String variant() {
        return "go1.21/stripped";
    }
}
