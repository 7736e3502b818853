package dev.gojack;

/** Where user code created a GoJack object, for messages about it later ("created at FooTest.java:42"). */
final class CreationSite {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private CreationSite() {
    }

    /** The first frame outside GoJack's own API and internals, as {@code Class.method(File.java:line)}. */
    static String describe() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isGoJack(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("an unknown place"));
    }

    private static boolean isGoJack(String className) {
        return className.startsWith("dev.gojack.internal.") || className.equals(FakeClock.class.getName())
                || className.startsWith(GoLibrary.class.getName()) || className.equals(CreationSite.class.getName());
    }
}
