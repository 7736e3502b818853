package example.payments;

import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.PatchGoFunction;
import dev.gojack.junit.RestoreGoVariables;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go package state is shared by every test of the JVM: without @RestoreGoVariables the breaker the first test
 * opens would refuse the second test's charge.
 */
@GoJackTest(library = "payments")
@RestoreGoVariables({"main.breakerOpen", "main.breakerFailures"})
@TestMethodOrder(MethodOrderer.MethodName.class)
class BreakerTest {
    @Test
    @PatchGoFunction(target = "main.chargeDownstream", replacement = "main.fakeDeclineDownstream")
    void a_threeDeclinesOpenTheBreaker(Payments payments) {
        for (int i = 0; i < 3; i++) {
            assertThat(payments.Charge(500)).isEqualTo(1);
        }
        assertThat(payments.BreakerIsOpen()).isOne();
        assertThat(payments.Charge(500)).as("refused while open").isEqualTo(2);
    }

    @Test
    void b_theNextTestStartsWithAClosedBreaker(Payments payments) {
        assertThat(payments.BreakerIsOpen()).isZero();
        assertThat(payments.Charge(500)).isZero();
    }
}
