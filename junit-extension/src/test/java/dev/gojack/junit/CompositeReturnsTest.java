package dev.gojack.junit;

import org.junit.jupiter.api.Tag;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 5: {@code @PatchGoFunction(returns = …)} writes {@code "bytes:0x…"} and {@code "error:\"text\""}
 * values, and Go sees them: the bytes with their len and cap, the error through {@code err.Error()} and
 * {@code errors.Is}. Library: libsigs.so (noinline).
 */
@Tag("core")
class CompositeReturnsTest {
    private static GoLibrary library;
    private static See go;
    private static EngineExecutionResults results;

    /** Exports of the sigs fixture that report what Go saw of main.Payload's and main.Failure's results. */
    public interface See {
        String SeePayload();

        String SeeFailure();
    }

    @BeforeAll
    static void runTheCase() {
        library = GoLibrary.load(Fixtures.library("sigs"));
        go = LibraryLoader.create(See.class).load(library.path().toString());
        results = TestKit.run(ReturnsCase.class);
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.SeeFailure()).startsWith("<nil>");
    }

    @Test
    void bytesAndQuotedErrorsReachGo() {
        TestKit.assertTests(results, s -> s.started(2).succeeded(2));
        assertThat(Journal.entries()).containsExactly(
                "bytes: cafe len=2 cap=2 \"short read\" written=35fe appended=35fe42",
                "error: \"disk \\\"full\\\"\" is=true eof=false again=true wrapped=true as=false");
    }

    @GoJackTest(library = "sigs")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ReturnsCase {
        @Test
        @PatchGoFunction(target = "main.Payload", returns = {"bytes:0xcafe", "error:\"short read\""})
        void bytes() {
            Journal.record("bytes: " + go.SeePayload());
        }

        @Test
        @PatchGoFunction(target = "main.Failure", returns = "error:\"disk \\\"full\\\"\"")
        void error() {
            Journal.record("error: " + go.SeeFailure());
        }
    }
}
