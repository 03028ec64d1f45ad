package dev.ms5.timescale.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a database of its own, with the {@code timescaledb} extension created, on the
 * run's shared TimescaleDB server; the database is dropped after the class.
 *
 * <p>Test constructors, lifecycle and test methods receive it as a {@link javax.sql.DataSource} or as a
 * {@link TimescaleDatabase} (which also tells the versions, the edition and the JDBC URL):
 * <pre>{@code
 * @TimescaleTest
 * class HypertableIT {
 *     @Test
 *     void createsHypertable(DataSource dataSource) throws SQLException {
 *         try (Connection connection = dataSource.getConnection()) {
 *             // ...
 *         }
 *     }
 * }
 * }</pre>
 * Combine with {@link RequiresEdition} to need the Timescale-License edition or an Apache-edition server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TimescaleExtension.class)
public @interface TimescaleTest {
}
