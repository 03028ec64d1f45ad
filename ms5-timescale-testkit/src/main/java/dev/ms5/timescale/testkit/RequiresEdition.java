package dev.ms5.timescale.testkit;

import dev.ms5.timescale.TimescaleEdition;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that a {@link TimescaleTest} class or method needs a server of the given edition.
 *
 * <ul>
 *     <li>{@link TimescaleEdition#TIMESCALE}: where the server runs the Apache edition, the test is skipped, and
 *     the skip says why.</li>
 *     <li>{@link TimescaleEdition#APACHE} on a class: its database is created on a server in Apache mode; on a
 *     full local installation the fixture starts a second server with {@code timescaledb.license=apache}; with
 *     {@code MS5_TIMESCALE_URL}, {@code MS5_TIMESCALE_APACHE_URL} names one; without it Docker, then this
 *     machine's binaries, are tried in Apache mode, and the class is skipped with the reasons when neither
 *     serves.</li>
 * </ul>
 * On a method, the requirement is checked against the class's database.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresEdition {

    /**
     * Returns the edition needed.
     *
     * @return the edition
     */
    TimescaleEdition value();
}
