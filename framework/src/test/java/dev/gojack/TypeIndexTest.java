package dev.gojack;

import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The type index read from the file alone (nothing is loaded): names, sizes, pointer layouts, direct-interface
 * flags, methods and itabs, for Go 1.26 and Go 1.21 builds, with and without a symbol table.
 */

class TypeIndexTest {
    private static final String GO121 = "go1.21/";

    private static GoBinary morph(String variant) {
        return GoBinary.open(Fixtures.library(variant, "morph"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noinline", "go1.21/noinline", "stripped", "go1.21/stripped", "default"})
    void namedStructAndItsPointerAreDescribed(String variant) {
        GoBinary bin = morph(variant);
        GoType mem = bin.type("main.memStore");
        assertThat(mem.name()).isEqualTo("main.memStore");
        assertThat(mem.kind()).isEqualTo(GoType.Kind.STRUCT);
        assertThat(mem.size()).isEqualTo(24);
        assertThat(mem.pointerBytes()).isEqualTo(8);
        assertThat(mem.pointerOffsets()).contains(List.of(0L));
        assertThat(mem.isDirectInterface()).isFalse();
        assertThat(mem.isNamed()).isTrue();
        assertThat(mem.packagePath()).isEqualTo("main");
        assertThat(mem.alignment()).isEqualTo(8);
        assertThat(mem.elem()).isEmpty();
        assertThat(mem.address()).isEqualTo(mem.fileAddress());

        GoType ptr = bin.type("*main.memStore");
        assertThat(ptr.kind()).isEqualTo(GoType.Kind.POINTER);
        assertThat(ptr.size()).isEqualTo(8);
        assertThat(ptr.pointerBytes()).isEqualTo(8);
        assertThat(ptr.isDirectInterface()).isTrue();
        assertThat(ptr.isNamed()).isFalse();
        assertThat(ptr.elem()).contains(mem);
        assertThat(ptr.methods()).containsExactly("Get", "Name");
        assertThat(ptr.qualifiedName()).isEqualTo("*main.memStore");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noinline", "go1.21/noinline", "stripped", "go1.21/stripped"})
    void fixtureTypesHaveTheLayoutsTheirDeclarationsGive(String variant) {
        GoBinary bin = morph(variant);
        GoType disk = bin.type("main.diskStore");
        assertThat(disk.size()).isEqualTo(24);
        assertThat(disk.pointerOffsets()).contains(List.of(0L));

        GoType big = bin.type("main.bigStore");
        assertThat(big.size()).isEqualTo(48);
        assertThat(big.pointerBytes()).isEqualTo(40);
        assertThat(big.pointerOffsets()).contains(List.of(0L, 16L, 32L));

        GoType ints = bin.type("main.intStore");
        assertThat(ints.size()).isEqualTo(24);
        assertThat(ints.pointerBytes()).isZero();
        assertThat(ints.pointerOffsets()).contains(List.of());

        GoType pointA = bin.type("main.pointA");
        assertThat(pointA.size()).isEqualTo(16);
        assertThat(pointA.pointerBytes()).isZero();
        assertThat(pointA.methods()).containsExactly("String", "Sum");
        assertThat(bin.type("main.pointB").methods()).containsExactly("Product", "String");

        GoType store = bin.type("main.Store");
        assertThat(store.kind()).isEqualTo(GoType.Kind.INTERFACE);
        assertThat(store.size()).isEqualTo(16);
        assertThat(store.pointerOffsets()).contains(List.of(8L));
        assertThat(store.methods()).containsExactly("Get", "Name");
        assertThat(store.packagePath()).isEqualTo("main");

        GoType error = bin.type("error");
        assertThat(error.kind()).isEqualTo(GoType.Kind.INTERFACE);
        assertThat(error.methods()).containsExactly("Error");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noinline", "go1.21/noinline", "stripped", "go1.21/stripped"})
    void timeTimeIsTwentyFourBytesAllPointerPrefix(String variant) {
        GoBinary bin = GoBinary.open(Fixtures.library(variant, "clock"));
        GoType time = bin.type("time.Time");
        assertThat(time.kind()).isEqualTo(GoType.Kind.STRUCT);
        assertThat(time.size()).isEqualTo(24);
        assertThat(time.pointerBytes()).isEqualTo(24);
        assertThat(time.pointerOffsets()).contains(List.of(16L));
        assertThat(time.packagePath()).isEqualTo("time");
        assertThat(time.isDirectInterface()).isFalse();
        assertThat(bin.type("*time.Time").elem()).contains(time);
    }

    @Test
    void directInterfaceFlagMovedFromKindToTFlagInGo126() {
        TypeDescriptor go121 = morph(GO121 + "noinline").type("*main.memStore").descriptor();
        assertThat(go121.kindByte() & TypeDescriptor.KIND_DIRECT_IFACE).isNotZero();
        assertThat(go121.tflag() & TypeDescriptor.TFLAG_DIRECT_IFACE).isZero();
        assertThat(go121.directIface()).isTrue();

        GoBinary current = morph("noinline");
        TypeDescriptor now = current.type("*main.memStore").descriptor();
        if (current.goVersion().matches("go1\\.(2[6-9]|[3-9]\\d).*")) {
            assertThat(now.kindByte() & TypeDescriptor.KIND_DIRECT_IFACE).isZero();
            assertThat(now.tflag() & TypeDescriptor.TFLAG_DIRECT_IFACE).isNotZero();
        }
        assertThat(now.directIface()).isTrue();
        assertThat(current.type("main.memStore").descriptor().directIface()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noinline", "go1.21/noinline"})
    void everyItabSymbolIsIndexedWithTheTypesItsNameSays(String variant) {
        GoBinary bin = morph(variant);
        TypeIndex index = bin.typeIndex();
        int checked = 0;
        for (GoVariable v : bin.variables()) {
            if (!v.name().startsWith("go:itab.") || v.name().contains("[")) {
                continue;
            }
            String[] pair = v.name().substring("go:itab.".length()).split(",");
            TypeIndex.Itab itab = index.itabAt(v.fileAddress()).orElseThrow(() -> new AssertionError(v.name()));
            assertThat(itab.symbol()).isEqualTo(v.name());
            assertThat(itab.complete()).as(v.name()).isTrue();
            TypeIndex.Itab same = index.itab(itab.inter(), itab.type()).orElseThrow();
            assertThat(same.address()).isEqualTo(itab.address());
            GoType type = new GoType(index, index.at(itab.type()).orElseThrow(), 0);
            GoType inter = new GoType(index, index.at(itab.inter()).orElseThrow(), 0);
            assertThat(type.qualifiedName()).as(v.name()).isEqualTo(pair[0]);
            assertThat(inter.qualifiedName()).as(v.name()).isEqualTo(pair[1]);
            assertThat(inter.kind()).isEqualTo(GoType.Kind.INTERFACE);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
        TypeIndex.Itab memStore = index.itabAt(bin.variable("go:itab.*main.memStore,main.Store").fileAddress())
                .orElseThrow();
        assertThat(memStore.type()).isEqualTo(bin.type("*main.memStore").fileAddress());
        assertThat(memStore.inter()).isEqualTo(bin.type("main.Store").fileAddress());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stripped", "go1.21/stripped"})
    void strippedLibrariesStillListTheirItabsThroughItablinks(String variant) {
        GoBinary bin = morph(variant);
        TypeIndex index = bin.typeIndex();
        long store = bin.type("main.Store").fileAddress();
        List<String> implementations = new ArrayList<>();
        for (TypeIndex.Itab itab : index.itabs()) {
            if (itab.inter() == store) {
                implementations.add(index.at(itab.type()).orElseThrow().name());
            }
        }
        assertThat(implementations).containsExactlyInAnyOrder("*main.diskStore", "*main.memStore",
                "*main.bigStore", "*main.intStore");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noinline", "go1.21/noinline"})
    void fullImportPathsAreAcceptedWherePackageNamesArePrinted(String variant) {
        GoBinary bin = morph(variant);
        GoType rtype = bin.type("reflectlite.rtype");
        assertThat(rtype.packagePath()).isEqualTo("internal/reflectlite");
        assertThat(rtype.qualifiedName()).isEqualTo("internal/reflectlite.rtype");
        assertThat(bin.type("internal/reflectlite.rtype")).isEqualTo(rtype);
        assertThat(bin.type("*internal/reflectlite.rtype").elem()).contains(rtype);
        assertThat(bin.type("*internal/reflectlite.rtype"))
                .isEqualTo(bin.type("*reflectlite.rtype"));
    }

    @Test
    void unknownTypeNamesAreRefusedWithTheNearestNames() {
        GoBinary bin = morph("noinline");
        assertThatThrownBy(() -> bin.type("main.memstore"))
                .isInstanceOf(SymbolNotFoundException.class)
                .hasMessageContaining("No Go type 'main.memstore'")
                .hasMessageContaining("main.memStore");
        assertThatThrownBy(() -> bin.type("example.com/nowhere.T"))
                .isInstanceOf(SymbolNotFoundException.class);
    }

    @Test
    void typesListsEveryDescriptorOnceSortedByName() {
        GoBinary bin = morph("noinline");
        List<GoType> all = bin.types();
        assertThat(all).hasSizeGreaterThan(200);
        assertThat(all).extracting(GoType::name).isSorted()
                .contains("main.memStore", "*main.memStore", "main.Store", "main.pointA", "string", "error");
        assertThat(all).extracting(GoType::fileAddress).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(t -> {
            assertThat(t.pointerBytes()).isBetween(0L, t.size());
            assertThat(t.kind()).isNotEqualTo(GoType.Kind.INVALID);
        });
    }

    @Test
    void theIndexIsReadOncePerBinary() {
        GoBinary bin = morph("noinline");
        assertThat(bin.typeIndex()).isSameAs(bin.typeIndex());
    }
}
