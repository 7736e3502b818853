package dev.gojack.cli;

import java.util.regex.Pattern;

/** The small courtesies of the command line: {@code --help} anywhere, and saying so when a filter matched nothing. */
final class CliHelp {
    private CliHelp() {
    }

    /** True when {@code -h} or {@code --help} is among the arguments (so it is never read as a file name). */
    static boolean asked(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /** An empty list after a filter is an answer, not silence: "0 functions match REGEX". */
    static void noMatch(StringBuilder s, String what, Pattern filter, int matches) {
        if (filter != null && matches == 0) {
            s.append("\n0 ").append(what).append(" match ").append(filter.pattern()).append('\n');
            if (what.equals("functions")) {
                s.append("  (the linker drops functions nothing references, and a function inlined into every caller\n"
                        + "   has no body of its own: see --inlined NAME and --patchable)\n");
            }
        }
    }
}
