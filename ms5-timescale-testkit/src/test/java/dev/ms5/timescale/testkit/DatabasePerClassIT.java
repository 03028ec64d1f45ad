package dev.ms5.timescale.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ms5.timescale.TimescaleEdition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through JUnit itself and checks what each saw of its database. */
@TimescaleTest
class DatabasePerClassIT {

    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void eachClassGetsItsOwnDatabaseWhichIsDroppedAfterwards(DataSource own) throws SQLException {
        SEEN.clear();

        run(2, First.class, Second.class);

        assertThat(SEEN.get("first.db")).isNotNull().isNotEqualTo(SEEN.get("second.db"));
        assertThat(SEEN.get("first.hypertables")).isEqualTo(1);
        assertThat(SEEN.get("second.hypertables")).isEqualTo(0);
        assertThat(existing(own, (String) SEEN.get("first.db"), (String) SEEN.get("second.db"))).isEmpty();
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void aJobCreatedInOneClassIsAbsentInTheOther() {
        SEEN.clear();

        run(2, FirstWithJob.class, SecondWithJob.class);

        assertThat(SEEN.get("first.jobs")).isEqualTo(1);
        assertThat(SEEN.get("second.jobs")).isEqualTo(0);
    }

    @Test
    void nestedClassesShareTheirEnclosingClassesDatabase() {
        SEEN.clear();

        run(2, Outer.class);

        assertThat(SEEN.get("outer.db")).isNotNull().isEqualTo(SEEN.get("inner.db"));
    }

    private static void run(int tests, Class<?>... classes) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(java.util.Arrays.stream(classes).map(c -> selectClass(c))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
        List<Throwable> failures = results.allEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        assertThat(failures).as("failures of the sample classes").isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(tests);
    }

    private static List<String> existing(DataSource dataSource, String... names) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT datname FROM pg_database WHERE datname = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", names));
            try (ResultSet rs = query.executeQuery()) {
                List<String> found = new java.util.ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        }
    }

    private static int count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(DataSource dataSource, String... sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static final String HYPERTABLES = "SELECT count(*) FROM timescaledb_information.hypertables";
    private static final String JOBS = "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'noop'";

    @TimescaleTest
    static class First {
        @Test
        void createsAHypertable(TimescaleDatabase database) throws SQLException {
            SEEN.put("first.db", database.name());
            execute(database.dataSource(), "CREATE TABLE conditions (time timestamptz NOT NULL, value float8)",
                    "SELECT create_hypertable('conditions', 'time')");
            SEEN.put("first.hypertables", count(database.dataSource(), HYPERTABLES));
        }
    }

    @TimescaleTest
    static class Second {
        @Test
        void seesNoHypertable(TimescaleDatabase database) throws SQLException {
            SEEN.put("second.db", database.name());
            SEEN.put("second.hypertables", count(database.dataSource(), HYPERTABLES));
        }
    }

    @TimescaleTest
    static class FirstWithJob {
        @Test
        void addsAJob(DataSource dataSource) throws SQLException {
            execute(dataSource, "CREATE PROCEDURE noop(job_id int, config jsonb) LANGUAGE plpgsql AS $$ BEGIN END $$",
                    "SELECT add_job('noop', '1 hour')");
            SEEN.put("first.jobs", count(dataSource, JOBS));
        }
    }

    @TimescaleTest
    static class SecondWithJob {
        @Test
        void seesNoJob(DataSource dataSource) throws SQLException {
            SEEN.put("second.jobs", count(dataSource, JOBS));
        }
    }

    @TimescaleTest
    static class Outer {
        @Test
        void recordsItsDatabase(TimescaleDatabase database) {
            SEEN.put("outer.db", database.name());
        }

        @org.junit.jupiter.api.Nested
        class Inner {
            @Test
            void recordsItsDatabase(TimescaleDatabase database) {
                SEEN.put("inner.db", database.name());
            }
        }
    }
}
