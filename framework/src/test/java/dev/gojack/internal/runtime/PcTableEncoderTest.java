package dev.gojack.internal.runtime;

import dev.gojack.internal.elf.ByteView;
import dev.gojack.internal.golang.PcValueTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pc-value encoder, checked by decoding with the runtime-equivalent {@link PcValueTable}. */
class PcTableEncoderTest {
    private static final long ENTRY = 0x105180;

    @Test
    void encodedRunsDecodeToTheSameRunsIncludingAFirstValueOfMinusOneAndLargeValues() {
        List<PcTableEncoder.Run> runs = List.of(run(0, 4, -1), run(4, 9, 8), run(9, 300, 1_000_000), run(300, 301, -2),
                run(301, 306, 0));
        assertThat(decode(PcTableEncoder.encode(runs, 1), 1)).isEqualTo(runs);
    }

    @Test
    void equalNeighboursAreMergedBecauseAZeroChangeWouldEndTheTable() {
        List<PcTableEncoder.Run> runs = List.of(run(0, 4, 0), run(4, 8, 8), run(8, 12, 8), run(12, 17, 0));
        assertThat(decode(PcTableEncoder.encode(runs, 1), 1))
                .containsExactly(run(0, 4, 0), run(4, 12, 8), run(12, 17, 0));
    }

    @Test
    void pcDeltasAreCountedInQuanta() {
        List<PcTableEncoder.Run> runs = List.of(run(0, 8, 16), run(8, 12, 0));
        assertThat(decode(PcTableEncoder.encode(runs, 4), 4)).isEqualTo(runs);
        assertThatThrownBy(() -> PcTableEncoder.encode(List.of(run(0, 6, 1)), 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gapsBetweenRunsAreRefused() {
        assertThatThrownBy(() -> PcTableEncoder.encode(List.of(run(0, 4, 1), run(5, 8, 2)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PcTableEncoder.Run run(long from, long to, int value) {
        return new PcTableEncoder.Run(ENTRY + from, ENTRY + to, value);
    }

    private static List<PcTableEncoder.Run> decode(byte[] table, int quantum) {
        assertThat(table[table.length - 1]).as("terminated by a 0 byte").isZero();
        List<PcTableEncoder.Run> out = new ArrayList<>();
        new PcValueTable(new ByteView(ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN)), 0, ENTRY, quantum)
                .forEach((start, end, value) -> out.add(new PcTableEncoder.Run(start, end, value)));
        return out;
    }
}
