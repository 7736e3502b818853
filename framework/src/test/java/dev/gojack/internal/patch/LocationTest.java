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
    void insideADeclarationEveryLocationIsTheDeclarationAndNoStackIsNamed() {
        int[] described = new int[1];
        Location inside = Location.declaredAt(() -> {
            described[0]++;
            return "@PatchGoFunction(target = \"main.add\") on method a.B.c()";
        }, () -> Location.declaredAt(() -> "the inner one", Location::here));
        Location outer = Location.declaredAt(() -> "the outer one", Location::here);

        assertThat(inside).hasToString("the inner one");
        assertThat(described[0]).as("described only when a message asks").isZero();
        assertThat(outer).hasToString("the outer one");
        assertThat(Location.here().toString()).as("after the declaration, the caller again")
                .startsWith(LocationTest.class.getName());
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
