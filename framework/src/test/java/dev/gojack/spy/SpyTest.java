package dev.gojack.spy;

import dev.gojack.Fixtures;
import dev.gojack.GoCallRecord;
import dev.gojack.GoLibrary;
import dev.gojack.GoPointer;
import dev.gojack.GoSpy;
import dev.gojack.SpiedLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;

/** Spies (issue 20) on the spied fixture: counts and decoded arguments of calls the test does not make itself. */
@Tag("core")
class SpyTest {
    static GoLibrary library;
    static SpiedLibrary spied;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("spied"));
        spied = Fixtures.bind(SpiedLibrary.class, library);
    }

    @AfterEach
    void nothingLeftOpen() {
        assertNothingLeftPatched(library);
    }

    @Test
    void everyArgumentKindIsDecodedFromTheSignatureAndTheFunctionStillReturnsWhatItDid() {
        long unspied = spied.Describe(7);
        try (GoSpy spy = library.spy("main.describe")) {
            assertThat(spied.Describe(7)).isEqualTo(unspied);
            assertThat(spy.callCount()).isEqualTo(1);
            GoCallRecord call = spy.calls().get(0);
            assertThat(call.arguments()).hasSize(10);
            assertThat(call.argument(0)).isEqualTo("call-7");
            assertThat(call.argument(1)).isEqualTo(7L);
            assertThat(call.argument(2)).isEqualTo(3.5);
            assertThat((byte[]) call.argument(3)).isEqualTo("abcdefg".getBytes());
            assertThat(call.argument(4)).isEqualTo(true);
            assertThat(call.argument(5)).isEqualTo(-7);
            assertThat(call.argument(6)).isEqualTo((byte) 7);
            assertThat(call.argument(7)).isEqualTo(1.75f);
            assertThat(call.argument(8)).isEqualTo(21);
            assertThat(((GoPointer) call.argument(9)).isNil()).isFalse();
            assertThat(call.parameterNames()).containsExactly("name", "count", "ratio", "payload", "ok", "small",
                    "tiny", "f32", "u", "p");
        }
        assertThat(spied.Describe(7)).isEqualTo(unspied);
    }

    @Test
    void callsFromAGoroutineThroughAnInterfaceMethodAreCountedWithTheirReceiverAndArguments() {
        long unspied = spied.StoreInGoroutine(5);
        try (GoSpy spy = library.spy("main.(*memStore).Put")) {
            assertThat(spied.StoreInGoroutine(5)).isEqualTo(unspied * 2);
            assertThat(spy.callCount()).isEqualTo(5);
            List<GoCallRecord> calls = spy.calls();
            for (int i = 0; i < 5; i++) {
                GoCallRecord call = calls.get(i);
                assertThat(call.number()).isEqualTo(i);
                assertThat(call.argument(0)).isInstanceOf(GoPointer.class);
                assertThat(call.argument(1)).isEqualTo("key-" + i);
                assertThat((byte[]) call.argument(2)).isEqualTo("v".repeat(i).getBytes());
            }
            // one goroutine made them all; the receiver is the one store
            assertThat(calls).extracting(GoCallRecord::goroutine).containsOnly(calls.get(0).goroutine());
            assertThat(calls).extracting(c -> c.argument(0)).containsOnly(calls.get(0).argument(0));
        }
    }

    @Test
    void callbacksFromThePackageSortAreCountedInCallOrder() {
        try (GoSpy spy = library.spy("main.compareWords")) {
            assertThat(spied.SortWords()).isEqualTo(1);
            assertThat(spy.callCount()).isPositive();
            assertThat(spy.calls()).hasSize((int) spy.callCount());
            assertThat(spy.calls()).allSatisfy(c -> assertThat(List.of("pear", "fig", "apple", "kiwi"))
                    .contains((String) c.argument(0), (String) c.argument(1)));
            assertThat(spy.calls()).extracting(GoCallRecord::number)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, spy.callCount()).boxed().toList());
        }
    }

    @Test
    void aSpyOnARedirectedFunctionSeesTheCallsThatReachTheEntryWhicheverWasMadeFirst() {
        try (GoSpy before = library.spy("main.compareWords")) {
            dev.gojack.Patch redirect = library.redirect("main.compareWords", "main.compareWordsReversed");
            GoSpy after = library.spy("main.compareWords");
            assertThat(spied.SortWords()).isEqualTo(2);
            assertThat(before.callCount()).isPositive().isEqualTo(after.callCount());
            assertThat(before.calls()).isEqualTo(after.calls());
            redirect.close();
            before.reset();
            after.reset();
            assertThat(spied.SortWords()).isEqualTo(1);
            assertThat(before.callCount()).isPositive().isEqualTo(after.callCount());
            after.close();
        }
        assertThat(spied.SortWords()).isEqualTo(1);
    }

    @Test
    void aSpyOnAStubbedFunctionCountsWhatTheStubAnswers() {
        try (dev.gojack.StubPatch stub = library.stubReturn("main.compareWords", dev.gojack.GoValue.bool(true));
             GoSpy spy = library.spy("main.compareWords")) {
            spied.SortWords();
            assertThat(spy.callCount()).isPositive().isEqualTo(stub.callCount());
        }
    }

    @Test
    void aFunctionThatGrowsItsStackIsRecordedOncePerCall() {
        long unspied = spied.Descend(300);
        try (GoSpy spy = library.spy("main.descend", 512, 16)) {
            assertThat(spied.Descend(300)).isEqualTo(unspied);
            assertThat(spy.callCount()).isEqualTo(301);
            assertThat(spy.calls()).extracting(c -> c.argument(0))
                    .containsExactlyElementsOf(java.util.stream.LongStream.iterate(300, d -> d - 1).limit(301)
                            .boxed().map(Object.class::cast).toList());
            assertThat(spy.calls()).extracting(c -> c.argument(1)).containsOnly("deep");
        }
    }

    @Test
    void aFunctionWithAHugeFrameIsRecordedOncePerCallAsItsStackGrows() {
        long unspied = spied.Plunge(40);
        try (GoSpy spy = library.spy("main.plunge")) {
            assertThat(spied.Plunge(40)).isEqualTo(unspied);
            assertThat(spy.callCount()).isEqualTo(41);
            assertThat(spy.calls()).extracting(c -> c.argument(0)).containsExactlyElementsOf(
                    java.util.stream.LongStream.iterate(40, d -> d - 1).limit(41).boxed().map(Object.class::cast)
                            .toList());
        }
    }

    @Test
    void theRingKeepsTheLastCallsAndCountsEveryCallOfEightGoroutines() {
        long unspied = spied.Hammer(8, 20_000);
        try (GoSpy spy = library.spy("main.tick", 64, 0)) {
            for (int round = 1; round <= 3; round++) {
                assertThat(spied.Hammer(8, 20_000)).isEqualTo(unspied);
                assertThat(spy.callCount()).isEqualTo(160_000L * round);
                List<GoCallRecord> calls = spy.calls();
                assertThat(calls).extracting(GoCallRecord::number).containsExactlyElementsOf(
                        java.util.stream.LongStream.range(160_000L * round - 64, 160_000L * round).boxed().toList());
                assertThat(calls).allSatisfy(c -> {
                    assertThat((Long) c.argument(0)).isBetween(0L, 7L);
                    assertThat((Long) c.argument(1)).isBetween(0L, 19_999L);
                });
            }
            spy.reset();
            assertThat(spy.callCount()).isZero();
            assertThat(spy.calls()).isEmpty();
            spied.Hammer(1, 3);
            assertThat(spy.calls()).extracting(c -> c.argument(1)).containsExactly(0L, 1L, 2L);
            assertThat(spy.calls()).extracting(GoCallRecord::number).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void stringsAreCopiedUpToTheCapAndKeepTheirLength() {
        try (GoSpy spy = library.spy("main.describe", 4, 10)) {
            spied.DescribeLong(1000);
            spied.DescribeLong(3);
            List<GoCallRecord> calls = spy.calls();
            assertThat(calls.get(0).argument(0)).isEqualTo("z".repeat(10));
            assertThat(calls.get(0).truncated(0)).isTrue();
            assertThat(calls.get(0).length(0)).isEqualTo(1000);
            assertThat(calls.get(1).argument(0)).isEqualTo("zzz");
            assertThat(calls.get(1).truncated(0)).isFalse();
            assertThat((byte[]) calls.get(1).argument(3)).isEmpty();
            assertThat(((GoPointer) calls.get(1).argument(9)).isNil()).isTrue();
        }
    }

    @Test
    void aClosedSpyKeepsItsCountAndCallsAndSeesNoMore() {
        GoSpy spy = library.spy("main.describe");
        spied.Describe(1);
        spy.close();
        spied.Describe(2);
        assertThat(spy.callCount()).isEqualTo(1);
        assertThat(spy.calls()).extracting(c -> c.argument(1)).containsExactly(1L);
    }

    @Test
    void spiesComeAndGoWhileGoroutinesCallTheFunctionsInATightLoop() throws InterruptedException {
        spied.StartLoops(4);
        try {
            for (int i = 0; i < 150; i++) {
                try (GoSpy leaf = library.spy("main.tick", 16, 0);
                     GoSpy checked = library.spy("main.compareWords", 16, 8)) {
                    Thread.sleep(1);
                    assertThat(leaf.calls()).allSatisfy(c -> assertThat((Long) c.argument(0)).isBetween(0L, 3L));
                    assertThat(checked.calls()).allSatisfy(c -> assertThat(c.argument(0)).isEqualTo("a"));
                }
            }
        } finally {
            assertThat(spied.StopLoops()).isPositive();
        }
    }

    @Test
    void aFunctionWithoutAStackCheckThatStartsWithARipRelativeLoadIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> library.spy("main.peek"))
                .isInstanceOf(dev.gojack.RefusedTargetException.class)
                .hasMessageContaining("Cannot patch main.peek in " + library.path())
                .hasMessageContaining("RIP-relative")
                .hasMessageContaining("Spy a function that calls it instead");
        assertThat(spied.Peek()).isEqualTo(42);
    }

    /** A zero-byte cap once made the copy loop count down from 0 through memory until it hit the library's text. */
    @Test
    void aSpyThatCopiesNoStringBytesKeepsTheLengthsAndDoesNotTouchMemory() {
        try (GoSpy spy = library.spy("main.compareWords", 8, 0)) {
            assertThat(spied.SortWords()).isEqualTo(1);
            assertThat(spy.calls()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.argument(0)).isEqualTo("");
                assertThat(c.length(0)).isBetween(3L, 5L);
                assertThat(c.truncated(0)).isTrue();
            });
        }
    }
}
