package dev.gojack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generic functions: one body per GC shape, patched by exact shape name or by base name. */
@Tag("core")
class GenericsTest {
    static GoLibrary library;
    static GenericsLibrary generics;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("generics"));
        generics = Fixtures.bind(GenericsLibrary.class, library);
    }

    @AfterEach
    void restored() {
        assertNothingLeftPatched(library);
        assertThat(generics.PickInt(1, 2, 1)).isEqualTo(1);
        assertThat(GoStrings.read((b, n) -> generics.PickString(0, b, n))).isEqualTo("beta");
    }

    @Test
    void oneShapeInstantiationIsRedirectedByItsExactName() {
        try (Patch p = library.redirect("main.pick[go.shape.int]", "main.pickIntReplacement")) {
            assertThat(generics.PickInt(3, 4, 1)).isEqualTo(3004);
            assertThat(GoStrings.read((b, n) -> generics.PickString(1, b, n))).isEqualTo("alpha");
        }
    }

    @Test
    void aGenericToGenericRedirectBetweenBodiesOfTheSameShapeWorks() {
        try (Patch p = library.redirect("main.pick[go.shape.int]", "main.pickAlt[go.shape.int]")) {
            assertThat(generics.PickInt(3, 4, 1)).isEqualTo(4);
        }
    }

    @Test
    void theBaseNameStubsEveryShapeInstantiationAsOnePatch() {
        try (StubPatch p = library.stubReturn("main.weight", GoValue.int64(77))) {
            assertThat(p.describe()).contains("main.weight[go.shape.int]", "main.weight[go.shape.string]",
                    "main.weight[go.shape.*uint8]").doesNotContain("unchecked");
            assertThat(generics.WeightInt(3)).isEqualTo(77);
            assertThat(generics.WeightString()).isEqualTo(77);
            assertThat(generics.WeightPtr()).isEqualTo(77);
            assertThat(p.callCount()).isEqualTo(3);
        }
        assertThat(generics.WeightInt(3)).isEqualTo(3);
        assertThat(generics.WeightString()).isEqualTo(4);
    }

    @Test
    void aBaseNameStubWhoseValuesFitOnlySomeShapesIsRefusedNamingThem() {
        // One int64 for pick's string, float64 and pointer shapes too would crash Go (issue 18).
        assertThatThrownBy(() -> library.stubReturn("main.pick", GoValue.int64(77)))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("4 shape instantiations").hasMessageContaining("fit only some")
                .hasMessageContaining("They fit main.pick[go.shape.int]")
                .hasMessageContaining("They do not fit main.pick[go.shape.string]")
                .hasMessageContaining("They do not fit main.pick[go.shape.float64]")
                .hasMessageContaining("They do not fit main.pick[go.shape.*uint8]");
        try (StubPatch p = library.stubReturn("main.pick[go.shape.int]", GoValue.int64(77))) {
            assertThat(generics.PickInt(3, 4, 1)).isEqualTo(77);
        }
        assertThat(generics.PickIntPtr(1)).isEqualTo(11);
        assertThat(GoStrings.read((b, n) -> generics.PickStringPtr(0, b, n))).isEqualTo("right");
    }

    @Test
    void aGenericMethodTakesItsReceiverBeforeTheDictionary() {
        assertThat(library.function("main.(*Box[go.shape.int]).Get").signature()).get().hasToString(
                "func(b *main.Box[go.shape.int], .dict uintptr) go.shape.int");
        assertThat(library.function("main.pick[go.shape.int]").signature().get().parameters().get(0).name())
                .isEqualTo(".dict");
    }

    @Test
    void pointerShapedInstantiationsShareOneBodySoOnePatchCoversEveryPointerType() {
        assertThat(library.resolveTargets("main.pick")).extracting(GoFunction::name)
                .containsExactly("main.pick[go.shape.*uint8]", "main.pick[go.shape.float64]",
                        "main.pick[go.shape.int]", "main.pick[go.shape.string]");
        long intB = library.variable("main.intB").address();
        try (StubPatch p = library.stubReturn("main.pick[go.shape.*uint8]", GoValue.uintptr(intB))) {
            assertThat(generics.PickIntPtr(1)).isEqualTo(22);
            assertThat(p.callCount()).isEqualTo(1);
        }
        assertThat(generics.PickIntPtr(1)).isEqualTo(11);
    }

    @Test
    void genericMethodsAreRedirectedThroughTheirShapeBody() {
        assertThat(generics.BoxIntGet(9)).isEqualTo(9);
        try (Patch p = library.redirect("main.(*Box[go.shape.int]).Get", "main.boxIntGetReplacement")) {
            assertThat(generics.BoxIntGet(9)).isEqualTo(-9);
            assertThat(GoStrings.read((b, n) -> generics.BoxStringGet("s", b, n))).isEqualTo("s");
        }
        assertThat(generics.BoxIntGet(9)).isEqualTo(9);
    }
}
