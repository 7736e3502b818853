package dev.gojack;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.dwarf.Parameter;

import java.util.Optional;

/**
 * One parameter or result of a {@link GoSignature}: its name (empty when Go has none, as for unnamed results),
 * its type as Go prints it, its size, and where Go's register ABI passes it.
 */
public final class GoParameter {
    private final Parameter parameter;
    private final AbiAssignment.Value location;

    GoParameter(Parameter parameter, AbiAssignment.Value location) {
        this.parameter = parameter;
        this.location = location;
    }

    /** The name as declared; empty for unnamed parameters and results. */
    public String name() {
        return parameter.name();
    }

    /** The type as Go prints it: {@code int}, {@code string}, {@code error}, {@code [16]uint8}, {@code *main.Order}. */
    public String typeName() {
        return parameter.type().name();
    }

    /** Bytes the value occupies in memory. */
    public long size() {
        return parameter.type().size();
    }

    /** The type's kind. */
    public GoType.Kind kind() {
        return GoType.Kind.valueOf(parameter.type().kind().name());
    }

    /** True for a result. */
    public boolean isResult() {
        return parameter.result();
    }

    /**
     * Where the call passes it under Go's register ABI, for reading: {@code "RAX"}, {@code "RAX+RBX"} (a string),
     * {@code "X0"}, {@code "stack+16"} (offset in the argument area), {@code "nothing"} (no base values); empty
     * for an architecture whose ABI GoJack does not lay out.
     */
    public Optional<String> location() {
        return Optional.ofNullable(location).map(AbiAssignment.Value::describe);
    }

    Parameter info() {
        return parameter;
    }

    @Override
    public String toString() {
        return name().isEmpty() ? typeName() : name() + " " + typeName();
    }
}
