package dev.gojack.junit;

import java.util.ArrayList;
import java.util.List;

/** What fixture tests saw, in order, for the outer test to check after an EngineTestKit run. */
final class Journal {
    private static final List<String> ENTRIES = new ArrayList<>();

    private Journal() {
    }

    static synchronized void record(String entry) {
        ENTRIES.add(entry);
    }

    static synchronized List<String> entries() {
        return List.copyOf(ENTRIES);
    }

    static synchronized void clear() {
        ENTRIES.clear();
    }
}
