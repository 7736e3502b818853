package dev.gojack;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The root of the fixture builds, from the system property {@code gojack.fixtures.dir}. */
    public static Path dir() {
        String dir = System.getProperty("gojack.fixtures.dir");
        if (dir == null) {
            throw new IllegalStateException("System property gojack.fixtures.dir is not set; run the tests through "
                    + "Maven (mvn verify) or set it to go-fixtures/build");
        }
        return Path.of(dir);
    }

    /** The directory of one build variant ({@link #NOINLINE}, {@link #DEFAULT}, {@link #STRIPPED}, ...). */
    public static Path dir(String variant) {
        return dir().resolve(variant);
    }

    /** The fixture {@code name} in the inlining-disabled variant, the one most tests patch. */
    public static Path library(String name) {
        return library(NOINLINE, name);
    }

    /**
     * The real path (symbolic links and {@code ..} resolved) of {@code lib<name>.so} in {@code variant}: the path
     * {@link GoLibrary#path()} reports for it.
     */
    public static Path library(String variant, String name) {
        Path p = dir(variant).resolve("lib" + name + ".so");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Fixture library " + p + " does not exist; run 'make fixtures' first");
        }
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds the exported functions of a loaded library to the jnr-ffi interface {@code exports}. */
    public static <T> T bind(Class<T> exports, GoLibrary library) {
        return jnr.ffi.LibraryLoader.create(exports).failImmediately().load(library.path().toString());
    }
}
