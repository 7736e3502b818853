package example.payments;

import dev.gojack.FakeClock;
import dev.gojack.junit.FakeGoClock;
import dev.gojack.junit.GoJackTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Go's time.Now under Java's control. */
@GoJackTest(library = "payments")
class InvoiceTest {
    private static final long ISSUED = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

    @Test
    @FakeGoClock("2026-01-30T17:00:00-05:00")
    void anInvoiceIsNotOverdueWithinThirtyDays(Payments payments, FakeClock clock) {
        assertThat(payments.InvoiceOverdue(ISSUED)).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(payments.InvoiceOverdue(ISSUED)).isOne();
    }
}
