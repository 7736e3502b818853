package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link GoCall#callOriginal()} (issue 19): a Java answer runs the original body with the call's arguments and
 * gets its results (strings and errors the original made fresh), returns them as they are or changed; the
 * original may grow the stack, run a GC, and run on many goroutines at once.
 */
@org.junit.jupiter.api.Tag("core")
class GoCallOriginalTest extends AnswersLibraryTestBase {
    @AfterEach
    void everythingRestored() {
        assertThat(go.CallDescribe(3)).isEqualTo("item-3|<nil>");
    }

    @Test
    void theOriginalsIntResultComesBack() {
        List<Object> seen = new ArrayList<>();
        try (Patch p = library.replace("main.price", call -> {
            GoResults r = call.callOriginal();
            seen.add(r.get(0));
            return r;
        })) {
            assertThat(go.CallPrice(7)).isEqualTo(70);
            assertThat(go.CallPrice(-3)).isEqualTo(-30);
        }
        assertThat(seen).containsExactly(70L, -30L);
    }

    @Test
    void theBodyChangesTheOriginalsResult() {
        try (Patch p = library.replace("main.price", call -> (Long) call.callOriginal().get(0) + 1)) {
            assertThat(go.CallPrice(7)).isEqualTo(71);
        }
    }

    @Test
    void aStringTheOriginalMadeAndANilErrorComeBack() {
        AtomicReference<GoResults> seen = new AtomicReference<>();
        try (Patch p = library.replace("main.describe", call -> {
            seen.set(call.callOriginal());
            return seen.get();
        })) {
            assertThat(go.CallDescribe(42)).isEqualTo("item-42|<nil>");
        }
        assertThat(seen.get()).isEqualTo(GoResults.of("item-42", null));
    }

    @Test
    void anErrorTheOriginalMadeComesBackAsAnInterfaceValue() {
        AtomicReference<GoResults> seen = new AtomicReference<>();
        try (Patch p = library.replace("main.describe", call -> {
            seen.set(call.callOriginal());
            return call.callOriginal();
        })) {
            assertThat(go.CallDescribe(-5)).isEqualTo("|negative -5");
        }
        assertThat(seen.get().get(0)).isEqualTo("");
        assertThat(seen.get().get(1)).isInstanceOf(GoInterface.class);
    }

    @Test
    void aSentinelErrorReturnedAsItIsStaysTheSentinel() {
        try (Patch p = library.replace("main.charge", GoCall::callOriginal)) {
            assertThat(go.ChargeMessage(3)).isEqualTo("sentinel declined");
            assertThat(go.ChargeMessage(4)).isEqualTo("nil");
        }
    }

    @Test
    void theBodyChangesOneResultAndKeepsTheOther() {
        try (Patch p = library.replace("main.describe", call -> {
            GoResults r = call.callOriginal();
            return GoResults.of(((String) r.get(0)).toUpperCase(), r.get(1));
        })) {
            assertThat(go.CallDescribe(8)).isEqualTo("ITEM-8|<nil>");
            assertThat(go.CallDescribe(-8)).isEqualTo("|negative -8");
        }
    }

    @Test
    void theBodyReplacesTheOriginalsErrorWithOneMadeInJava() {
        try (Patch p = library.replace("main.describe", call -> {
            GoResults r = call.callOriginal();
            return r.get(1) == null ? r : GoResults.of("fallback", null);
        })) {
            assertThat(go.CallDescribe(-1)).isEqualTo("fallback|<nil>");
            assertThat(go.CallDescribe(1)).isEqualTo("item-1|<nil>");
        }
    }

