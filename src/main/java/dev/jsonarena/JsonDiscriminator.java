package dev.jsonarena;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a sealed interface bindable: each permitted record (directly, or through permitted sealed
 * sub-interfaces) is written with a first member named {@link #value()} whose string is the
 * record's simple name, or its {@link JsonName}; binding reads that member first and binds the
 * object to the record it names.
 *
 * {@snippet :
 * @JsonDiscriminator("kind")
 * sealed interface Shape permits Circle, Square {}
 * record Circle(double radius) implements Shape {}
 * @JsonName("sq") record Square(double side) implements Shape {}
 * // {"kind": "Circle", "radius": 1.5}   {"kind": "sq", "side": 2}
 * }
 *
 * <p>An object without the member, or whose member is not a string naming one of the records, is
 * a {@link JsonBindException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonDiscriminator {
    /** {@return the discriminator member's name} */
    String value();
}
