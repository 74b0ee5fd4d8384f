package dev.jsonarena;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a record component out of JSON: {@link JsonCodecs} never writes it, and binding gives it
 * what a missing member gives ({@code null}, empty, {@code Optional.empty()}, or zero and
 * {@code false} for a primitive, whatever the options), treating a member of its name as unknown.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface JsonIgnore {}
