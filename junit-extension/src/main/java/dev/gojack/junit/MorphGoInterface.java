package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the Go interface value held in a package variable behave as another concrete type for each test: every
 * method call through the interface then runs {@link #type()}'s methods on the same data (see
 * {@link dev.gojack.GoLibrary#morph(String, String, dev.gojack.MorphOption...)} for the safety checks). The
 * library must already have the itab for the new type and the interface.
 *
 * <p>Applied and restored exactly like {@link PatchGoFunction} — before the {@code @BeforeEach} methods, after
 * the {@code @AfterEach} methods, whatever the outcome; on classes, subclasses and {@code @Nested} classes,
 * outermost first. On each class or method, {@code @PatchGoFunction}s are applied first, then
 * {@code @MorphGoInterface}s, then the {@link FakeGoClock}. A refused morph (unknown variable or type, a layout
 * that is not GC-safe, no itab) fails the test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming this annotation, where it was
 * declared, and GoJack's reason.
 *
 * <pre>{@code
 * @Test
 * @MorphGoInterface(variable = "main.store", type = "*main.memStore")
 * void theStoreActsAsAMemoryStore(Stores stores) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(MorphGoInterfaces.class)
@ExtendWith(GoJackExtension.class)
public @interface MorphGoInterface {
    /** The package variable holding the interface value, as Go names it: {@code "main.store"}. */
    String variable();

    /** The concrete type it should act as, as Go prints it: {@code "*main.memStore"}. */
    String type();
}
