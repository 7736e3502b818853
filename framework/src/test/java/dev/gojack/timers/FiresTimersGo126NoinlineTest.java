package dev.gojack.timers;

/** {@link FiresTimersContract} on libtimers.so built noinline with Go 1.26. */
class FiresTimersGo126NoinlineTest extends FiresTimersContract {
    @Override
    String variant() {
        return "noinline";
    }
}
