package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A patch's location is the first frame outside GoJack's framework classes, and messages name it. */
class LocationTest {
    @Test
    void theLocationIsTheCallerOutsideTheFramework() {
        Location here = Location.here();

        assertThat(here.toString()).startsWith(LocationTest.class.getName() + ".theLocationIsTheCallerOutsideTheFramework(")
                .contains("LocationTest.java:");
    }

    @Test
    void frameworkClassesAreSkippedAndTestClassesAreNot() {
        assertThat(Location.isFramework(Patcher.class)).isTrue();
        assertThat(Location.isFramework(String.class)).isTrue();
        assertThat(Location.isFramework(LocationTest.class)).isFalse();
    }

    @Test
    void alreadyClosedAndStillAppliedMessagesNameWhereThePatchWasMade() {
        Location made = Location.of("com.example.PaymentTest.charges(PaymentTest.java:42)");

        assertThat(Problems.alreadyClosed("main.add -> main.sub", made).getMessage())
                .contains("main.add -> main.sub (made at com.example.PaymentTest.charges(PaymentTest.java:42))")
                .contains("already closed");
        assertThat(Problems.notInnermost("outer", "inner", made).getMessage())
                .contains("inner (made at com.example.PaymentTest.charges(PaymentTest.java:42)) is still applied");
    }
}
