package dev.gojack.junit;

import dev.gojack.Fixtures;
import dev.gojack.GoLibrary;
import dev.gojack.SignatureMismatchException;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: {@code @PatchGoFunction(returns = …)} goes through GoLibrary.stubReturn and gets its signature check.
 * Values that do not fit the function's results (an int where Go expects an error: Go would read the int as an
 * itab and the JVM would die) fail only that test, with both signatures in the message; the other test of the
 * class runs. Library: libsigs.so (noinline), whose main.PlaceOrder returns (int, error).
 */
@Tag("core")
class SignatureRefusalTest {
    private static final String CASE = StubCase.class.getName();
    private static GoLibrary library;
    private static PlaceOrder go;
    private static EngineExecutionResults results;

    /** The export of the sigs fixture that calls main.PlaceOrder(qty, "x"). */
    public interface PlaceOrder {
        long SigsPlaceOrder(int qty);
    }

    @BeforeAll
    static void runTheCase() {
        library = GoLibrary.load(Fixtures.library("sigs"));
        go = LibraryLoader.create(PlaceOrder.class).load(library.path().toString());
        results = TestKit.run(StubCase.class);
    }

    @AfterEach
    void nothingIsLeftPatched() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.SigsPlaceOrder(3)).isEqualTo(6);
    }

    @Test
    void valuesThatDoNotFitTheResultsFailTheirTestWithBothSignatures() {
        TestKit.assertTests(results, s -> s.started(2).failed(1).succeeded(1));
        Throwable failure = TestKit.failureOf(results, "anIntForTheError");
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasCauseInstanceOf(SignatureMismatchException.class)
                .hasMessageStartingWith("@PatchGoFunction(target = \"main.PlaceOrder\", returns = {\"int:0\", \"int:1\"}) "
                        + "on method " + CASE + ".anIntForTheError(): Cannot stub main.PlaceOrder in " + library.path())
                .hasMessageContaining("its signature is func(qty int, name string) (int, error)")
                .hasMessageContaining("the values imply (int64, int64)")
                .hasMessageContaining("result 2 is error");
        assertThat(Journal.entries()).containsExactly("fitting 42");
    }

    @GoJackTest(library = "sigs")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class StubCase {
        @Test
        @PatchGoFunction(target = "main.PlaceOrder", returns = {"int:0", "int:1"})
        void anIntForTheError() {
            Journal.record("must not run");
        }

        @Test
        @PatchGoFunction(target = "main.PlaceOrder", returns = {"int:42", "error:nil"})
        void fittingValues() {
            Journal.record("fitting " + go.SigsPlaceOrder(3));
        }
    }
}
