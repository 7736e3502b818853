package dev.gojack;

import java.nio.file.Path;

/**
 * Loads a library in a JVM of its own and prints what happened, for files that might end the JVM when a check
 * fails (a -race build exits with code 66 inside the dynamic linker): the test JVM never loads them.
 */
public final class LoadInChildJvm {
    private LoadInChildJvm() {
    }

    public static void main(String[] args) {
        try {
            GoLibrary.load(Path.of(args[0]));
            System.out.println("LOADED");
        } catch (RefusedLibraryException e) {
            System.out.println("REFUSED " + e.reason());
            System.out.println(e.getMessage());
        } catch (GoJackException e) {
            System.out.println("OTHER " + e);
        }
    }
}
