package dev.gojack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assembly functions called from Go have two pclntab entries of one name, the ABI0 body and its ABIInternal
 * wrapper. The plain name is the wrapper (what go tool nm, Go callers and users mean), {@code name.abi0} the body,
 * in unstripped and stripped libraries alike; {@link GoFunction#abi()} says which.
 */
@Tag("core")
class AbiWrapperTest {

    @ParameterizedTest(name = "{0}/libcalls.so")
    @ValueSource(strings = {Fixtures.NOINLINE, Fixtures.DEFAULT})
    void everyPairGoToolNmListsResolvesAsNmNamesIt(String variant) throws Exception {
        var file = Fixtures.library(variant, "calls");
        GoBinary binary = GoBinary.open(file);
        Map<String, GoToolNm.Entry> nm = GoToolNm.textSymbols(file);
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        int lone = 0;
        for (Map.Entry<String, GoToolNm.Entry> e : nm.entrySet()) {
            if (!e.getKey().endsWith(".abi0")) {
                continue;
            }
            String plain = e.getKey().substring(0, e.getKey().length() - 5);
            GoFunction body = binary.function(e.getKey());
            if (body.fileAddress() != e.getValue().address() || body.abi() != GoAbi.ABI0) {
                wrong.add(e.getKey() + " -> 0x" + Long.toHexString(body.fileAddress()) + " " + body.abi());
            }
            GoToolNm.Entry wrapper = nm.get(plain);
            GoFunction f = binary.function(plain);
            if (wrapper != null) {
                pairs++;
                if (f.fileAddress() != wrapper.address() || f.abi() != GoAbi.ABI_INTERNAL) {
                    wrong.add(plain + " -> 0x" + Long.toHexString(f.fileAddress()) + " " + f.abi() + ", nm 0x"
                            + Long.toHexString(wrapper.address()));
                }
            } else {
                lone++;
                if (f.fileAddress() != e.getValue().address() || f.abi() != GoAbi.ABI0) {
                    wrong.add(plain + " (no wrapper) -> " + f.abi());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(pairs).as("ABI0/ABIInternal pairs").isGreaterThan(5);
        assertThat(lone).as("assembly functions without a wrapper").isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"runtime.asmcgocall", "runtime.osyield", "runtime/cgo.set_crosscall2"})
    void thePlainNameIsTheWrapperInUnstrippedAndStrippedLibraries(String name) throws Exception {
        var file = Fixtures.library(Fixtures.NOINLINE, "calls");
        GoToolNm.Entry wrapper = GoToolNm.textSymbols(file).get(name);
        GoToolNm.Entry body = GoToolNm.textSymbols(file).get(name + ".abi0");
        assertThat(wrapper).as("nm " + name).isNotNull();
        assertThat(body).as("nm " + name + ".abi0").isNotNull();
        for (GoBinary b : List.of(GoBinary.open(file), GoBinary.open(Fixtures.library(Fixtures.STRIPPED, "calls")))) {
            GoFunction f = b.function(name);
            GoFunction abi0 = b.function(name + ".abi0");
            assertThat(f.fileAddress()).as(b + " " + name).isEqualTo(wrapper.address());
            assertThat(f.abi()).isEqualTo(GoAbi.ABI_INTERNAL);
            assertThat(f.isAssembly()).isFalse();
            assertThat(abi0.fileAddress()).isEqualTo(body.address());
            assertThat(abi0.abi()).isEqualTo(GoAbi.ABI0);
            assertThat(abi0.isAssembly()).isTrue();
            assertThat(abi0.signature()).isEmpty();
        }
    }

    @Test
    void goFunctionsAreAbiInternalAndLoneAssemblyInAStrippedLibraryIsUnknown() {
        GoBinary stripped = GoBinary.open(Fixtures.library(Fixtures.STRIPPED, "calls"));
        assertThat(stripped.function("main.add").abi()).isEqualTo(GoAbi.ABI_INTERNAL);
        GoBinary full = GoBinary.open(Fixtures.library(Fixtures.NOINLINE, "calls"));
        assertThat(full.function("runtime.memmove").abi()).isEqualTo(GoAbi.ABI_INTERNAL); // runtime <ABIInternal> asm
        assertThat(full.function("runtime.abort").abi()).isEqualTo(GoAbi.ABI0);
        assertThat(stripped.function("runtime.abort").abi()).isEqualTo(GoAbi.UNKNOWN);
    }
}
