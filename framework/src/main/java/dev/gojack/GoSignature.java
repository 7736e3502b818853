package dev.gojack;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.RegisterAbis;
import dev.gojack.internal.dwarf.FunctionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Go function's typed signature: parameters (a method's receiver first; shape-stenciled generic code's
 * dictionary {@code .dict} first for a function, right after the receiver for a method, as Go's ABI passes them)
 * and results, in order, each with its Go type. Found in the library's DWARF
 * ({@link GoFunction#signature()}), or declared by a test for a library built without it
 * ({@link GoLibrary#declareSignature(String, String)}). On amd64 it also carries where Go's register ABI passes
 * each value ({@link GoParameter#location()}).
 */
public final class GoSignature {
    private final FunctionInfo info;
    private final boolean declared;
    private final AbiAssignment assignment;
    private final List<GoParameter> parameters;
    private final List<GoParameter> results;
    /** {@link #toString()}, made on first use: the patch engine asks for it on every patch it checks. */
    private volatile String syntax;

    GoSignature(FunctionInfo info, boolean declared, String architecture) {
        this.info = info;
        this.declared = declared;
        this.assignment = RegisterAbis.assign(architecture, info).orElse(null);
        List<GoParameter> ps = new ArrayList<>();
        for (int i = 0; i < info.parameters().size(); i++) {
            ps.add(new GoParameter(info.parameters().get(i), assignment == null ? null : assignment.parameters().get(i)));
        }
        List<GoParameter> rs = new ArrayList<>();
        for (int i = 0; i < info.results().size(); i++) {
            rs.add(new GoParameter(info.results().get(i), assignment == null ? null : assignment.results().get(i)));
        }
        this.parameters = List.copyOf(ps);
        this.results = List.copyOf(rs);
    }

    /** The function's name as Go prints it. */
    public String functionName() {
        return info.name();
    }

    /** Parameters in order; a method's receiver is the first. */
    public List<GoParameter> parameters() {
        return parameters;
    }

    /** Results in order. */
    public List<GoParameter> results() {
        return results;
    }

    /** True when a test declared it ({@link GoLibrary#declareSignature}) rather than the library's DWARF giving it. */
    public boolean isDeclared() {
        return declared;
    }

    /** Bytes the caller reserves for the call's stack arguments, stack results and spill area (amd64). */
    public Optional<Long> frameSize() {
        // No method reference: this runs on a signature's first request, often in a fresh JVM, where each lambda
        // call site costs a bootstrap.
        return assignment == null ? Optional.empty() : Optional.of(assignment.frameSize());
    }

    FunctionInfo info() {
        return info;
    }

    /** The register assignment, for the patch engine; null where GoJack has no ABI for the architecture. */
    AbiAssignment assignment() {
        return assignment;
    }

    /** Go syntax: {@code func(qty int, name string) (int, error)}. */
    @Override
    public String toString() {
        String made = syntax;
        if (made == null) {
            made = syntax();
            syntax = made;
        }
        return made;
    }

    private String syntax() {
        StringBuilder s = new StringBuilder("func(");
        list(s, parameters);
        s.append(')');
        if (results.size() == 1 && results.get(0).name().isEmpty()) {
            s.append(' ').append(results.get(0).typeName());
        } else if (!results.isEmpty()) {
            s.append(" (");
            list(s, results);
            s.append(')');
        }
        return s.toString();
    }

    private static void list(StringBuilder s, List<GoParameter> ps) {
        boolean anyNamed = ps.stream().anyMatch(p -> !p.name().isEmpty());
        for (int i = 0; i < ps.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            GoParameter p = ps.get(i);
            if (anyNamed) {
                s.append(p.name().isEmpty() ? "_" : p.name()).append(' ');
            }
            s.append(p.typeName());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoSignature g && g.info.name().equals(info.name()) && g.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
