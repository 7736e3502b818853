package dev.gojack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Go fixture libraries are: {@code ${gojack.fixtures.dir}/<variant>/lib<name>.so}, built by
 * {@code make fixtures} (Maven's go-fixtures module runs it). A missing file fails the test: a skipped test
 * would hide a broken build.
 */
public final class Fixtures {
    public static final String NOINLINE = "noinline";
    public static final String DEFAULT = "default";
    public static final String STRIPPED = "stripped";

    private Fixtures() {
    }

    public static Path dir() {
        String dir = System.getProperty("gojack.fixtures.dir");
        if (dir == null) {
            throw new IllegalStateException("System property gojack.fixtures.dir is not set; run the tests through "
                    + "Maven (mvn verify) or set it to go-fixtures/build");
        }
        return Path.of(dir);
    }

    /** The fixture {@code name} in the inlining-disabled variant, the one most tests patch. */
    public static Path library(String name) {
        return library(NOINLINE, name);
    }

    public static Path library(String variant, String name) {
        Path p = dir().resolve(variant).resolve("lib" + name + ".so");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Fixture library " + p + " does not exist; run 'make fixtures' first");
        }
        return p;
    }

    /** Binds the exported functions of a loaded library to the jnr-ffi interface {@code exports}. */
    public static <T> T bind(Class<T> exports, GoLibrary library) {
        return jnr.ffi.LibraryLoader.create(exports).failImmediately().load(library.path().toString());
    }
}
