package dev.gojack.junit;

import java.util.function.Supplier;

/** Runs code with a system property set (or cleared, for null), then puts the old value back. */
final class TemporaryProperty {
    private TemporaryProperty() {
    }

    static <T> T with(String name, String value, Supplier<T> run) {
        String previous = System.getProperty(name);
        put(name, value);
        try {
            return run.get();
        } finally {
            put(name, previous);
        }
    }

    private static void put(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