    @Test
    void theOriginalRunsWithTheCallsArgumentsOnTheStackToo() {
        try (Patch p = library.replace("main.sum10", GoCall::callOriginal)) {
            assertThat(go.CallSum10()).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 1000);
        }
        try (Patch p = library.replace("main.narrow", GoCall::callOriginal)) {
            assertThat(go.CallNarrow()).isEqualTo(-16000);
        }
        try (Patch p = library.replace("main.scale", GoCall::callOriginal)) {
            assertThat(go.CallScale(3.0)).isEqualTo(1.5);
        }
    }

    @Test
    void anOriginalWithAHugeFrameRuns() {
        assertThat(go.CallBig(5)).isZero();
        try (Patch p = library.replace("main.big", GoCall::callOriginal)) {
            for (int i = 0; i < 20; i++) {
                assertThat(go.CallBig(i)).isZero();
            }
        }
    }

    @Test
    void anOriginalThatRecursesDeeplyGrowsTheStack() {
        try (Patch p = library.replace("main.climb", GoCall::callOriginal)) {
            assertThat(go.CallClimb(100_000)).isEqualTo(100_000);
            assertThat(go.CallClimb(3)).isEqualTo(3);
        }
    }

    @Test
    void aGarbageCollectionInsideTheOriginal() {
        try (Patch p = library.replace("main.collect", call -> (Long) call.callOriginal().get(0) * 2)) {
            assertThat(go.CallCollect(12345)).isEqualTo((12345 + 5) * 2);
        }
    }

    @Test
    void eightGoroutinesCallTheOriginalThroughTheBody() {
        AtomicLong calls = new AtomicLong();
        try (Patch p = library.replace("main.price", call -> {
            calls.incrementAndGet();
            long original = (Long) call.callOriginal().get(0);
            return original / 10 * 3 + 1;
        })) {
            assertThat(go.CallPriceParallel(8, 2_000)).isZero();
        }
        assertThat(calls).hasValue(8 * 2_000);
    }

    @Test
    void stringsTheOriginalMadeSurviveGarbageCollectionPressure() {
        ConcurrentHashMap<Long, String> wrong = new ConcurrentHashMap<>();
        AtomicLong calls = new AtomicLong();
        try (Patch p = library.replace("main.describe", call -> {
            calls.incrementAndGet();
            GoResults r = call.callOriginal();
            long n = (Long) call.argument(0);
            if (!("item-" + n).equals(r.get(0))) {
                wrong.put(n, String.valueOf(r.get(0)));
            }
            return r;
        })) {
            assertThat(go.CheckDescribeUnderGC(4, 2_000)).isZero();
        }
        assertThat(wrong).isEmpty();
        assertThat(calls).hasValue(4 * 2_000);
    }

    @Test
    void tracebacksFromTheOriginalWalkThroughBothOfGoJacksFrames() {
        AtomicReference<Object> seen = new AtomicReference<>();
        try (Patch p = library.replace("main.trace", call -> {
            GoResults r = call.callOriginal();
            seen.set(r.get(0));
            return r;
        })) {
            String names = go.CallTrace(1);
            assertThat(names).isEqualTo(seen.get());
            assertThat(names).startsWith("main.trace < gojack.original(main.trace) < ")
                    .containsSubsequence("gojack.original(main.trace)", "gojack.java(main.trace)", "main.CallTrace");
        }
    }

    @Test
    void originalsNestAnsweredCallsWhoseBodiesCallTheirOriginals() {
        // priceDeep's original calls priceDeep(n-1) (answered again: Java frames nest 50 deep) and price(n).
        AtomicLong deep = new AtomicLong();
        try (Patch d = library.replace("main.priceDeep", call -> {
            deep.incrementAndGet();
            return call.callOriginal();
        }); Patch p = library.replace("main.price", call -> (Long) call.callOriginal().get(0) + 1)) {
            assertThat(go.PriceDeep(50)).isEqualTo(10 * (50 * 51 / 2) + 50);
        }
        assertThat(deep).hasValue(51);
    }

    @Test
    void callOriginalFromAnotherThreadIsRefused() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Patch p = library.replace("main.price", call -> {
            Thread t = new Thread(() -> {
                try {
                    call.callOriginal();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
            return 1L;
        })) {
            assertThat(go.CallPrice(2)).isEqualTo(1);
        }
        assertThat(failure.get()).isInstanceOf(PatchRefusedException.class).hasMessageContaining("main.price")
                .hasMessageContaining("another thread");
    }

    @Test
    void callOriginalAfterTheBodyReturnedIsRefused() {
        AtomicReference<GoCall> kept = new AtomicReference<>();
        try (Patch p = library.replace("main.price", call -> {
            kept.set(call);
            return 1L;
        })) {
            go.CallPrice(2);
        }
        assertThatThrownBy(() -> kept.get().callOriginal()).isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.price").hasMessageContaining("after it returned");
    }
}
