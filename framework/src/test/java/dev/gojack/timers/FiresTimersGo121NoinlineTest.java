package dev.gojack.timers;

/** {@link FiresTimersContract} on libtimers.so built noinline with Go 1.21. */
class FiresTimersGo121NoinlineTest extends FiresTimersContract {
    @Override
    String variant() {
        return "go1.21/noinline";
    }
}
