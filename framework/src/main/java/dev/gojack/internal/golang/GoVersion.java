package dev.gojack.internal.golang;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Go release as written in buildinfo ({@code go1.21.13}, {@code go1.26rc1}, {@code devel go1.27-abc}). */
public record GoVersion(String text, int major, int minor) implements Comparable<GoVersion> {
    private static final Pattern VERSION = Pattern.compile("go(\\d+)\\.(\\d+)");

    public static GoVersion parse(String text) {
        Matcher m = VERSION.matcher(text);
        // Fuzz finding (issue 9): buildinfo saying "go1.99999999999" made Integer.parseInt throw
        // NumberFormatException out of the parser. A number of more than 9 digits is no Go release: unknown.
        if (!m.find() || m.group(1).length() > 9 || m.group(2).length() > 9) {
            return new GoVersion(text, 0, 0);
        }
        return new GoVersion(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isKnown() {
        return major > 0;
    }

    public boolean atLeast(int minorOfGo1) {
        return major > 1 || (major == 1 && minor >= minorOfGo1);
    }

    @Override
    public int compareTo(GoVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return text;
    }
}
