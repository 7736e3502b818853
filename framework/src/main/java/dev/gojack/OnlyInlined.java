package dev.gojack;

import java.util.List;

/**
 * Names that have no out-of-line body, only inlined copies: the compiler inlined the function into every caller
 * and the linker dropped the unused body. Such a name is not a typo, and the fix is a different build, so a miss
 * is told apart from an unknown name here.
 */
final class OnlyInlined {
    private OnlyInlined() {
    }

    /**
     * The functions carrying an inlined copy of {@code goName} when the library has no body of that name; empty
     * when it has one, when nothing inlined it, or when the inline trees cannot be read (a plain miss then).
     */
    static List<String> callers(GoBinary binary, String goName) {
        if (binary.findFunction(goName).isPresent()) {
            return List.of();
        }
        try {
            List<String> callers = binary.inlinedInto(goName);
            if (callers.isEmpty() && goName.indexOf('.') >= 0) {
                // Inline trees spell generated names with Go's middle dot, as the pclntab does.
                callers = binary.inlinedInto(goName.replace("..", ".\u00b7"));
            }
            return callers;
        } catch (GoJackException e) {
            return List.of(); // a corrupt inline tree must not hide the plain "not found" message
        }
    }
}
