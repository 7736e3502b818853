package dev.gojack.internal.dwarf;

import java.util.List;

/**
 * A function's parameters (receiver first, for methods) and results, in declaration order.
 */
public record FunctionInfo(String name, List<Parameter> parameters, List<Parameter> results) {
    public FunctionInfo {
        parameters = List.copyOf(parameters);
        results = List.copyOf(results);
    }
}
