package dev.gojack.internal.patch;

import java.util.Optional;

/**
 * Where a patch was made: the first stack frame outside GoJack's framework classes (the test line that asked
 * for it), so that "already closed" and "still applied" messages can point at it.
 */
public final class Location {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource FRAMEWORK = Location.class.getProtectionDomain().getCodeSource();

    private final String frame;

    private Location(String frame) {
        this.frame = frame;
    }

    /** The caller's location, skipping every frame of GoJack's framework. */
    public static Location here() {
        Optional<StackWalker.StackFrame> first = WALKER.walk(frames -> frames
                .filter(f -> !isFramework(f.getDeclaringClass()))
                .findFirst());
        return new Location(first.map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + f.getLineNumber() + ")").orElse("an unknown place"));
    }

    /** A location given by its description (for tests and for callers that know better). */
    public static Location of(String frame) {
        return new Location(frame);
    }

    static boolean isFramework(Class<?> type) {
        if (type.getName().startsWith("java.") || type.getName().startsWith("jdk.internal.")) {
            return true;
        }
        return type.getName().startsWith("dev.gojack.")
                && java.util.Objects.equals(type.getProtectionDomain().getCodeSource(), FRAMEWORK);
    }

    @Override
    public String toString() {
        return frame;
    }
}
