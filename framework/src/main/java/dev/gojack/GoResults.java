package dev.gojack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Several results of a Go function, in order, as a {@link GoAnswer} returns them:
 * {@code GoResults.of(42L, null)} for {@code (int, error)}. Each value is what a single result would be.
 */
public final class GoResults {
    private final List<Object> values;

    private GoResults(List<Object> values) {
        this.values = Collections.unmodifiableList(values);
    }

    /** The results {@code values} (null elements allowed: nil). */
    public static GoResults of(Object... values) {
        return new GoResults(new ArrayList<>(Arrays.asList(values)));
    }

    /** Result {@code index}. */
    public Object get(int index) {
        return values.get(index);
    }

    /** How many results there are. */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return "GoResults" + values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoResults r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
