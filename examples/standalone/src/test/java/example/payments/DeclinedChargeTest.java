package example.payments;

import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.PatchGoFunction;
import dev.gojack.junit.RestoreGoVariables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redirects the card network call to a fake that lives only in the test variant of the library. */
@GoJackTest(library = "payments")
@RestoreGoVariables({"main.breakerOpen", "main.breakerFailures"})
class DeclinedChargeTest {
    @Test
    void aChargeGoesThroughWhenTheNetworkAccepts(Payments payments) {
        assertThat(payments.Charge(1_000)).isZero();
    }

    @Test
    @PatchGoFunction(target = "main.chargeDownstream", replacement = "main.fakeDeclineDownstream")
    void aDeclinedChargeIsReported(Payments payments) {
        assertThat(payments.Charge(1_000)).isEqualTo(1);
    }
}
