package dev.gojack;

import java.nio.file.Path;

/**
 * In a JVM of its own (the process ends): a Java answer's body calls an export of the library that panics, and
 * nothing recovers. Prints what it reached, for {@link GoAnswerPanicTest}.
 */
public final class AnswerPanicInChildJvm {
    private AnswerPanicInChildJvm() {
    }

    public static void main(String[] args) {
        GoLibrary library = GoLibrary.load(Path.of(args[0]));
        AnswersLibrary go = jnr.ffi.LibraryLoader.create(AnswersLibrary.class).load(library.path().toString());
        library.replace("main.price", call -> {
            System.out.println("BODY");
            System.out.flush();
            go.Panic();
            System.out.println("AFTER PANIC");
            return 1L;
        });
        System.out.println("RESULT " + go.CallPrice(2));
    }
}
