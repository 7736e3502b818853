package dev.gojack.assertj;

import dev.gojack.GoCallRecord;
import dev.gojack.GoSpy;
import org.assertj.core.api.AbstractAssert;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Assertions on a {@link GoSpy}, in AssertJ's style: a failure says what was expected and lists the calls the
 * spy recorded ({@link #LISTED} at most, then how many more), one per line, as Go would write them.
 */
public final class GoSpyAssert extends AbstractAssert<GoSpyAssert, GoSpy> {
    /** Calls a failure message lists before it says how many more there were. */
    public static final int LISTED = 20;

    GoSpyAssert(GoSpy actual) {
        super(actual, GoSpyAssert.class);
    }

    /** The function was called at least once. */
    public GoSpyAssert wasCalled() {
        isNotNull();
        if (actual.callCount() == 0) {
            fail("%nExpecting %s to have been called, but it was never called.".formatted(actual.target()));
        }
        return this;
    }

    /** The function was called exactly {@code times} times. */
    public GoSpyAssert wasCalledTimes(int times) {
        isNotNull();
        long count = actual.callCount();
        if (count != times) {
            fail("%nExpecting %s to have been called %s but it was called %s%s".formatted(actual.target(),
                    times(times), times(count), listing()));
        }
        return this;
    }

    /** The function was not called at all. */
    public GoSpyAssert wasNeverCalled() {
        isNotNull();
        long count = actual.callCount();
        if (count != 0) {
            fail("%nExpecting %s never to have been called, but it was called %s%s".formatted(actual.target(),
                    times(count), listing()));
        }
        return this;
    }

    /**
     * At least one recorded call had exactly these arguments (all of them, in order; the receiver first for a
     * method). Integers compare by value whatever their Java type ({@code 5} matches a Go {@code int}'s
     * {@code 5L}), arrays by content; other values with {@code equals}.
     */
    public GoSpyAssert wasCalledWith(Object... arguments) {
        isNotNull();
        List<GoCallRecord> calls = actual.calls();
        for (GoCallRecord call : calls) {
            if (matches(call.arguments(), arguments)) {
                return this;
            }
        }
        fail("%nExpecting %s to have been called with:%n  (%s)%nbut %s%s".formatted(actual.target(),
                render(Arrays.asList(arguments)), calls.isEmpty() ? "it was never called."
                        : "no recorded call had these arguments; recorded calls:", calls.isEmpty() ? "" : list(calls)));
        return this;
    }

    /** At least one recorded call passes {@code requirements} (which throws an AssertionError if it does not). */
    public GoSpyAssert hasCallSatisfying(Consumer<GoCallRecord> requirements) {
        isNotNull();
        Objects.requireNonNull(requirements, "requirements");
        List<GoCallRecord> calls = actual.calls();
        StringBuilder why = new StringBuilder();
        for (GoCallRecord call : calls) {
            try {
                requirements.accept(call);
                return this;
            } catch (AssertionError e) {
                if (call.number() - calls.get(0).number() < LISTED) {
                    why.append("%n  #%d %s%n    %s".formatted(call.number(), call,
                            String.valueOf(e.getMessage()).strip().replace("\n", "\n    ")));
                }
            }
        }
        fail("%nExpecting any call of %s to satisfy the given requirements, but %s".formatted(actual.target(),
                calls.isEmpty() ? "it was never called." : "none of the " + calls.size()
                        + " recorded calls did:" + why + more(calls)));
        return this;
    }

    private void fail(String message) {
        failWithMessage("%s", message);
    }

    private static boolean matches(List<Object> actual, Object[] expected) {
        if (actual.size() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            Object a = actual.get(i);
            Object e = expected[i];
            boolean integers = isInteger(a) && isInteger(e);
            if (integers ? ((Number) a).longValue() != ((Number) e).longValue() : !Objects.deepEquals(a, e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInteger(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
    }

    private static String times(long n) {
        return n == 1 ? "1 time" : n + " times";
    }

    /** ".", or ":" and the recorded calls. */
    private String listing() {
        List<GoCallRecord> calls = actual.calls();
        return calls.isEmpty() ? "." : ":" + list(calls);
    }

    private String list(List<GoCallRecord> calls) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, calls.size()); i++) {
            s.append("%n  #%d %s".formatted(calls.get(i).number(), calls.get(i)));
        }
        s.append(more(calls));
        long count = actual.callCount();
        if (count > calls.size()) {
            s.append("%n(the spy keeps the last %d of the %d calls)".formatted(calls.size(), count));
        }
        return s.toString();
    }

    private static String more(List<GoCallRecord> calls) {
        return calls.size() > LISTED ? "%n  … and %d more".formatted(calls.size() - LISTED) : "";
    }

    private static String render(List<Object> values) {
        StringBuilder s = new StringBuilder();
        for (Object v : values) {
            s.append(s.isEmpty() ? "" : ", ").append(GoCallRecord.render(v));
        }
        return s.toString();
    }
}
