package dev.gojack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GoBinary reads a linux/arm64 file on this x86-64 host: pc quantum 4 and R_AARCH64_RELATIVE relocations (the
 * file's pointer words are not the relocated values). The fixture is a pure-Go arm64 PIE, which has the pclntab,
 * buildinfo and relocation shape of an arm64 c-shared library without needing a cross C compiler.
 */
class Arm64FileTest {
    private static Path file(String name) {
        Path p = Fixtures.dir().resolve("arm64").resolve(name);
        if (!p.toFile().isFile()) {
            throw new IllegalStateException(p + " does not exist; run 'make fixtures' first");
        }
        return p;
    }

    @Test
    void everyFunctionNmListsIsFoundAtTheSameAddressWithTheSameSize() throws Exception {
        GoBinary binary = GoBinary.open(file("arm64exe"));
        assertThat(binary.architecture()).isEqualTo("arm64");
        assertThat(binary.goVersion()).startsWith("go1.");
        assertThat(binary.buildSettings()).containsEntry("GOARCH", "arm64").containsEntry("-buildmode", "pie");
        Map<Long, GoFunction> byAddress = new HashMap<>();
        binary.functions().forEach(f -> byAddress.putIfAbsent(f.fileAddress(), f));
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, GoToolNm.Entry> e : GoToolNm.textSymbols(file("arm64exe")).entrySet()) {
            GoFunction f = byAddress.get(e.getValue().address());
            String goName = e.getKey().endsWith(".abi0") ? e.getKey().substring(0, e.getKey().length() - 5) : e.getKey();
            if (f == null || e.getValue().size() == 0) {
                continue;
            }
            checked++;
            if (!f.name().replace('\u00b7', '.').equals(goName) || f.size() != e.getValue().size()) {
                mismatches.add(e.getKey() + ": nm " + e.getValue() + ", GoJack " + f);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThan(1000);
        assertThat(binary.function("main.(*Counter).Scaled").size()).isPositive();
        assertThat(binary.function("main.pick[go.shape.string]").argsSize()).isPositive();
    }

    @Test
    void theStrippedFileResolvesTheSameFunctionsThroughItsRelocatedPclntab() {
        GoBinary full = GoBinary.open(file("arm64exe"));
        GoBinary stripped = GoBinary.open(file("arm64exe-stripped"));
        assertThat(stripped.isStripped()).isTrue();
        for (String name : List.of("main.add", "main.Counter.Value", "main.(*Counter).Scaled", "main.main",
                "main.pick[go.shape.string]", "runtime.mallocgc")) {
            assertThat(stripped.function(name).fileAddress()).as(name).isEqualTo(full.function(name).fileAddress());
            assertThat(stripped.function(name).size()).as(name).isEqualTo(full.function(name).size());
        }
        assertThat(stripped.functionNames()).hasSameSizeAs(full.functionNames());
    }

    @Test
    void typesAndInlineTreesAreReadThroughAarch64Relocations() {
        GoBinary binary = GoBinary.open(file("arm64exe"));
        assertThat(binary.type("string").size()).isEqualTo(16);
        assertThat(binary.type("*os.File").elem().map(GoType::name)).contains("os.File");
        assertThat(binary.inlinedFunctions()).hasSizeGreaterThan(500);
        assertThat(binary.inlinedInto("runtime.releasem")).isNotEmpty();
    }

    @Test
    void loadingAnArm64FileIntoThisJvmIsRefusedClearly() {
        assertThatThrownBy(() -> GoLibrary.load(file("arm64exe")))
                .isInstanceOf(UnsupportedLibraryException.class)
                .hasMessageContaining("arm64").hasMessageContaining("GoBinary.open still reads it");
    }
}
