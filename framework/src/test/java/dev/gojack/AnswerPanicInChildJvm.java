package dev.gojack;

import java.nio.file.Path;

/**
 * In a JVM of its own (the process ends): a Java answer's body makes a call back into the library that panics —
 * an export ({@code export}) or the original through {@code callOriginal()} ({@code original}) — and the Go code
 * that called the answered function either lets the panic go ({@code ...-unrecovered}) or recovers it
 * ({@code ...-recovered}). Prints what it reached, for {@link GoAnswerPanicTest}.
 */
public final class AnswerPanicInChildJvm {
    private AnswerPanicInChildJvm() {
    }

    public static void main(String[] args) {
        GoLibrary library = GoLibrary.load(Path.of(args[0]));
        AnswersLibrary go = jnr.ffi.LibraryLoader.create(AnswersLibrary.class).load(library.path().toString());
        String mode = args[1];
        boolean recovered = mode.endsWith("-recovered");
        if (mode.startsWith("export")) {
            library.replace("main.price", call -> {
                System.out.println("BODY");
                System.out.flush();
                go.Panic();
                System.out.println("AFTER PANIC");
                return 1L;
            });
            System.out.println("RESULT " + (recovered ? go.CallPriceRecovering(2) : go.CallPrice(2)));
        } else {
            library.replace("main.trace", call -> {
                System.out.println("BODY");
                System.out.flush();
                GoResults r = call.callOriginal();
                System.out.println("AFTER PANIC");
                return r;
            });
            System.out.println("RESULT " + (recovered ? go.CallTraceRecovering(-1) : go.CallTrace(-1)));
        }
        // Where the JVM's frames were abandoned, the JVM may still get here: make it work a little.
        System.gc();
        System.out.println("JVM STILL RUNNING");
    }
}
