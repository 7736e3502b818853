package dev.gojack.internal.dwarf;

import dev.gojack.internal.elf.MalformedInputException;

import java.util.HashMap;
import java.util.Map;

/** One abbreviation table of {@code .debug_abbrev}: code → tag, children flag, attribute specs. */
final class Abbreviations {
    static final int FORM_IMPLICIT_CONST = 0x21;
    private static final int MAX_ATTRIBUTES = 512;

    record Abbrev(int tag, boolean hasChildren, int[] attributes, int[] forms, long[] implicit) {
    }

    private final Map<Long, Abbrev> byCode = new HashMap<>();

    Abbreviations(DwarfSection section, long offset) {
        Cursor c = new Cursor(section, offset);
        while (true) {
            long code = c.uleb();
            if (code == 0) {
                break;
            }
            int tag = (int) c.uleb();
            boolean children = c.u8() != 0;
            int[] attributes = new int[8];
            int[] forms = new int[8];
            long[] implicit = new long[8];
            int n = 0;
            while (true) {
                long attribute = c.uleb();
                long form = c.uleb();
                if (attribute == 0 && form == 0) {
                    break;
                }
                if (n == MAX_ATTRIBUTES) {
                    throw new MalformedInputException("abbreviation " + code + " has more than " + MAX_ATTRIBUTES
                            + " attributes");
                }
                if (n == attributes.length) {
                    attributes = java.util.Arrays.copyOf(attributes, n * 2);
                    forms = java.util.Arrays.copyOf(forms, n * 2);
                    implicit = java.util.Arrays.copyOf(implicit, n * 2);
                }
                attributes[n] = (int) attribute;
                forms[n] = (int) form;
                implicit[n] = form == FORM_IMPLICIT_CONST ? c.sleb() : 0;
                n++;
            }
            byCode.putIfAbsent(code, new Abbrev(tag, children, java.util.Arrays.copyOf(attributes, n),
                    java.util.Arrays.copyOf(forms, n), java.util.Arrays.copyOf(implicit, n)));
        }
    }

    Abbrev get(long code) {
        Abbrev a = byCode.get(code);
        if (a == null) {
            throw new MalformedInputException("unknown DWARF abbreviation code " + code);
        }
        return a;
    }
}
