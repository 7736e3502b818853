package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.Architecture;
import dev.gojack.internal.arch.RegisterValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a stub's result words go: Go's register ABI, in order; results that would spill to the stack are refused. */
final class ResultLayout {
    private ResultLayout() {
    }

    /** The register of each result word, in ABI order. */
    static List<RegisterValue> registers(Architecture architecture, String target, Path library,
                                         List<ValuePlacer.Word> words) {
        List<RegisterValue> out = new ArrayList<>();
        int ints = 0;
        int floats = 0;
        int intRegisters = architecture.integerResultRegisters().size();
        int floatRegisters = architecture.floatResultRegisters().size();
        for (ValuePlacer.Word w : words) {
            int index = w.floating() ? floats++ : ints++;
            if (ints > intRegisters || floats > floatRegisters) {
                throw Problems.resultsOnStack(target, library, ints, floats, intRegisters, floatRegisters);
            }
            out.add(new RegisterValue(w.floating(), index, 0, w.single()));
        }
        return out;
    }

    /** True when two rows of results have the same Go types, word by word. */
    static boolean sameShape(List<ValuePlacer.Word> a, List<ValuePlacer.Word> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).floating() != b.get(i).floating() || a.get(i).single() != b.get(i).single()) {
                return false;
            }
        }
        return true;
    }
}
