package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Go code calls Java (issue 19): lambdas and Mockito mocks answer calls Go makes, with arguments and results of each
 * kind the design carries, errors nil, sentinel and made in Java, exceptions kept for close.
 */
@org.junit.jupiter.api.Tag("core")
class GoAnswerTest extends AnswersLibraryTestBase {
    @AfterEach
    void everythingRestored() {
        assertThat(go.CheckGreet(1)).isZero();
        assertThat(go.ChargeMessage(3)).isEqualTo("sentinel declined");
    }

    @Test
    void anIntArgumentAndResultCrossTheCall() {
        AtomicLong calls = new AtomicLong();
        try (Patch p = library.replace("main.price", call -> {
            calls.incrementAndGet();
            return (Long) call.argument(0) * 3 + 1;
        })) {
            assertThat(go.CallPrice(5)).isEqualTo(16);
            assertThat(go.CallPrice(-7)).isEqualTo(-20);
            assertThat(calls).hasValue(2);
            assertThat(p.describe()).contains("main.price").contains("Java answer");
        }
        assertThat(go.CallPrice(5)).isEqualTo(50);
    }

    @Test
    void theCallNamesTheFunctionAndItsSignature() {
        AtomicReference<GoCall> seen = new AtomicReference<>();
        try (Patch p = library.replace("main.price", call -> {
            seen.set(call);
            return 0L;
        })) {
            go.CallPrice(9);
        }
        GoCall call = seen.get();
        assertThat(call.function().name()).isEqualTo("main.price");
        assertThat(call.signature().toString()).isEqualTo("func(qty int) int");
        assertThat(call.argumentCount()).isEqualTo(1);
        assertThat(call.arguments()).containsExactly(9L);
        assertThat(call.argument(0, int.class)).isEqualTo(9);
        assertThatThrownBy(() -> call.argument(1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("main.price").hasMessageContaining("no argument 1");
        assertThatThrownBy(() -> call.argument(0, String.class)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aStringArgumentIsCopiedAndAStringResultReachesGo() {
        try (Patch p = library.replace("main.greet", call -> "Hello, " + call.argument(0) + "!")) {
            for (int k = 0; k < 50; k++) {
                assertThat(go.CheckGreet(k)).isEqualTo(1);
            }
        }
    }

    @Test
    void errorsAreNilSentinelOrMadeInJava() {
        try (Patch p = library.replace("main.charge", call -> {
            long amount = call.argument(0, Long.class);
            if (amount == 100) {
                return null;
            }
            if (amount == 101) {
                return GoValue.interfaceFrom("main.ErrDeclined");
            }
            if (amount == 103) {
                return GoValue.error("made by GoValue.error");
            }
            return "card limit exceeded for " + amount;
        })) {
            assertThat(go.ChargeMessage(100)).isEqualTo("nil");
            assertThat(go.ChargeMessage(101)).isEqualTo("sentinel declined");
            assertThat(go.ChargeMessage(102)).isEqualTo("error card limit exceeded for 102");
            assertThat(go.ChargeMessage(103)).isEqualTo("error made by GoValue.error");
        }
    }

    @Test
    void byteSlicesGoInAndOut() {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        try (Patch p = library.replace("main.checksum", call -> {
            byte[] data = (byte[]) call.argument(0);
            seen.set(data);
            return data == null ? 77 : data.length * 2;
        })) {
            assertThat(go.CallChecksum(5)).isEqualTo(10);
            assertThat(seen.get()).containsExactly(0, 1, 2, 3, 4);
            assertThat(go.CallChecksumNil()).isEqualTo(77);
            assertThat(seen.get()).isNull();
        }
        try (Patch p = library.replace("main.encode", call -> ("<" + call.argument(0) + ">").getBytes())) {
            assertThat(go.CallEncode(42)).isEqualTo("<42>");
        }
        try (Patch p = library.replace("main.encode", call -> null)) {
            assertThat(go.CallEncode(42)).isEqualTo("<nil>");
        }
    }

    @Test
    void floatsAndBoolsGoInAndOut() {
        try (Patch p = library.replace("main.scale", call -> (Double) call.argument(0) * (Float) call.argument(1) + 0.25)) {
            assertThat(go.CallScale(3.0)).isEqualTo(1.75);
        }
        try (Patch p = library.replace("main.allowed", call -> "root".equals(call.argument(0))
                && !(Boolean) call.argument(1))) {
            assertThat(go.CallAllowed(0)).isEqualTo(1);
            assertThat(go.CallAllowed(1)).isZero();
        }
    }

    @Test
    void pointersGoInAndComeBackNilOrAsThey() {
        try (Patch p = library.replace("main.lookup", call -> call.argument(0))) {
            assertThat(go.CallLookup(12)).isEqualTo(12);
        }
        try (Patch p = library.replace("main.lookup", call -> {
            assertThat(((GoPointer) call.argument(0)).isNil()).isFalse();
            return null;
        })) {
            assertThat(go.CallLookup(12)).isEqualTo(-1);
        }
    }

    @Test
    void anArgumentPassedOnTheStackIsRead() {
        try (Patch p = library.replace("main.sum10", call -> {
            assertThat(call.signature().parameters().get(9).location()).hasValue("stack+0");
            return call.arguments().stream().mapToLong(a -> (Long) a).sum() * 2;
        })) {
            assertThat(go.CallSum10()).isEqualTo(2 * 1045);
        }
    }

    @Test
    void narrowIntegersKeepTheirWidthAndSign() {
        try (Patch p = library.replace("main.narrow", call -> {
            assertThat(call.arguments()).containsExactly((byte) -8, (byte) 200, (short) -16000, (short) 60000,
                    -2000000000, (int) 4000000000L);
            return (short) -123;
        })) {
            assertThat(go.CallNarrow()).isEqualTo(-123);
        }
        Patch tooWide = library.replace("main.narrow", call -> 40000L);
        assertThat(go.CallNarrow()).isZero();
        assertThatThrownBy(tooWide::close).isInstanceOf(GoAnswerException.class).cause()
                .hasMessageContaining("40000, which does not fit a int16");
    }

    @Test
    void severalResultsComeFromGoResults() {
        try (Patch p = library.replace("main.quote", call -> GoResults.of(2.5, (long) (Integer) call.argument(1) * 2,
                "no quote for " + call.argument(0)))) {
            assertThat(go.CallQuote(21)).isEqualTo("2.5 42 no quote for GO");
        }
    }

    @Test
    void aMethodCalledThroughAnInterfaceIsAnswered() {
        try (Patch p = library.replace("main.(*memStore).Get", call -> {
            assertThat(call.argument(0)).isInstanceOf(GoPointer.class); // the receiver
            return ((String) call.argument(1)).length() * 1000L;
        })) {
            assertThat(go.CallStore("abcd")).isEqualTo(4000);
        }
        assertThat(go.CallStore("abcd")).isEqualTo(104);
    }

    /** The Java side of main.price and main.charge, as a test would write it. */
    interface Gateway {
        long price(long qty);
    }

    interface Payments {
        String charge(long amount);
    }

    @Test
    void aMockitoMockAnswersAndVerifiesWhatGoCalled() {
        Gateway gateway = mock(Gateway.class);
        when(gateway.price(anyLong())).thenReturn(7L);
        when(gateway.price(100)).thenReturn(1234L);
        try (Patch p = library.replace("main.price", Gateway.class, gateway)) {
            assertThat(go.CallPrice(100)).isEqualTo(1234);
            assertThat(go.CallPrice(3)).isEqualTo(7);
            assertThat(go.CallPrice(100)).isEqualTo(1234);
        }
        verify(gateway, times(2)).price(100);
        ArgumentCaptor<Long> qty = ArgumentCaptor.forClass(Long.class);
        verify(gateway, times(3)).price(qty.capture());
        assertThat(qty.getAllValues()).containsExactly(100L, 3L, 100L);
        InOrder order = inOrder(gateway);
        order.verify(gateway).price(100);
        order.verify(gateway).price(3);
    }

    @Test
    void aMockForAnErrorResultReturnsTextOrNull() {
        Payments payments = mock(Payments.class);
        when(payments.charge(5)).thenReturn("insufficient funds");
        try (Patch p = library.replace("main.charge", Payments.class, payments)) {
            assertThat(go.ChargeMessage(5)).isEqualTo("error insufficient funds");
            assertThat(go.ChargeMessage(6)).isEqualTo("nil"); // unstubbed: null, a nil error
        }
        verify(payments).charge(6);
    }

    interface WrongGateway {
        long price(String qty);
    }

    interface TwoMethods {
        long price(long qty);

        long other(long qty);
    }

    @Test
    void anInterfaceThatDoesNotMapIsRefusedBeforePatching() {
        assertThatThrownBy(() -> library.replace("main.price", WrongGateway.class, qty -> 1L))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("main.price")
                .hasMessageContaining("func(qty int) int").hasMessageContaining("WrongGateway.price(String) long")
                .hasMessageContaining("parameter 0 is String");
        assertThatThrownBy(() -> library.replace("main.price", TwoMethods.class, mock(TwoMethods.class)))
                .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("2 abstract methods");
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.CallPrice(2)).isEqualTo(20);
    }

    @Test
    void aBodyThatThrowsReturnsZeroAndFailsTheClose() {
        Patch p = library.replace("main.price", call -> {
            throw new IllegalStateException("price service down");
        });
        assertThat(go.CallPrice(5)).isZero();
        assertThat(go.CallPrice(6)).isZero();
        assertThatThrownBy(p::close).isInstanceOf(GoAnswerException.class).isInstanceOf(GoJackException.class)
                .hasMessageContaining("main.price").hasMessageContaining("2 calls threw")
                .hasCauseInstanceOf(IllegalStateException.class).cause().hasMessage("price service down");
        assertThat(p.isClosed()).isTrue();
        assertThat(go.CallPrice(5)).isEqualTo(50);
    }

    @Test
    void aBodyThatThrowsGivesAnErrorNamingTheException() {
        Patch p = library.replace("main.charge", call -> {
            throw new UnsupportedOperationException("no network in tests");
        });
        assertThat(go.ChargeMessage(4)).isEqualTo("error gojack: the Java answer for main.charge threw "
                + "java.lang.UnsupportedOperationException: no network in tests");
        assertThatThrownBy(p::close).isInstanceOf(GoAnswerException.class);
    }

    @Test
    void aResultThatDoesNotFitIsTheBodysFailure() {
        Patch p = library.replace("main.price", call -> "forty");
        assertThat(go.CallPrice(5)).isZero();
        assertThatThrownBy(p::close).isInstanceOf(GoAnswerException.class)
                .cause().isInstanceOf(InvalidArgumentException.class).hasMessageContaining("String forty for a int");
    }

    @Test
    void callOriginalOfAnEntryGoJackCannotRelocateIsRefusedClearly() {
        // quote is a leaf without a stack check whose first instructions read RIP-relative data.
        Patch p = library.replace("main.quote", GoCall::callOriginal);
        assertThat(go.CallQuote(12)).startsWith("0 0 gojack: the Java answer for main.quote threw");
        assertThatThrownBy(p::close).isInstanceOf(GoAnswerException.class).cause()
                .isInstanceOf(PatchRefusedException.class).hasMessageContaining("callOriginal")
                .hasMessageContaining("main.quote").hasMessageContaining("RIP-relative");
    }

    @Test
    void answersStackAndRestoreInOrder() {
        try (Patch outer = library.replace("main.price", call -> 1L)) {
            try (Patch inner = library.replace("main.price", call -> 2L)) {
                assertThat(go.CallPrice(0)).isEqualTo(2);
            }
            assertThat(go.CallPrice(0)).isEqualTo(1);
            assertThat(library.openPatches()).hasSize(1);
        }
    }

    @Test
    void argumentsAndResultsTheDesignCannotCarryAreRefusedByName() {
        assertThatThrownBy(() -> library.replace("main.norm", call -> 0L)).isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.norm func(p main.Pt) int")
                .hasMessageContaining("a parameter of type main.Pt (struct) ('p')");
        assertThatThrownBy(() -> library.replace("main.ten", call -> null)).isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.ten").hasMessageContaining("result 9 (int) is returned on the stack");
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void answersJoinABatchAndAreRestoredWithIt() {
        PatchBatch batch = library.batch(lib -> {
            lib.replace("main.price", call -> 5L);
            lib.replace("main.greet", call -> "Hello, " + call.argument(0) + "!");
        });
        assertThat(go.CallPrice(1)).isEqualTo(5);
        assertThat(go.CheckGreet(3)).isEqualTo(1);
        batch.close();
        assertThat(go.CallPrice(1)).isEqualTo(10);
    }

    @Test
    void runtimeTargetsAreRefused() {
        assertThatThrownBy(() -> library.replace("runtime.GC", call -> null))
                .isInstanceOf(RefusedTargetException.class);
        assertThat(library.openPatches()).isEqualTo(List.of());
    }
}
