package dev.jsonarena;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a record component's JSON member when it differs from the component's name, or a record's
 * discriminator value in a {@linkplain JsonDiscriminator sealed hierarchy} when it differs from the
 * record's simple name. Used by {@link JsonCodecs}.
 *
 * {@snippet :
 * record Order(@JsonName("order_id") long id, String item) {}   // {"order_id": 7, "item": "pen"}
 * }
 *
 * <p>Names are matched exactly (case-sensitive, by their UTF-8 bytes).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface JsonName {
    /** {@return the member name, or the discriminator value of a record type} */
    String value();
}
