package example.payments;

import dev.gojack.GoValue;
import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.GoPatches;
import dev.gojack.junit.PatchGoFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed results without running the Go function: declared, or programmatic through GoPatches. */
@GoJackTest(library = "payments")
class ExchangeRateTest {
    @Test
    @PatchGoFunction(target = "main.exchangeRate", returns = "float64:1.25")
    void theStubbedRateIsApplied(Payments payments) {
        assertThat(payments.ChargedCents(1_000)).isEqualTo(1_250);
    }

    @Test
    void aProgrammaticStubLastsForTheTest(Payments payments, GoPatches patches) {
        patches.stubReturn("main.exchangeRate", GoValue.float64(0.5));
        assertThat(payments.ChargedCents(1_000)).isEqualTo(500);
    }

    @Test
    void theRealRateIsBackAfterEachTest(Payments payments) {
        assertThat(payments.ChargedCents(1_000)).isEqualTo(1_000);
    }
}
