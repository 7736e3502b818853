package dev.gojack.cli;

import dev.gojack.GoBinary;

import java.util.List;

/** {@code --callers NAME}: who calls NAME directly, and who carries an inlined copy of it. */
record Callers(String name, String signature, List<String> direct, List<String> inlinedInto) {

    static Callers of(GoBinary b, String name) {
        String signature = b.function(name).signature().map(Object::toString).orElse(null);
        return new Callers(name, signature, b.callersOf(name), b.inlinedInto(name));
    }

    void appendText(StringBuilder s) {
        s.append('\n').append(name);
        if (signature != null) {
            s.append("  ").append(signature);
        }
        s.append('\n');
        s.append("  called directly by ").append(direct.size()).append(" function(s)").append(direct.isEmpty() ? "\n" : ":\n");
        direct.forEach(n -> s.append("    ").append(n).append('\n'));
        s.append("  inlined into ").append(inlinedInto.size()).append(" function(s)").append(inlinedInto.isEmpty() ? "\n" : ":\n");
        inlinedInto.forEach(n -> s.append("    ").append(n).append('\n'));
    }
}
