package dev.gojack.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Go fixture libraries are: {@code -Dgojack.fixtures.dir} (set by the pom), passed to every fork. */
public final class BenchFixtures {
    public static final String PROPERTY = "gojack.fixtures.dir";

    private BenchFixtures() {
    }

    public static Path dir() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("-D" + PROPERTY + " is not set; run the benchmarks with make bench");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    public static Path library(String variant, String name) {
        Path p = dir().resolve(variant).resolve("lib" + name + ".so");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " does not exist; run make fixtures");
        }
        return p;
    }

    /** The JVM argument that hands the fixture directory to a JMH fork or a child JVM. */
    public static String jvmArg() {
        return "-D" + PROPERTY + "=" + dir();
    }
}
