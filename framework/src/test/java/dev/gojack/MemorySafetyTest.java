package dev.gojack;

import dev.gojack.internal.nat.Native;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stub results far larger than one chunk of stub memory, and Java readers of Go memory given words that look
 * like pointers but lead nowhere (go-fixtures/memsafe). Before GoJack checked either, each of these killed the
 * JVM with SIGSEGV.
 */
@Tag("core")
class MemorySafetyTest {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long WILD = 0x7f0000000000L;

    static GoLibrary library;
    static MemsafeLibrary go;

    @BeforeAll
    static void load() {
        library = GoLibrary.load(Fixtures.library("memsafe"));
        go = Fixtures.bind(MemsafeLibrary.class, library);
    }

    @AfterEach
    void everythingRestored() {
        assertThat(library.openPatches()).isEmpty();
        assertThat(go.TextLen()).isEqualTo(5);
        assertThat(go.RowsHash(1)).isEqualTo(rowsHash(new long[][] {{0, -1}}));
    }

    @Test
    void aStringResultOfThreeMebibytesReachesGoByteForByte() {
        byte[] text = randomText(3 << 20, 1);
        try (Patch p = library.stubReturn("main.bigText", GoValue.string(new String(text, StandardCharsets.UTF_8)))) {
            assertThat(go.TextLen()).isEqualTo(text.length);
            assertThat(go.TextHash()).isEqualTo(fnv(FNV_OFFSET, text));
        }
    }

    @Test
    void aSequenceOfTwoHundredThousandRowsIsReturnedRowByRow() {
        int n = 200_000;
        SplittableRandom random = new SplittableRandom(2);
        long[][] rows = new long[n][];
        List<GoValue[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long a = random.nextLong();
            rows[i] = new long[] {a, ~a};
            values.add(new GoValue[] {GoValue.int64(a), GoValue.int64(~a)});
        }
        try (StubPatch p = library.stubSequence("main.nextRow", values)) {
            assertThat(go.RowsHash(n)).isEqualTo(rowsHash(rows));
            assertThat(p.callCount()).isEqualTo(n);
            assertThat(go.RowsHash(1)).as("the last row repeats").isEqualTo(rowsHash(new long[][] {rows[n - 1]}));
        }
    }

    @Test
    void twoPlainWordsAreNotReadAsAnInterfaceValue() {
        assertThat(library.variable("main.twoWords").getBytes()).hasSize(16);
        assertThatThrownBy(() -> library.interfaceVariable("main.twoWords"))
                .isInstanceOf(UnreadableMemoryException.class)
                .hasMessageContaining("main.twoWords").hasMessageContaining(library.path().toString())
                .hasMessageContaining("0x" + Long.toHexString(WILD));
    }

    @Test
    void aTypeWordPointingIntoAnInaccessibleMappingIsRefused() {
        long page = Native.pageSize();
        int fd = Native.memoryFile("memsafe-test", page);
        long inaccessible = Native.mapFile(fd, 0, page, Native.PROT_NONE);
        Native.closeFile(fd);
        LiveVariable v = library.variable("main.twoWords");
        long original = Native.memory(v.address()).getLong(0);
        Native.memory(v.address()).putLong(0, inaccessible);
        try {
            assertThatThrownBy(() -> library.interfaceVariable("main.twoWords"))
                    .isInstanceOf(UnreadableMemoryException.class)
                    .hasMessageContaining("main.twoWords")
                    .hasMessageContaining("0x" + Long.toHexString(inaccessible));
        } finally {
            Native.memory(v.address()).putLong(0, original);
            Native.unmap(inaccessible, page);
        }
    }

    @Test
    void aStringHeaderWithAWildDataPointerIsRefused() {
        assertThatThrownBy(() -> library.variable("main.wildString").getString())
                .isInstanceOf(UnreadableMemoryException.class)
                .hasMessageContaining("main.wildString").hasMessageContaining(library.path().toString())
                .hasMessageContaining("0x" + Long.toHexString(WILD));
    }

    @Test
    void aStringWhoseLengthRunsPastTheEndOfItsMappingIsRefused() {
        assertThatThrownBy(() -> library.variable("main.longString").getString())
                .isInstanceOf(UnreadableMemoryException.class)
                .hasMessageContaining("main.longString").hasMessageContaining(String.valueOf(1 << 30));
    }

    @Test
    void readingStillWorksForRealValues() {
        assertThat(library.variable("main.counterWord").getInt64()).isEqualTo(7);
        assertThat(go.WildWords()).isEqualTo(WILD + WILD + 0x1000 + WILD + 4096
                + library.variable("main.counterWord").address() + (1L << 30) + 7);
    }

    static byte[] randomText(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) (' ' + random.nextInt(95));
        }
        return text;
    }

    static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    static long rowsHash(long[][] rows) {
        long h = FNV_OFFSET;
        for (long[] row : rows) {
            for (long w : row) {
                for (int k = 0; k < 8; k++) {
                    h ^= (w >>> (8 * k)) & 0xff;
                    h *= FNV_PRIME;
                }
            }
        }
        return h;
    }
}
