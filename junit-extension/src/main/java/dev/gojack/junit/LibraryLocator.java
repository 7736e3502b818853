package dev.gojack.junit;

import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the file {@link GoJackTest#library()} names — as a path, on the {@value #SEARCH_PATH_PROPERTY} search
 * path, then on the classpath (extracting it from a jar) — and loads it. Every place tried is recorded for the
 * error message.
 */
final class LibraryLocator {
    /** System property: directories searched for a library given by bare name. */
    static final String SEARCH_PATH_PROPERTY = "gojack.library.path";

    /** Libraries extracted from jars, by resource URL: one file per JVM, so the same Go runtime is reused. */
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private LibraryLocator() {
    }

    /**
     * The library {@code spec} names, as a real path, or empty after adding every place tried to
     * {@code looked}.
     */
    static Optional<Path> locate(String spec, ClassLoader classLoader, List<String> looked) {
        Path workingDirectory = Path.of(System.getProperty("user.dir"));
        Path asPath = workingDirectory.resolve(spec);
        looked.add(asPath + " (as a path)");
        if (Files.isRegularFile(asPath)) {
            return Optional.of(real(asPath));
        }
        boolean bare = isBareName(spec);
        List<String> names = bare ? fileNames(spec) : List.of(spec.replace(File.separatorChar, '/'));
        if (bare) {
            for (String dir : searchPath()) {
                for (String name : names) {
                    Path candidate = Path.of(dir).resolve(name);
                    looked.add(candidate + " (" + SEARCH_PATH_PROPERTY + ")");
                    if (Files.isRegularFile(candidate)) {
                        return Optional.of(real(candidate));
                    }
                }
            }
        }
        for (String name : names) {
            String resource = name.startsWith("/") ? name.substring(1) : name;
            looked.add("classpath:" + resource);
            URL url = classLoader.getResource(resource);
            if (url != null) {
                return Optional.of(fromClasspath(url));
            }
        }
        return Optional.empty();
    }

    /**
     * Finds and loads the library of {@code test}.
     *
     * @throws ExtensionConfigurationException listing every place tried when it is nowhere, or with GoJack's
     *                                         reason when it cannot be loaded
     */
    static GoLibrary load(Declared<GoJackTest> test, ClassLoader classLoader) {
        GoJackTest annotation = test.annotation();
        Class<?> on = (Class<?>) test.element();
        List<String> looked = new ArrayList<>();
        Path file;
        try {
            file = locate(annotation.library(), classLoader, looked).orElseThrow(() ->
                    new ExtensionConfigurationException(Messages.libraryNotFound(annotation, on, looked,
                            !searchPath().isEmpty())));
        } catch (UncheckedIOException e) {
            throw new ExtensionConfigurationException(Messages.libraryNotLoaded(annotation, on, e.getMessage()), e);
        }
        try {
            return GoLibrary.load(file);
        } catch (GoJackException e) {
            throw new ExtensionConfigurationException(Messages.libraryNotLoaded(annotation, on, e.getMessage()), e);
        }
    }

    private static List<String> searchPath() {
        String value = System.getProperty(SEARCH_PATH_PROPERTY, "");
        List<String> dirs = new ArrayList<>();
        for (String dir : value.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(dir.trim());
            }
        }
        return dirs;
    }

    private static boolean isBareName(String spec) {
        return spec.indexOf('/') < 0 && spec.indexOf(File.separatorChar) < 0;
    }

    /** {@code calls} → calls, libcalls.so, calls.so; {@code libcalls.so} → libcalls.so. */
    static List<String> fileNames(String name) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        if (!name.endsWith(".so")) {
            names.add("lib" + name + ".so");
            names.add(name + ".so");
        }
        return List.copyOf(names);
    }

    /**
     * The base name of a library, for the resource lock: directory, {@code lib} prefix and {@code .so} suffix
     * dropped, so {@code "calls"}, {@code "libcalls.so"} and {@code "build/libcalls.so"} all give {@code calls}.
     */
    static String baseName(String spec) {
        String name = spec.replace(File.separatorChar, '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.endsWith(".so")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.startsWith("lib") && name.length() > 3) {
            name = name.substring(3);
        }
        return name;
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static Path fromClasspath(URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                return real(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain file after all: copy it out like a jar entry
            }
        }
        return EXTRACTED.computeIfAbsent(url.toExternalForm(), key -> extract(url));
    }

    private static Path extract(URL url) {
        String path = url.getPath();
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        try {
            Path dir = Files.createTempDirectory("gojack-");
            Path file = dir.resolve(fileName);
            try (InputStream in = url.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.extractionFailed(url.toExternalForm(), e.toString()), e);
        }
    }
}
