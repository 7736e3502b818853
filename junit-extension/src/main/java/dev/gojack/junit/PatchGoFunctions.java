package dev.gojack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Container of repeated {@link PatchGoFunction} annotations; write {@code @PatchGoFunction} several times instead. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GoJackExtension.class)
public @interface PatchGoFunctions {
    /** The repeated annotations, in declaration order. */
    PatchGoFunction[] value();
}
