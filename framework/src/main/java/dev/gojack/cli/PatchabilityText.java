package dev.gojack.cli;

import dev.gojack.Patchability;

import java.util.Locale;

/** {@code gojack inspect --patchable}: the share of the main module GoJack can patch, then each other function. */
final class PatchabilityText {
    private PatchabilityText() {
    }

    static String of(Patchability p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "patchable          %d of %d functions of the main module (%.1f%%)%s%n",
                p.patchable(), p.total(), 100 * p.patchableShare(),
                p.entriesChecked() ? "" : "; entries not checked (no code writer for this architecture)"));
        for (Patchability.Verdict v : Patchability.Verdict.values()) {
            s.append(String.format(Locale.ROOT, "  %-26s %d%n", v.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    p.functions(v).size()));
        }
        for (Patchability.Function f : p.functions()) {
            if (f.verdict() != Patchability.Verdict.PATCHABLE) {
                s.append(String.format(Locale.ROOT, "  %-26s %s: %s%n",
                        f.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.name(), f.detail()));
            }
        }
        if (p.patchable() < p.total()) {
            s.append("  (build the test variant with -gcflags=all=-l to make inlined functions patchable)\n");
        }
        return s.toString();
    }

    static void json(Json j, Patchability p) {
        j.key("patchability").open().field("module", p.module()).field("entriesChecked", p.entriesChecked())
                .field("total", p.total()).field("patchable", p.patchable());
        j.key("functions").openArray();
        for (Patchability.Function f : p.functions()) {
            j.open().field("name", f.name()).field("verdict", f.verdict().name()).field("detail", f.detail()).close();
        }
        j.closeArray();
        j.close();
    }
}
