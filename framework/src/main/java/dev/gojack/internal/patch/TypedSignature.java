package dev.gojack.internal.patch;

import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.dwarf.FunctionInfo;

/**
 * A function's typed signature as the engine checks patches against it ({@link SignatureCheck}): Go syntax for
 * messages, the parameters and results with their types, and where Go's register ABI passes each ({@code
 * assignment}, null where GoJack does not lay out the architecture's ABI).
 */
public record TypedSignature(String goSyntax, FunctionInfo info, AbiAssignment assignment) {
}
