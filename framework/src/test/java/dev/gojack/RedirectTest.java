package dev.gojack;

import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.LibraryMappings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.function.LongBinaryOperator;

import static dev.gojack.NothingLeftPatched.assertNothingLeftPatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirects of the calls fixture: every call kind sees them, nesting, refusals, exact restore. */
@Tag("core")
class RedirectTest {
    static GoLibrary library;
    static CallsLibrary calls;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("calls"));
        calls = Fixtures.bind(CallsLibrary.class, library);
    }

    @AfterEach
    void nothingLeftOpen() {
        assertNothingLeftPatched(library);
    }

    private LongBinaryOperator addCall(String kind) {
        return switch (kind) {
            case "direct" -> calls::CallAddDirect;
            case "func value" -> calls::CallAddViaFuncValue;
            case "func argument" -> calls::CallAddViaFuncArg;
            case "closure" -> calls::CallAddViaClosure;
            case "capturing closure" -> calls::CallAddViaCapturingClosure;
            case "deferred" -> calls::CallAddDeferred;
            case "goroutine" -> calls::CallAddInGoroutine;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "func value", "func argument", "closure", "capturing closure", "deferred", "goroutine"})
    void redirectedTopLevelFunctionIsSeenThroughEveryCallKindAndRestored(String kind) {
        LongBinaryOperator call = addCall(kind);
        assertThat(call.applyAsLong(3, 4)).isEqualTo(7);
        try (Patch patch = library.redirect("main.add", "main.addReplacement")) {
            assertThat(patch.isRunningSafe()).isTrue();
            assertThat(call.applyAsLong(3, 4)).isEqualTo(304);
        }
        assertThat(call.applyAsLong(3, 4)).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "via pointer", "method value", "method expression T.M", "method expression (*T).M",
            "interface holding T", "interface holding *T"})
    void redirectedValueMethodIsSeenThroughEveryCallKind(String kind) {
        LongBinaryOperator call = switch (kind) {
            case "direct" -> calls::CallValueMethodDirect;
            case "via pointer" -> calls::CallValueMethodViaPointer;
            case "method value" -> calls::CallValueMethodViaMethodValue;
            case "method expression T.M" -> calls::CallValueMethodViaMethodExpr;
            case "method expression (*T).M" -> calls::CallValueMethodViaPtrMethodExpr;
            case "interface holding T" -> calls::CallValueMethodViaInterface;
            case "interface holding *T" -> calls::CallValueMethodViaPtrInterface;
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(call.applyAsLong(10, 5)).isEqualTo(15);
        try (Patch ignored = library.redirect("main.Counter.Value", "main.counterValueReplacement")) {
            assertThat(call.applyAsLong(10, 5)).isEqualTo(1_000_015);
        }
        assertThat(call.applyAsLong(10, 5)).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "addressable value", "method value", "method expression", "interface"})
    void redirectedPointerMethodIsSeenThroughEveryCallKind(String kind) {
        LongBinaryOperator call = switch (kind) {
            case "direct" -> calls::CallPtrMethodDirect;
            case "addressable value" -> calls::CallPtrMethodOnAddressable;
            case "method value" -> calls::CallPtrMethodViaMethodValue;
            case "method expression" -> calls::CallPtrMethodViaMethodExpr;
            case "interface" -> calls::CallPtrMethodViaInterface;
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(call.applyAsLong(10, 5)).isEqualTo(50);
        try (Patch ignored = library.redirect("main.(*Counter).Scaled", "main.counterScaledReplacement")) {
            assertThat(call.applyAsLong(10, 5)).isEqualTo(2_000_050);
        }
        assertThat(call.applyAsLong(10, 5)).isEqualTo(50);
    }

    @Test
    void closureBodiesAreRedirectedAndACapturingReplacementReadsTheOriginalCaptures() {
        assertThat(calls.CallClosureNoCapture(3, 1)).isEqualTo(10);
        try (Patch ignored = library.redirect("main.makePlainClosure.func1", "main.plainClosureReplacement")) {
            assertThat(calls.CallClosureNoCapture(3, 1)).isEqualTo(28);
        }
        assertThat(calls.CallClosureWithCapture(5)).isEqualTo(15);
        try (Patch ignored = library.redirect("main.makeOffsetAdder.func1", "main.makeOffsetMultiplier.func1")) {
            assertThat(calls.CallClosureWithCapture(5)).isEqualTo(50);
        }
        assertThat(calls.CallClosureWithCapture(5)).isEqualTo(15);
    }

    @Test
    void redirectToFuncValueCallsTheClosureHeldInTheVariableWithItsCaptures() {
        assertThat(calls.CallOneArg(3)).isEqualTo(4);
        try (Patch patch = library.redirectToFuncValue("main.oneArg", "main.scaler")) {
            assertThat(calls.CallOneArg(3)).isEqualTo(21);
            assertThat(patch.describe()).contains("main.oneArg", "main.scaler");
        }
        assertThat(calls.CallOneArg(3)).isEqualTo(4);
    }

    @Test
    void nestedPatchesRestoreInnerToOuterThenToTheOriginal() {
        try (Patch outer = library.redirect("main.add", "main.addReplacement")) {
            assertThat(calls.CallAddDirect(1, 2)).isEqualTo(102);
            try (Patch inner = library.stubReturn("main.add", GoValue.int64(-5))) {
                assertThat(calls.CallAddDirect(1, 2)).isEqualTo(-5);
            }
            assertThat(calls.CallAddDirect(1, 2)).isEqualTo(102);
        }
        assertThat(calls.CallAddDirect(1, 2)).isEqualTo(3);
    }

    @Test
    void closingTheOuterPatchFirstLeavesTheInnerInForceUntilItCloses() {
        Patch outer = library.redirect("main.add", "main.addReplacement");
        Patch inner = library.stubReturn("main.add", GoValue.int64(9));
        outer.close();
        assertThat(calls.CallAddDirect(1, 2)).isEqualTo(9);
        inner.close();
        assertThat(calls.CallAddDirect(1, 2)).isEqualTo(3);
    }

    @Test
    void restorePutsBackExactlyTheBytesOfTheLibraryFile() {
        for (String target : new String[] {"main.add", "main.leafConst", "main.Counter.Value", "main.(*Counter).Scaled"}) {
            GoFunction f = library.function(target);
            byte[] file = library.binary().elf().bytesAt(f.fileAddress(), (int) f.size());
            Patch p = library.stubReturn(target, GoValue.int64(1));
            assertThat(read(f.address(), (int) f.size())).as(target + " while patched").isNotEqualTo(file);
            p.close();
            assertThat(read(f.address(), (int) f.size())).as(target + " after restore").isEqualTo(file);
        }
    }

    @Test
    void noPageIsWritableAndExecutableWhilePatchedAndCodePagesKeepTheirProtection() {
        try (Patch ignored = library.redirect("main.add", "main.addReplacement")) {
            assertThat(library.writableExecutablePages()).isEmpty();
            var stubViews = LibraryMappings.read().stream().filter(m -> m.path().contains("gojack-stubs")).toList();
            assertThat(stubViews).as("stub memory: one executable view, one writable view")
                    .anyMatch(m -> m.protection() == (Native.PROT_READ | Native.PROT_EXEC))
                    .anyMatch(m -> m.protection() == (Native.PROT_READ | Native.PROT_WRITE))
                    .noneMatch(LibraryMappings.Mapping::writableAndExecutable);
        }
        long textPage = library.function("main.add").address() & -Native.pageSize();
        // The page is now GoJack's view of it (a memory-file mapping of the same bytes), with the same protection.
        LibraryMappings.Mapping now = LibraryMappings.read().stream()
                .filter(m -> m.start() <= textPage && textPage < m.end()).findFirst().orElseThrow();
        assertThat(now.path()).isIn(library.path().toString(), "/memfd:gojack-text (deleted)");
        assertThat(now.protection()).isEqualTo(Native.PROT_READ | Native.PROT_EXEC);
    }

    @Test
    void shortLeafFunctionsArePatchedThroughPaddingAndStaySafeForRunningThreads() {
        assertThat(calls.CallLeafConst()).isEqualTo(42);
        try (Patch p = library.redirect("main.leafConst", "main.leafConstReplacement")) {
            assertThat(p.isRunningSafe()).isTrue();
            assertThat(calls.CallLeafConst()).isEqualTo(4242);
        }
        try (Patch p = library.redirect("main.leafIdentity", "main.leafIdentityReplacement")) {
            assertThat(p.isRunningSafe()).as("a lone RET is hot-patched through padding").isTrue();
            assertThat(calls.CallLeafIdentity(41)).isEqualTo(42);
        }
        assertThat(calls.CallLeafConst()).isEqualTo(42);
        assertThat(calls.CallLeafIdentity(41)).isEqualTo(41);
    }

    @Test
    void closingTwiceIsAnError() {
        Patch p = library.redirect("main.add", "main.addReplacement");
        p.close();
        assertThat(p.isClosed()).isTrue();
        assertThatThrownBy(p::close).isInstanceOf(PatchStateException.class)
                .hasMessageContaining("main.add").hasMessageContaining("already closed");
        assertThat(calls.CallAddDirect(1, 1)).isEqualTo(2);
    }

    @Test
    void differentArgumentSizesAreRefusedNamingBothFunctions() {
        assertThatThrownBy(() -> library.redirect("main.threeArgs", "main.oneArgReplacement"))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("main.threeArgs").hasMessageContaining("main.oneArgReplacement")
                .hasMessageContaining("main.threeArgs is func(a int, b int, c int) int and main.oneArgReplacement "
                        + "is func(a int) int").hasMessageContaining("b int in RBX")
                .hasMessageContaining(library.path().toString());
        assertThat(calls.CallThreeArgs(1, 2, 3)).isEqualTo(6);
    }

    @Test
    void unknownNamesAreRefusedWithTheNearestNamesOfTheSamePackage() {
        assertThatThrownBy(() -> library.redirect("main.addd", "main.addReplacement"))
                .isInstanceOf(SymbolNotFoundException.class)
                .hasMessageContaining("'main.addd'").hasMessageContaining(library.path().toString())
                .hasMessageContaining("Nearest names: main.add,");
    }

    @Test
    void bytesChangedByAnotherToolAreNeverOverwritten() {
        GoFunction f = library.function("main.oneArg");
        byte[] original = read(f.address(), 8);
        byte[] foreign = original.clone();
        foreign[0] = (byte) 0xcc;
        poke(f.address(), foreign);
        try {
            assertThatThrownBy(() -> library.redirect("main.oneArg", "main.oneArgReplacement"))
                    .isInstanceOf(PatchConflictException.class)
                    .hasMessageContaining("main.oneArg").hasMessageContaining("Another tool patched it");
            assertThat(read(f.address(), 8)).isEqualTo(foreign);
        } finally {
            poke(f.address(), original);
        }
    }

    @Test
    void restoreRefusesToOverwriteBytesChangedWhileThePatchWasInPlace() {
        GoFunction f = library.function("main.oneArg");
        Patch p = library.redirect("main.oneArg", "main.oneArgReplacement");
        byte[] patched = read(f.address(), 8);
        byte[] tampered = patched.clone();
        tampered[0] = (byte) 0x90;
        poke(f.address(), tampered);
        assertThatThrownBy(p::close).isInstanceOf(PatchConflictException.class)
                .hasMessageContaining("Cannot restore main.oneArg");
        assertThat(read(f.address(), 8)).isEqualTo(tampered);
        assertThat(p.isClosed()).isFalse();
        poke(f.address(), patched);
        p.close();
        assertThat(calls.CallOneArg(1)).isEqualTo(2);
    }

    @Test
    void restoreAllClosesEveryOpenPatchNewestFirst() {
        Patch a = library.redirect("main.add", "main.addReplacement");
        Patch b = library.stubReturn("main.add", GoValue.int64(11));
        Patch c = library.redirect("main.oneArg", "main.oneArgReplacement");
        assertThat(library.openPatches()).containsExactly(a, b, c);
        library.restoreAll();
        assertThat(a.isClosed() && b.isClosed() && c.isClosed()).isTrue();
        assertThat(calls.CallAddDirect(2, 2)).isEqualTo(4);
        assertThat(calls.CallOneArg(2)).isEqualTo(3);
    }

    @Test
    void loadingTheSameFileAgainReturnsTheSameLibrary() {
        assertThat(GoLibrary.load(Fixtures.library("calls"))).isSameAs(library);
    }

    @Test
    void loadingTheSameFileThroughASymbolicLinkReturnsTheSameLibrary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("alias.so"), library.path());
        assertThat(GoLibrary.load(link)).isSameAs(library);
        java.nio.file.Files.delete(link);
    }

    @Test
    void loadingASecondGoLibraryIsRefusedExplainingWhyAndWhatToDo() {
        assertThatThrownBy(() -> GoLibrary.load(Fixtures.library("clock")))
                .isInstanceOf(LibraryLoadException.class)
                .hasMessageContaining("libclock.so").hasMessageContaining("libcalls.so")
                .hasMessageContaining("two Go runtimes").hasMessageContaining("reuseForks")
                .hasMessageContaining("gojack.allowMultipleGoRuntimes");
    }

    @Test
    void goroutinesCallingTheTargetWhileItIsPatchedAndRestoredThousandsOfTimesSeeOnlyOriginalOrReplacement() {
        calls.StressStart(4);
        try {
            // 3 s of cycles, at least 1000 of them: on a loaded machine (load 15 on 2 CPUs: 617 in 3 s) the
            // first thousand may take longer, up to a minute.
            long start = System.nanoTime();
            int cycles = 0;
            while (cycles < 20_000 && System.nanoTime() - start < (cycles < 1000 ? 60_000_000_000L : 3_000_000_000L)) {
                try (Patch ignored = library.redirect("main.add", "main.addReplacement")) {
                    cycles++;
                }
            }
            assertThat(cycles).isGreaterThan(1000);
        } finally {
            calls.StressStop();
        }
        assertThat(calls.StressCount(2)).as("calls that returned neither result").isZero();
        assertThat(calls.StressCount(0)).as("original results").isPositive();
        assertThat(calls.StressCount(1)).as("replacement results").isPositive();
    }

    static byte[] read(long address, int length) {
        byte[] out = new byte[length];
        Native.memory(address).get(0, out, 0, length);
        return out;
    }

    /** Writes code bytes behind GoJack's back, as another tool would. */
    static void poke(long address, byte[] bytes) {
        long page = address & -Native.pageSize();
        Native.protect(page, Native.pageSize(), Native.PROT_READ | Native.PROT_WRITE | Native.PROT_EXEC);
        Native.memory(address).put(0, bytes, 0, bytes.length);
        Native.protect(page, Native.pageSize(), Native.PROT_READ | Native.PROT_EXEC);
        assertThat(Arrays.equals(read(address, bytes.length), bytes)).isTrue();
    }
}
