package dev.gojack.examples;

import dev.gojack.junit.GoJackTest;
import dev.gojack.junit.GoPatches;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Let a Mockito mock answer calls the Go code makes, with no Go fake compiled into the library:
 * {@code patches.replace("main.charge", Payments.class, payments)} sends every call of the Go function
 * {@code charge(amount int) error} to the mock. A {@code String} result becomes an {@code error} with that text,
 * {@code null} a nil error; {@code verify} then checks what Go called.
 *
 * <p>In libanswers.so, {@code ChargeMessage(amount)} calls {@code charge(amount)} and reports {@code "nil"} or
 * {@code "error <text>"}.
 */
@GoJackTest(library = "answers")
class MockitoAnswerExampleTest {

    /** Exports of libanswers.so. */
    public interface Answers {
        String ChargeMessage(long amount);
    }

    /** The Java side of {@code func charge(amount int) error}. */
    interface Payments {
        String charge(long amount);
    }

    @Test
    void declineOddAmounts(GoPatches patches, Answers go) {
        Payments payments = mock(Payments.class);
        when(payments.charge(anyLong())).thenAnswer(call -> (long) call.getArgument(0) % 2 == 1 ? "declined" : null);
        patches.replace("main.charge", Payments.class, payments);

        assertThat(go.ChargeMessage(100)).isEqualTo("nil");
        assertThat(go.ChargeMessage(101)).isEqualTo("error declined");

        verify(payments).charge(100);
        verify(payments, times(2)).charge(anyLong());
    }

    @Test
    void aLambdaAnswersToo(GoPatches patches, Answers go) {
        patches.replace("main.charge", call -> call.argument(0, Long.class) > 500 ? "over the limit" : null);

        assertThat(go.ChargeMessage(100)).isEqualTo("nil");
        assertThat(go.ChargeMessage(501)).isEqualTo("error over the limit");
    }
}
