package dev.gojack.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Go fixture libraries: {@code ${gojack.fixtures.dir}/<variant>/lib<name>.so}. A missing file fails the
 * test: a skipped test would hide a broken build.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir(String variant) {
        String dir = System.getProperty("gojack.fixtures.dir");
        if (dir == null) {
            throw new IllegalStateException("System property gojack.fixtures.dir is not set; run the tests through "
                    + "Maven or set it to go-fixtures/build");
        }
        return Path.of(dir).resolve(variant);
    }

    /** The real path of {@code lib<name>.so} in the noinline variant, the one most tests patch. */
    static Path library(String name) {
        return library("noinline", name);
    }

    static Path library(String variant, String name) {
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
}
