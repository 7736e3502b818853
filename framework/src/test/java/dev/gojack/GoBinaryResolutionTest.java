package dev.gojack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** GoBinary finds every function at the address and size {@code go tool nm} prints, stripped or not. */
@Tag("core")
class GoBinaryResolutionTest {

    static Stream<Arguments> libraries() {
        List<Arguments> all = new ArrayList<>();
        for (String name : List.of("calls", "clock", "morph", "vars", "generics")) {
            for (String variant : List.of(Fixtures.NOINLINE, Fixtures.DEFAULT)) {
                all.add(Arguments.of(variant, name));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}/lib{1}.so")
    @MethodSource("libraries")
    void everyFunctionNmListsIsFoundAtTheSameAddressWithTheSameSize(String variant, String name) throws Exception {
        Path file = Fixtures.library(variant, name);
        GoBinary binary = GoBinary.open(file);
        Map<String, GoToolNm.Entry> nm = GoToolNm.textSymbols(file);
        Map<Long, GoFunction> byAddress = new java.util.HashMap<>();
        binary.functions().forEach(f -> byAddress.putIfAbsent(f.fileAddress(), f));
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, GoToolNm.Entry> e : nm.entrySet()) {
            // .symtab names an assembly body "X.abi0" when an ABIInternal wrapper "X" exists; the pclntab
            // calls both "X". C functions of cgo are not Go functions and are not in the pclntab.
            String goName = e.getKey().endsWith(".abi0") ? e.getKey().substring(0, e.getKey().length() - 5) : e.getKey();
            GoFunction f = byAddress.get(e.getValue().address());
            if (e.getValue().size() == 0) {
                continue; // markers such as runtime.text share the address of the first function
            }
            if (f == null) {
                if (binary.findFunction(goName).isPresent() && binary.findFunction(goName).get().fileAddress()
                        == e.getValue().address()) {
                    mismatches.add(goName + " not listed by functions()");
                }
                continue;
            }
            if (!f.name().replace('\u00b7', '.').equals(goName) || f.size() != e.getValue().size()) {
                mismatches.add(e.getKey() + ": nm 0x" + Long.toHexString(e.getValue().address()) + "/"
                        + e.getValue().size() + ", GoJack " + f.name() + "/" + f.size());
            }
            checked++;
        }
        assertThat(mismatches).as("functions resolved differently from go tool nm").isEmpty();
        assertThat(checked).as("functions compared").isGreaterThan(1000);
        assertThat(binary.function("main.main").fileAddress()).isEqualTo(nm.get("main.main").address());
    }

    @ParameterizedTest(name = "lib{0}.so")
    @MethodSource("names")
    void strippedLibraryResolvesEveryFunctionOfTheUnstrippedOneAtTheSameAddress(String name) {
        GoBinary full = GoBinary.open(Fixtures.library(Fixtures.NOINLINE, name));
        GoBinary stripped = GoBinary.open(Fixtures.library(Fixtures.STRIPPED, name));
        assertThat(full.isStripped()).isFalse();
        assertThat(stripped.isStripped()).isTrue();
        List<String> missing = new ArrayList<>();
        for (String fn : full.functionNames()) {
            if (fn.startsWith("go:textfips")) {
                continue; // section markers without a pcsp table: only .symtab knows their size
            }
            var s = stripped.findFunction(fn);
            if (s.isEmpty() || s.get().fileAddress() != full.function(fn).fileAddress()
                    || s.get().size() != full.function(fn).size()) {
                missing.add(fn);
            }
        }
        assertThat(missing).as("functions of the unstripped library not found identically when stripped").isEmpty();
    }

    static Stream<String> names() {
        return Stream.of("calls", "clock", "morph", "vars", "generics");
    }

    @org.junit.jupiter.api.Test
    void inlineTreesAreReadIdenticallyFromAStrippedLibrary(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // The stripped fixtures are built without inlining; strip(1) a default build to get one with inline trees.
        Path original = Fixtures.library(Fixtures.DEFAULT, "calls");
        Path stripped = tmp.resolve("libcalls-stripped.so");
        Process strip = new ProcessBuilder("strip", "--strip-all", "-o", stripped.toString(), original.toString())
                .inheritIO().start();
        assertThat(strip.waitFor()).as("strip exit code").isZero();
        GoBinary full = GoBinary.open(original);
        GoBinary bare = GoBinary.open(stripped);
        assertThat(bare.isStripped()).isTrue();
        assertThat(full.inlinedFunctions()).hasSizeGreaterThan(100);
        assertThat(bare.inlinedFunctions()).isEqualTo(full.inlinedFunctions());
        assertThat(bare.inlinedInto("main.tiny")).isEqualTo(full.inlinedInto("main.tiny")).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void exportsAreTheFunctionsTheLibraryGivesToC() {
        GoBinary calls = GoBinary.open(Fixtures.library("calls"));
        assertThat(calls.exports()).contains("CallAddDirect", "StressStart", "GoJackKeepAlive", "crosscall2")
                .doesNotContain("main.add");
    }
}
