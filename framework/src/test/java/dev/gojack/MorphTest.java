package dev.gojack;

import dev.gojack.internal.nat.Native;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Morphing interface values of the loaded morph fixture: the dynamic type changes what Go does, refusals
 * name every layout difference, the garbage collector copes, and closing restores the exact word.
 */
@Tag("core")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MorphTest {
    static GoLibrary library;
    static MorphLibrary go;

    @BeforeAll
    void load() {
        library = GoLibrary.load(Fixtures.library("morph"));
        go = Fixtures.bind(MorphLibrary.class, library);
    }

    @AfterEach
    void nothingLeftOpen() {
        assertNothingLeftPatched(library);
        assertThat(storeName()).isEqualTo("disk");
        assertThat(anyDescribe()).isEqualTo("main.pointA|A(1,2)|pointA X=1 Y=2 sum=3");
    }

    private static String text(BiFunction<byte[], Integer, Integer> call) {
        byte[] buf = new byte[512];
        int length = call.apply(buf, buf.length);
        assertThat(length).isLessThan(buf.length);
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }

    private static String storeName() {
        return text(go::StoreName);
    }

    private static String storeGet(String key) {
        return text((b, n) -> go.StoreGet(key, b, n));
    }

    private static String anyDescribe() {
        return text(go::AnyDescribe);
    }

    private static long word(String variable) {
        return Native.memory(library.variable(variable).address()).getLong(0);
    }

    private static long itab(String symbol) {
        return library.loadBase() + library.binary().variable(symbol).fileAddress();
    }

    @Test
    void interfaceVariablesAreReadAsEmptyOrNonEmpty() {
        GoInterfaceValue store = library.interfaceVariable("main.store");
        assertThat(store.variable()).isEqualTo("main.store");
        assertThat(store.isNil()).isFalse();
        assertThat(store.isEmptyInterface()).isFalse();
        assertThat(store.typeName()).isEqualTo("*main.diskStore");
        assertThat(store.interfaceType().map(GoType::name)).contains("main.Store");
        assertThat(store.typeWord()).isEqualTo(itab("go:itab.*main.diskStore,main.Store"));
        assertThat(store.dataWord()).isNotZero();
        assertThat(store.address()).isEqualTo(library.variable("main.store").address());
        GoType disk = store.type().orElseThrow();
        assertThat(disk).isEqualTo(library.type("*main.diskStore"));
        assertThat(disk.address()).isEqualTo(library.loadBase() + disk.fileAddress());

        GoInterfaceValue any = library.interfaceVariable("main.anyValue");
        assertThat(any.isEmptyInterface()).isTrue();
        assertThat(any.typeName()).isEqualTo("main.pointA");
        assertThat(any.interfaceType()).isEmpty();
        assertThat(any.typeWord()).isEqualTo(library.type("main.pointA").address());
        assertThat(any.dataWord()).isNotZero();

        GoInterfaceValue err = library.interfaceVariable("main.currentErr");
        assertThat(err.typeName()).isEqualTo("*main.notFoundError");
        assertThat(err.interfaceType().map(GoType::name)).contains("error");

        assertThatThrownBy(() -> library.interfaceVariable("main.allStores"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("24 bytes");
    }

    @Test
    void morphingAnIfaceChangesMethodDispatchAndClosingRestoresTheExactBytes() {
        byte[] before = library.variable("main.store").getBytes();
        assertThat(storeGet("k")).isEqualTo("disk:/var/data/k");
        try (Patch patch = library.morph("main.store", "*main.memStore")) {
            assertThat(patch.target()).isEqualTo("main.store");
            assertThat(patch.isRunningSafe()).isTrue();
            assertThat(patch.describe()).contains("*main.diskStore -> *main.memStore", "go:itab.*main.memStore");
            assertThat(library.openPatches()).containsExactly(patch);
            assertThat(word("main.store")).isEqualTo(itab("go:itab.*main.memStore,main.Store"));
            assertThat(storeName()).isEqualTo("mem");
            assertThat(storeGet("k")).isEqualTo("mem:/var/data:k");
            assertThat(text(go::StoreTypeName)).isEqualTo("*main.memStore");
            assertThat(go.DispatchLoop(10_000)).isEqualTo(10_000);
            assertThat(library.interfaceVariable("main.store").typeName()).isEqualTo("*main.memStore");
        }
        assertThat(library.variable("main.store").getBytes()).isEqualTo(before);
        assertThat(storeGet("k")).isEqualTo("disk:/var/data/k");
        assertThat(go.DispatchLoop(1000)).isZero();
    }

    @Test
    void morphingAnEfaceBetweenSameSizeStructsChangesTypeSwitchesAndFormatting() {
        byte[] before = library.variable("main.anyValue").getBytes();
        try (Patch patch = library.morph("main.anyValue", "main.pointB")) {
            assertThat(patch.describe()).contains("main.pointA -> main.pointB");
            assertThat(word("main.anyValue")).isEqualTo(library.type("main.pointB").address());
            assertThat(anyDescribe()).isEqualTo("main.pointB|B[1 2]|pointB A=1 B=2 product=2");
        }
        assertThat(library.variable("main.anyValue").getBytes()).isEqualTo(before);
    }

    @Test
    void differentSizesAreRefusedNamingTheSizes() {
        byte[] before = library.variable("main.store").getBytes();
        assertThatThrownBy(() -> library.morph("main.store", "*main.bigStore"))
                .isInstanceOfSatisfying(MorphNotSafeException.class, e -> {
                    assertThat(e.differences()).anySatisfy(d -> assertThat(d)
                            .startsWith("size differs")
                            .contains("main.diskStore has 24 bytes", "main.bigStore has 48"));
                    assertThat(e.differences()).anySatisfy(d -> assertThat(d)
                            .startsWith("pointer words differ")
                            .contains("pointers at offsets 0, 16, 32"));
                })
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("Cannot morph main.store")
                .hasMessageContaining("from *main.diskStore to *main.bigStore")
                .hasMessageContaining("Sizes must match even with MorphOption.UNSAFE_CHECK_SIZE_ONLY");
        assertThatThrownBy(() -> library.morph("main.store", "*main.bigStore",
                MorphOption.UNSAFE_CHECK_SIZE_ONLY))
                .isInstanceOfSatisfying(MorphNotSafeException.class,
                        e -> assertThat(e.differences()).singleElement().asString().startsWith("size differs"));
        assertThat(library.variable("main.store").getBytes()).isEqualTo(before);
        assertThatThrownBy(() -> library.morph("main.anyValue", "main.diskStore"))
                .isInstanceOf(MorphNotSafeException.class)
                .hasMessageContaining("main.pointA has 16 bytes, main.diskStore has 24");
    }

    @Test
    void differentPointerLayoutsAreRefusedNamingEveryDifference() {
        byte[] before = library.variable("main.store").getBytes();
        assertThatThrownBy(() -> library.morph("main.store", "*main.intStore"))
                .isInstanceOfSatisfying(MorphNotSafeException.class, e -> assertThat(e.differences()).containsExactly(
                        "pointer-holding prefix (ptrdata) differs (pointed to by *main.diskStore and *main.intStore): "
                                + "main.diskStore has 8 bytes, main.intStore has 0",
                        "pointer words differ (pointed to by *main.diskStore and *main.intStore): main.diskStore has "
                                + "a pointer at offset 0, main.intStore has no pointers"))
                .hasMessageContaining("MorphOption.UNSAFE_CHECK_SIZE_ONLY forces the swap");
        assertThat(library.variable("main.store").getBytes()).isEqualTo(before);

        // A pointer and a pointer-free struct of the same size: the eface case.
        assertThatThrownBy(() -> library.morph("main.anyValue", "main.notFoundError"))
                .isInstanceOfSatisfying(MorphNotSafeException.class, e -> assertThat(e.differences())
                        .anySatisfy(d -> assertThat(d).startsWith("pointer words differ")));
        // Direct-interface storage: *main.pointA lives in the data word, main.pointA behind it.
        assertThatThrownBy(() -> library.morph("main.anyValue", "*main.pointA"))
                .isInstanceOfSatisfying(MorphNotSafeException.class, e -> assertThat(e.differences())
                        .anySatisfy(d -> assertThat(d).startsWith("interface storage differs"))
                        .anySatisfy(d -> assertThat(d).startsWith("size differs")));
    }

    @Test
    void theUnsafeOptionSwapsTypesThatOnlyAgreeInSize() {
        try (Patch patch = library.morph("main.store", "*main.intStore", MorphOption.UNSAFE_CHECK_SIZE_ONLY)) {
            assertThat(patch.describe()).contains("UNSAFE");
            assertThat(storeName()).isEqualTo("int");
        }
    }

    @Test
    void aTypeTheLibraryNeverConvertsToTheInterfaceIsRefused() {
        // *main.pointA and *main.notFoundError agree in size (and pointed-to size), but no itab for
        // (error, *main.pointA) exists: GoJack does not make one up, not even when told to skip layout checks.
        assertThatThrownBy(() -> library.morph("main.currentErr", "*main.pointA",
                MorphOption.UNSAFE_CHECK_SIZE_ONLY))
                .isInstanceOf(PatchRefusedException.class)
                .isNotInstanceOf(MorphNotSafeException.class)
                .hasMessageContaining("the library never converts *main.pointA to error");
        assertThatThrownBy(() -> library.morph("main.store", "main.Store"))
                .isInstanceOf(PatchRefusedException.class)
                .hasMessageContaining("main.Store is an interface type");
        assertThatThrownBy(() -> library.morph("main.store", "*main.nosuchStore"))
                .isInstanceOf(SymbolNotFoundException.class)
                .hasMessageContaining("No Go type '*main.nosuchStore'");
        assertThat(library.openPatches()).isEmpty();
    }

    @Test
    void morphLikeTakesTheTypeWordOfAnotherVariable() {
        try (Patch store = library.morphLike("main.store", "main.fallbackStore");
             Patch any = library.morphLike("main.anyValue", "main.anyOther");
             Patch err = library.morphLike("main.currentErr", "main.fallbackErr")) {
            assertThat(word("main.store")).isEqualTo(word("main.fallbackStore"));
            assertThat(store.describe()).contains("like main.fallbackStore");
            assertThat(storeGet("x")).isEqualTo("mem:/var/data:x");
            assertThat(anyDescribe()).isEqualTo("main.pointB|B[1 2]|pointB A=1 B=2 product=2");
            assertThat(text(go::ErrorMessage)).isEqualTo("timeout: alpha");
            assertThat(go.ErrorIsNotFound()).isZero();
            assertThat(library.openPatches()).containsExactly(store, any, err);
        }
        assertThat(text(go::ErrorMessage)).isEqualTo("not found: alpha");
        assertThat(go.ErrorIsNotFound()).isOne();
        assertThatThrownBy(() -> library.morphLike("main.store", "main.anyValue"))
                .isInstanceOf(MorphNotSafeException.class);
    }

    @Test
    void theGarbageCollectorRunsSafelyWhileMorphed() {
        int rounds = 300;
        // A fresh *diskStore on the heap (the initial one is static data), so the collector scans a heap object
        // whose type word says *memStore.
        go.ResetStore();
        assertThat(go.GCStress(rounds)).isEqualTo(16L * rounds);
        try (Patch patch = library.morph("main.store", "*main.memStore")) {
            assertThat(go.GCStress(rounds)).isEqualTo(15L * rounds);
            assertThat(storeGet("k")).isEqualTo("mem:/var/data:k");
            assertThat(patch.isClosed()).isFalse();
        }
        assertThat(go.GCStress(rounds)).isEqualTo(16L * rounds);
        assertThat(text(go::FallbackStoreName)).isEqualTo("mem");
        assertThat(text(go::StoreNames)).isEqualTo("disk,mem,big,int");
    }

    @Test
    void closingTwiceThrows() {
        Patch patch = library.morph("main.anyValue", "main.pointB");
        patch.close();
        assertThat(patch.isClosed()).isTrue();
        assertThatThrownBy(patch::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("already closed");
    }

    @Test
    void nestedMorphsCloseInReverseOrder() {
        Patch first = library.morph("main.store", "*main.memStore");
        Patch second = library.morph("main.store", "*main.diskStore");
        assertThat(storeName()).isEqualTo("disk");
        assertThatThrownBy(first::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("still applied on top");
        assertThat(first.isClosed()).isFalse();
        second.close();
        assertThat(storeName()).isEqualTo("mem");
        first.close();
    }

    @Test
    void restoreLeavesAVariableGoReassignedAlone() {
        long original = word("main.store");
        Patch patch = library.morph("main.store", "*main.memStore");
        long written = word("main.store");
        go.ResetStore();
        assertThat(word("main.store")).isEqualTo(original);
        assertThatThrownBy(patch::close).isInstanceOf(PatchConflictException.class)
                .hasMessageContaining("Go assigned the variable while it was morphed");
        assertThat(patch.isClosed()).isFalse();
        assertThat(word("main.store")).isEqualTo(original);
        // Put GoJack's word back so the patch can close (the fresh *diskStore is layout-compatible).
        Native.memory(library.variable("main.store").address()).putLong(0, written);
        patch.close();
        assertThat(word("main.store")).isEqualTo(original);
    }

    @Test
    void typesOfTheLoadedLibraryHaveProcessAddresses() {
        GoType mem = library.type("*main.memStore");
        assertThat(mem.address()).isEqualTo(library.loadBase() + mem.fileAddress());
        assertThat(mem.fileAddress()).isEqualTo(library.binary().type("*main.memStore").fileAddress());
        assertThat(mem.elem().orElseThrow().address()).isEqualTo(library.type("main.memStore").address());
        // The descriptor in memory is the one in the file: same size word.
        assertThat(Native.memory(mem.address()).getLong(0)).isEqualTo(8);
        assertThat(Native.memory(mem.elem().orElseThrow().address()).getLong(0)).isEqualTo(24);
    }

    @Test
    void morphingWhileGoroutinesDispatchAndTheCollectorRunsNeverCorruptsACall() {
        go.DispatchStressStart(3);
        int swaps = 0;
        try {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (Patch ignored = library.morph("main.store", "*main.memStore")) {
                    Thread.onSpinWait();
                }
                swaps++;
            }
        } finally {
            go.DispatchStressStop();
        }
        assertThat(swaps).isGreaterThan(100);
        assertThat(go.DispatchStressCount(2)).as("calls that returned neither a disk nor a mem result").isZero();
        assertThat(go.DispatchStressCount(0)).as("disk results").isPositive();
        assertThat(go.DispatchStressCount(1)).as("mem results").isPositive();
    }
}
