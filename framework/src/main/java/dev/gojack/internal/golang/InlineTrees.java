package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ElfFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which functions carry an inlined copy of which others, read from every function's inline tree
 * (FUNCDATA_InlTree) sized by the largest index its PCDATA_InlTreeIndex table uses. Built once, on first use.
 */
public final class InlineTrees {
    private static final int FUNCDATA_INL_TREE = 3;
    private static final int PCDATA_INL_TREE_INDEX = 2;
    private static final int MAX_TREE_ENTRIES = 1 << 16;

    private final Map<String, List<String>> inlinedInto;

    private InlineTrees(Map<String, List<String>> inlinedInto) {
        this.inlinedInto = inlinedInto;
    }

    public static InlineTrees read(ElfFile elf, Pclntab pclntab, long gofunc) {
        Map<String, Set<String>> callers = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        boolean go120 = pclntab.isGo120OrLater();
        int entrySize = go120 ? 16 : 20;
        int nameAt = go120 ? 4 : 12;
        for (FuncRecord f : pclntab.functions()) {
            long tree = pclntab.funcdata(f, FUNCDATA_INL_TREE);
            long indexTable = pclntab.pcdata(f, PCDATA_INL_TREE_INDEX);
            if (tree < 0 || indexTable == 0 || gofunc == 0) {
                continue;
            }
            int[] max = {-1};
            pclntab.table(indexTable, f.entry()).forEach((start, end, value) -> max[0] = Math.max(max[0], value));
            int count = Math.min(max[0] + 1, MAX_TREE_ENTRIES);
            for (int i = 0; i < count; i++) {
                long nameOff = elf.u32At(gofunc + tree + (long) i * entrySize + nameAt);
                String callee = names.computeIfAbsent(nameOff, pclntab::nameAt);
                callers.computeIfAbsent(callee, k -> new LinkedHashSet<>()).add(f.name());
            }
        }
        Map<String, List<String>> result = new HashMap<>();
        callers.forEach((callee, set) -> result.put(callee, List.copyOf(new ArrayList<>(set))));
        return new InlineTrees(result);
    }

    public static InlineTrees empty() {
        return new InlineTrees(Collections.emptyMap());
    }

    /** Functions that contain an inlined copy of {@code name}, in table order; empty if none. */
    public List<String> inlinedInto(String name) {
        return inlinedInto.getOrDefault(name, List.of());
    }

    /** Every function that was inlined somewhere. */
    public Set<String> inlinedFunctions() {
        return inlinedInto.keySet();
    }
}
