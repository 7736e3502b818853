package dev.gojack;

import java.nio.file.Path;

/**
 * In a JVM of its own (the process ends): a Java answer's body runs the original with callOriginal(), the original
 * panics, and nothing recovers. Prints what it reached, for {@link GoCallOriginalPanicTest}.
 */
public final class OriginalPanicInChildJvm {
    private OriginalPanicInChildJvm() {
    }

    public static void main(String[] args) {
        GoLibrary library = GoLibrary.load(Path.of(args[0]));
        AnswersLibrary go = jnr.ffi.LibraryLoader.create(AnswersLibrary.class).load(library.path().toString());
        library.replace("main.trace", call -> {
            System.out.println("BODY");
            System.out.flush();
            GoResults r = call.callOriginal();
            System.out.println("AFTER PANIC");
            return r;
        });
        System.out.println("RESULT " + go.CallTrace(-1));
    }
}
