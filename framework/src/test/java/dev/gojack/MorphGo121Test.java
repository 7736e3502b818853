package dev.gojack;


/**
 * {@link MorphTest} against the Go 1.21 build of the morph fixture (its own JVM fork, so its own Go runtime):
 * direct-interface in {@code Kind_} rather than {@code TFlag}, {@code runtime.itab} rather than {@code abi.ITab}.
 */
@org.junit.jupiter.api.Tag("explicit-go121")
class MorphGo121Test extends MorphTest {
    @Override
    String variant() {
        return "go1.21/" + Fixtures.NOINLINE;
    }
}
