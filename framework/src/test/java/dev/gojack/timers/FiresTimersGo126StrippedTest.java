package dev.gojack.timers;

/** {@link FiresTimersContract} on libtimers.so built stripped with Go 1.26. */
class FiresTimersGo126StrippedTest extends FiresTimersContract {
    @Override
    String variant() {
        return "stripped";
    }
}
