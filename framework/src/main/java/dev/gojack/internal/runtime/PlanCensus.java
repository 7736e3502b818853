package dev.gojack.internal.runtime;

import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.arch.PaddingSlots;
import dev.gojack.internal.golang.FuncRecord;
import dev.gojack.internal.golang.Pclntab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How many functions of a library each entry plan serves, read from the file: {@code before} as GoJack planned
 * before issue 13 (any free padding), {@code after} with only padding slots whose covering function's pc tables
 * {@link PcTableCoverage} can extend. Functions no plan fits (fewer than 5 bytes to the next function, an
 * undecodable first instruction) are counted as refused.
 */
public record PlanCensus(int functions, Map<EntryJumpPlan.Kind, Integer> before, Map<EntryJumpPlan.Kind, Integer> after,
                         int refused) {
    private static final int JUMP = 5;
    private static final int PAD = 0xcc;

    /** Reads bytes of the file at a virtual address. */
    @FunctionalInterface
    public interface FileBytes {
        byte[] at(long address, int length);
    }

    public static PlanCensus of(Pclntab pclntab, int wrapperFuncId, FileBytes file, Architecture architecture,
                                ToLongFunction<FuncRecord> codeSize) {
        Map<EntryJumpPlan.Kind, Integer> before = new EnumMap<>(EntryJumpPlan.Kind.class);
        Map<EntryJumpPlan.Kind, Integer> after = new EnumMap<>(EntryJumpPlan.Kind.class);
        Map<Integer, Long> tableEnds = new HashMap<>();
        int refused = 0;
        List<FuncRecord> all = pclntab.functions();
        for (int i = 0; i < all.size(); i++) {
            FuncRecord f = all.get(i);
            long entry = f.entry();
            long end = entry + codeSize.applyAsLong(f);
            long previousEnd = i == 0 ? entry : all.get(i - 1).entry() + codeSize.applyAsLong(all.get(i - 1));
            long[][] gaps = {{previousEnd, entry}, {end, f.nextEntry()}};
            if (architecture == null || f.nextEntry() - entry < JUMP) {
                refused++;
                continue;
            }
            byte[] code = file.at(entry, (int) Math.min(16, f.nextEntry() - entry));
            PaddingSlots any = (from, to, length) -> free(file, gaps, from, to, length, s -> true);
            PaddingSlots covered = (from, to, length) -> free(file, gaps, from, to, length,
                    s -> PcTableCoverage.obstacle(pclntab, wrapperFuncId, s, length, tableEnds) == null);
            try {
                before.merge(architecture.planEntryJump(entry, code, end, f.nextEntry(), entry + 4096, any).kind(), 1, Integer::sum);
                after.merge(architecture.planEntryJump(entry, code, end, f.nextEntry(), entry + 4096, covered).kind(), 1,
                        Integer::sum);
            } catch (IllegalArgumentException noPlan) {
                refused++;
            }
        }
        return new PlanCensus(all.size(), before, after, refused);
    }

    private static List<Long> free(FileBytes file, long[][] gaps, long from, long to, int length,
                                   java.util.function.LongPredicate usable) {
        List<Long> result = new ArrayList<>();
        for (long[] gap : gaps) {
            long start = Math.max(gap[0], from);
            long stop = Math.min(gap[1], to);
            if (stop - start < length) {
                continue;
            }
            byte[] bytes = file.at(start, (int) (stop - start));
            for (int s = 0; s + length <= bytes.length; s++) {
                boolean padding = true;
                for (int k = 0; k < length && padding; k++) {
                    padding = (bytes[s + k] & 0xff) == PAD;
                }
                if (padding && usable.test(start + s)) {
                    result.add(start + s);
                }
            }
        }
        return result;
    }

    /** Functions a plan that is safe while goroutines run it serves (aligned store or padding). */
    public static int runningSafe(Map<EntryJumpPlan.Kind, Integer> counts) {
        return counts.entrySet().stream().filter(e -> e.getKey().runningSafe()).mapToInt(Map.Entry::getValue).sum();
    }

    /** A few lines for {@code gojack inspect --plans}. */
    public String toText() {
        StringBuilder s = new StringBuilder("\nentry plans        before issue 13 -> with pc-table coverage (of " + functions
                + " functions)\n");
        for (EntryJumpPlan.Kind k : EntryJumpPlan.Kind.values()) {
            s.append(String.format("  %-16s %6d (%5.1f%%) -> %6d (%5.1f%%)%n", k.name().toLowerCase().replace('_', ' '),
                    before.getOrDefault(k, 0), percent(before.getOrDefault(k, 0)), after.getOrDefault(k, 0),
                    percent(after.getOrDefault(k, 0))));
        }
        s.append(String.format("  %-16s %6d (%5.1f%%) -> %6d (%5.1f%%)%n", "running-safe", runningSafe(before),
                percent(runningSafe(before)), runningSafe(after), percent(runningSafe(after))));
        s.append(String.format("  %-16s %6d (%5.1f%%)%n", "no plan fits", refused, percent(refused)));
        return s.toString();
    }

    private double percent(int n) {
        return functions == 0 ? 0 : 100.0 * n / functions;
    }
}
