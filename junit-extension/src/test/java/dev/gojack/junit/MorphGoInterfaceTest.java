package dev.gojack.junit;

import dev.gojack.Fixtures;
import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import dev.gojack.GoStrings;
import dev.gojack.MorphLibrary;
import dev.gojack.MorphNotSafeException;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code @MorphGoInterface} makes an interface variable act as another type for one test, like a patch; a
 * refused morph fails that test with GoJack's reason. Library: libmorph.so (noinline), whose main.store holds a
 * *diskStore and whose *memStore has the same layout.
 */
@Tag("core")
class MorphGoInterfaceTest {
    private static final String CASE = MorphCase.class.getName();
    private static GoLibrary library;
    private static MorphLibrary stores;

    @BeforeAll
    static void loadLibrary() {
        library = GoLibrary.load(Fixtures.library("morph"));
        stores = LibraryLoader.create(MorphLibrary.class).load(library.path().toString());
    }

    @AfterEach
    void theStoreIsADiskStoreAgain() {
        assertNothingLeftPatched(library);
        assertThat(GoStrings.read(stores::StoreName)).isEqualTo("disk");
    }

    @Test
    void morphIsInForceForItsTestOnlyAndARefusedMorphFailsOnlyItsTest() {
        String reason = catchThrowableOfType(GoJackException.class,
                () -> library.morph("main.store", "*main.bigStore")).getMessage();

        EngineExecutionResults results = TestKit.run(MorphCase.class);

        TestKit.assertTests(results, s -> s.started(4).succeeded(3).failed(1));
        assertThat(Journal.entries()).containsExactly(
                "beforeEach mem", "morphed mem mem:/var/data:k",
                "beforeEach disk", "plain disk disk:/var/data/k",
                "beforeEach disk", "programmatic mem");
        assertThat(library.interfaceVariable("main.store").typeName()).isEqualTo("*main.diskStore");
        assertThat(TestKit.failureOf(results, "refused"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@MorphGoInterface(variable = \"main.store\", type = \"*main.bigStore\") on method " + CASE
                        + ".refused(): " + reason)
                .hasCauseInstanceOf(MorphNotSafeException.class);
    }

    // ---------------------------------------------------------------- fixture, run only through TestKit

    @GoJackTest(library = "morph")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MorphCase {
        @BeforeEach
        void before(MorphLibrary stores) {
            Journal.record("beforeEach " + GoStrings.read(stores::StoreName));
        }

        @Test
        @Order(1)
        @MorphGoInterface(variable = "main.store", type = "*main.memStore")
        void morphed(MorphLibrary stores) {
            Journal.record("morphed " + GoStrings.read(stores::StoreName) + " "
                    + GoStrings.read((buf, n) -> stores.StoreGet("k", buf, n)));
        }

        @Test
        @Order(2)
        void plain(MorphLibrary stores) {
            Journal.record("plain " + GoStrings.read(stores::StoreName) + " "
                    + GoStrings.read((buf, n) -> stores.StoreGet("k", buf, n)));
        }

        @Test
        @Order(3)
        @MorphGoInterface(variable = "main.store", type = "*main.bigStore")
        void refused() {
        }

        @Test
        @Order(4)
        void programmatic(GoPatches patches, MorphLibrary stores) {
            patches.morph("main.store", "*main.memStore");
            Journal.record("programmatic " + GoStrings.read(stores::StoreName));
        }
    }
}
