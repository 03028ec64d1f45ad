package dev.ms5.timescale.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.ExtensionMissingException;
import dev.ms5.timescale.ExtensionVersionException;
import dev.ms5.timescale.TimescaleEdition;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The first contact's failures, as a server answers the dialect's query: versions no server here has (before
 * 2.13) are given by a stand-in connection that answers that query as such a server would.
 */
class DialectTest {

    @Test
    void anExtensionOlderThanSupportedSaysHowToUpdate() {
        assertThatThrownBy(() -> Dialect.read(answering("ms5", "15.20 (Debian)", "2.11.2", "timescale", "on", "public")))
                .isInstanceOf(ExtensionVersionException.class)
                .hasMessage("TimescaleDB 2.11.2 in database ms5 is older than 2.13.0, the oldest this library"
                        + " supports. Fix: ALTER EXTENSION timescaledb UPDATE; after installing a newer TimescaleDB");
    }

    @Test
    void aMissingExtensionSaysHowToCreateIt() {
        assertThatThrownBy(() -> Dialect.read(answering("ms5", "15.20", null, null, "on", null)))
                .isInstanceOf(ExtensionMissingException.class)
                .hasMessageStartingWith("The timescaledb extension is not installed in database ms5. Fix: CREATE"
                        + " EXTENSION timescaledb;");
    }

    @Test
    void nonStandardStringsAreRefusedWithTheSetting() {
        assertThatThrownBy(() -> Dialect.read(answering("ms5", "15.20", "2.28.3", "timescale", "off", "public")))
                .isInstanceOf(ExtensionVersionException.class)
                .hasMessageEndingWith("Fix: ALTER DATABASE \"ms5\" SET standard_conforming_strings = on");
    }

    @Test
    void theVersionAndEditionAreRead() throws SQLException {
        Dialect dialect = Dialect.read(answering("ms5", "17.4 (Ubuntu)", "2.22.1", null, "on", "ts"));

        assertThat(dialect.postgresVersion()).isEqualTo("17.4");
        assertThat(dialect.timescaleVersion()).isEqualTo(Version.parse("2.22.1"));
        assertThat(dialect.edition()).isEqualTo(TimescaleEdition.APACHE);
        assertThat(dialect.columnstore()).isTrue();
        assertThat(dialect.changesCompressedSettings()).isTrue();
        assertThat(dialect.setChunkInterval()).isEqualTo("SELECT \"ts\".set_chunk_time_interval(?::oid::regclass,"
                + " ?::interval)");
    }

    /** A connection whose one query answers one row with these columns. */
    private static Connection answering(Object... columns) {
        ResultSet rs = proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> true;
            case "getString" -> (String) columns[(Integer) args[0] - 1];
            default -> null;
        });
        Statement statement = proxy(Statement.class, (method, args) -> method.equals("executeQuery") ? rs : null);
        return proxy(Connection.class, (method, args) -> method.equals("createStatement") ? statement : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(DialectTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}
