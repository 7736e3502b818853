package dev.gojack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patch that is only safe while no goroutine runs the function is logged through System.Logger (JUL here)
 * once per function, and says so in its describe(). main.CallPtrMethodOnAddressable (noinline calls) starts with
 * a 4-byte instruction and has no padding within a short jump's reach. Not a "core" test: that layout is the one
 * the machine's Go (1.26) produces; Go 1.21 leaves padding in reach, so its build has no such function.
 */
class QuiescentOnlyWarningTest {
    static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();
    static final Logger JUL = Logger.getLogger("dev.gojack");
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            RECORDS.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static GoLibrary library;
    static CallsLibrary calls;

    @BeforeAll
    static void load() {
        JUL.addHandler(CAPTURE);
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = Fixtures.bind(CallsLibrary.class, library);
    }

    @AfterAll
    static void detach() {
        JUL.removeHandler(CAPTURE);
    }

    @Test
    void patchabilityPredictsTheQuiescentOnlyStore() {
        Patchability p = library.binary().patchability();
        assertThat(p.functions(Patchability.Verdict.PATCHABLE_QUIESCENT_ONLY))
                .extracting(Patchability.Function::name).contains("main.CallPtrMethodOnAddressable");
    }

    @Test
    void theWarningGoesToTheLoggerOncePerFunctionAndIntoDescribe() {
        for (int round = 0; round < 3; round++) {
            try (StubPatch p = library.stubReturn("main.CallPtrMethodOnAddressable", GoValue.int64(77))) {
                assertThat(calls.CallPtrMethodOnAddressable(2, 3)).isEqualTo(77);
                assertThat(p.isRunningSafe()).isFalse();
                assertThat(p.describe()).contains("WARNING").contains("only safe while no goroutine runs it");
            }
            assertThat(calls.CallPtrMethodOnAddressable(2, 3)).isEqualTo(6);
        }
        List<LogRecord> warnings = RECORDS.stream()
                .filter(r -> r.getMessage().contains("main.CallPtrMethodOnAddressable")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(warnings.get(0).getMessage()).contains(library.path().toString()).contains("isRunningSafe()");
    }

    @Test
    void aRunningSafePatchNeitherLogsNorWarnsInDescribe() {
        int before = RECORDS.size();
        try (Patch p = library.redirect("main.add", "main.addReplacement")) {
            assertThat(p.isRunningSafe()).isTrue();
            assertThat(p.describe()).doesNotContain("WARNING");
        }
        assertThat(RECORDS).hasSize(before);
    }
}
