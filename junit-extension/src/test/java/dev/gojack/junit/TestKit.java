package dev.gojack.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventStatistics;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes through the Jupiter engine and picks results out of the events. */
final class TestKit {
    private TestKit() {
    }

    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
        Journal.clear();
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    /** The result of the test method {@code method} (the only one of that name in the run). */
    static TestExecutionResult resultOf(EngineExecutionResults results, String method) {
        return results.testEvents().finished().stream()
                .filter(e -> isMethod(e.getTestDescriptor().getSource().orElse(null), method))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .reduce((a, b) -> {
                    throw new IllegalStateException("more than one test named " + method);
                })
                .orElseThrow(() -> new IllegalStateException("no test named " + method + " ran"));
    }

    /** The exception the test method {@code method} failed (or was aborted) with. */
    static Throwable failureOf(EngineExecutionResults results, String method) {
        return resultOf(results, method).getThrowable()
                .orElseThrow(() -> new AssertionError(method + " did not fail"));
    }

    /** The exception the container of class {@code type} failed with. */
    static Throwable containerFailureOf(EngineExecutionResults results, Class<?> type) {
        return results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().orElse(null) instanceof ClassSource c
                        && c.getJavaClass().equals(type))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst()
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError(type.getSimpleName() + " did not fail"));
    }

    private static boolean isMethod(TestSource source, String method) {
        return source instanceof MethodSource m && m.getMethodName().equals(method);
    }

    /** Checks the statistics of the test events; on a mismatch the message lists how every test ended. */
    static void assertTests(EngineExecutionResults results, Consumer<EventStatistics> statistics) {
        try {
            results.testEvents().assertStatistics(statistics);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + summary(results), e);
        }
    }

    /** For assertion messages: every finished test and how it ended. */
    static String summary(EngineExecutionResults results) {
        StringBuilder b = new StringBuilder();
        for (Event e : results.allEvents().finished().list()) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            b.append('\n').append(e.getTestDescriptor().getDisplayName()).append(": ").append(r.getStatus());
            r.getThrowable().ifPresent(t -> b.append(" ").append(t));
        }
        return b.toString();
    }
}
