package dev.gojack.junit;

import dev.gojack.FakeClock;
import dev.gojack.Patch;

/** Something GoJack changed for a test and puts back afterwards: a {@link Patch} or a {@link FakeClock}. */
interface Restorable {
    /** For messages. */
    String describe();

    /** True once put back (by GoJack, or by the test itself). */
    boolean isRestored();

    /** Puts it back; throws if that is not possible. */
    void restore();

    static Restorable of(Patch patch) {
        return new Restorable() {
            @Override
            public String describe() {
                return patch.describe();
            }

            @Override
            public boolean isRestored() {
                return patch.isClosed();
            }

            @Override
            public void restore() {
                patch.close();
            }
        };
    }

    static Restorable of(FakeClock clock) {
        return new Restorable() {
            @Override
            public String describe() {
                return "fake clock (time.Now" + (clock.sleepAdvances() ? ", time.Sleep" : "") + ")";
            }

            @Override
            public boolean isRestored() {
                return clock.isClosed();
            }

            @Override
            public void restore() {
                clock.close();
            }
        };
    }

    static Restorable of(dev.gojack.VariableSnapshot snapshot) {
        return new Restorable() {
            @Override
            public String describe() {
                return snapshot.toString();
            }

            @Override
            public boolean isRestored() {
                return snapshot.isClosed();
            }

            @Override
            public void restore() {
                snapshot.close();
            }
        };
    }
}
