package dev.gojack.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every message the extension puts in an exception, built in one place so they share one shape:
 * {@code <annotation> on <class or method>: <what went wrong>. <what to do>}.
 */
final class Messages {
    private Messages() {
    }

    // ------------------------------------------------------------------ naming things

    /** {@code class a.b.C} or {@code method a.b.C.m(int, String)}. */
    static String element(AnnotatedElement element) {
        if (element instanceof Class<?> c) {
            return "class " + c.getName();
        }
        if (element instanceof Method m) {
            return "method " + m.getDeclaringClass().getName() + "." + m.getName() + "(" + parameterTypes(m) + ")";
        }
        return String.valueOf(element);
    }

    private static String parameterTypes(Executable e) {
        return Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }

    static String describe(GoJackTest a) {
        return "@GoJackTest(library = " + quote(a.library()) + ")";
    }

    /** The annotation as written, with only the attributes that were set. */
    static String describe(PatchGoFunction a) {
        List<String> parts = new ArrayList<>();
        parts.add("target = " + quote(a.target()));
        if (!a.replacement().isEmpty()) {
            parts.add("replacement = " + quote(a.replacement()));
        }
        if (a.returns().length > 0) {
            parts.add("returns = " + Arrays.stream(a.returns()).map(Messages::quote)
                    .collect(Collectors.joining(", ", "{", "}")));
        }
        if (a.allowInlined()) {
            parts.add("allowInlined = true");
        }
        return "@PatchGoFunction(" + String.join(", ", parts) + ")";
    }

    static String describe(FakeGoClock a) {
        List<String> parts = new ArrayList<>();
        parts.add(quote(a.value()));
        if (a.zone() != FakeGoClock.Zone.UTC) {
            parts.add("zone = " + a.zone());
        }
        if (a.sleepAdvances()) {
            parts.add("sleepAdvances = true");
        }
        if (a.firesTimers()) {
            parts.add("firesTimers = true");
        }
        return "@FakeGoClock(" + String.join(", ", parts) + ")";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String on(String annotation, AnnotatedElement element) {
        return annotation + " on " + element(element) + ": ";
    }

    // ------------------------------------------------------------------ @GoJackTest

    static String noGoJackTest(AnnotatedElement element) {
        return "GoJack's annotations and parameters on " + element(element) + " need the Go library they patch:"
                + " annotate the test class (or an enclosing class) with @GoJackTest(library = \"...\").";
    }

    static String libraryNotFound(GoJackTest a, Class<?> on, List<String> looked, boolean searchPathSet) {
        StringBuilder b = new StringBuilder(on(describe(a), on));
        b.append("cannot find the Go library ").append(quote(a.library())).append(". Looked in:");
        for (String place : looked) {
            b.append("\n  ").append(place);
        }
        b.append("\nGive a path relative to the working directory (").append(System.getProperty("user.dir"))
                .append("), put the library on the classpath, or name its directory in -D")
                .append(LibraryLocator.SEARCH_PATH_PROPERTY).append('=')
                .append(searchPathSet ? "DIR" + java.io.File.pathSeparator + "..." : "DIR (it is not set)")
                .append('.');
        return b.toString();
    }

    static String libraryNotLoaded(GoJackTest a, Class<?> on, String why) {
        return on(describe(a), on) + why;
    }

    static String extractionFailed(String resource, String why) {
        return "Cannot extract the Go library " + resource + " from the classpath to a temporary file: " + why;
    }

    // ------------------------------------------------------------------ @RestoreGoVariables (issue 14)

    static String describe(RestoreGoVariables a) {
        return "@RestoreGoVariables(" + java.util.Arrays.stream(a.value()).map(Messages::quote)
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"))
                + (a.allowPointers() ? ", allowPointers = true" : "") + ")";
    }

    static String restoreVariablesFailed(RestoreGoVariables a, AnnotatedElement on, String why) {
        return on(describe(a), on) + why;
    }

    static String noVariablesToRestore() {
        return "name at least one package variable, e.g. @RestoreGoVariables({\"main.breakerOpen\"}).";
    }

    // ------------------------------------------------------------------ @PatchGoFunction

    static String patchFailed(PatchGoFunction a, AnnotatedElement on, String why) {
        return on(describe(a), on) + why;
    }

    static String replacementXorReturns(PatchGoFunction a) {
        return a.replacement().isEmpty()
                ? "give either replacement = \"<Go function>\" or returns = {\"<type>:<value>\", ...}; neither was given."
                : "give either replacement or returns, not both.";
    }

    static String emptyTarget() {
        return "target is empty; name the Go function to patch, e.g. target = \"main.add\".";
    }

    static String badReturnValue(int index, String value, String why) {
        return "returns[" + index + "] = " + quote(value) + " is not a Go value: " + why + " Write type:value, e.g. "
                + "\"int64:42\", \"string:hello\", \"bool:true\", \"float64:2.5\", \"error:nil\", "
                + "\"error:io.EOF\", \"nil\", or \"void\" alone for no results (see @PatchGoFunction).";
    }

    static String voidNotAlone() {
        return "\"void\" means the function has no results and must be the only element of returns.";
    }

    // ------------------------------------------------------------------ @MorphGoInterface

    static String describe(MorphGoInterface a) {
        return "@MorphGoInterface(variable = " + quote(a.variable()) + ", type = " + quote(a.type()) + ")";
    }

    static String morphFailed(MorphGoInterface a, AnnotatedElement on, String why) {
        return on(describe(a), on) + why;
    }

    static String morphNamesMissing() {
        return "name both the package variable and the type, e.g. variable = \"main.store\", "
                + "type = \"*main.memStore\".";
    }

    // ------------------------------------------------------------------ @FakeGoClock

    static String clockFailed(FakeGoClock a, AnnotatedElement on, String why) {
        return on(describe(a), on) + why;
    }

    static String badInstant(String value, String why) {
        return quote(value) + " is not an ISO-8601 instant (" + why + "). Write e.g. \"2026-01-30T22:00:00Z\" or "
                + "\"2026-01-30T17:00:00-05:00\".";
    }

    // ------------------------------------------------------------------ parameters

    static String noDeclaredClock(Executable executable) {
        return "Cannot inject a FakeClock into " + element(executable) + ": neither the test method nor its classes"
                + " declare @FakeGoClock(\"<instant>\"). Declare one, or inject GoPatches and call"
                + " fakeClock(Instant).";
    }

    static String clockOutsideTest(Executable executable) {
        return "Cannot inject a FakeClock into " + element(executable) + ": the clock of @FakeGoClock exists for one"
                + " test; inject it into the test method, or a @BeforeEach or @AfterEach method.";
    }

    static String bindingNotPublic(Class<?> type) {
        return "Cannot bind " + type.getName() + " to the Go library's exports: jnr-ffi needs a public interface."
                + " Declare it public.";
    }

    static String missingExports(Class<?> type, java.nio.file.Path library, List<String> missing) {
        return "Cannot bind " + type.getName() + " to " + library + ": it does not export " + missing
                + ". Each method of the interface must be named like a function the library exports (//export).";
    }

    static String bindingFailed(Class<?> type, java.nio.file.Path library, String why) {
        return "jnr-ffi cannot bind " + type.getName() + " to " + library + ": " + why;
    }

    // ------------------------------------------------------------------ restoring

    static String restoreFailed(String test, List<String> failures) {
        return "GoJack could not restore " + failures.size() + " patch(es) after " + test
                + "; the Go library may still run patched code:\n  " + String.join("\n  ", failures);
    }
}
