package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A plain table that already has rows becomes a hypertable only when the spec allows moving its rows into
 * chunks; otherwise it is left as it is, and the failure names the option.
 */
@TimescaleTest
class CreateFromPlainTableIT {

    private static final int ROWS = 1_000;

    @Test
    void plainTableWithRowsIsLeftAsItIsUnlessMigrateDataIsSet(DataSource dataSource) throws SQLException {
        createWithRows(dataSource, "readings");
        PolicySpec spec = PolicySpec.builder("readings", "ts").chunkInterval(Duration.ofDays(1)).build();

        ApplyReport report = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false))
                .applyPolicies(List.of(spec));

        TableReport table = report.tables().get(0);
        TableFailure failure = table.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TableFailure.Kind.NOT_A_HYPERTABLE);
        assertThat(failure.message()).contains("readings", "rows");
        assertThat(failure.fix()).contains("migrateData(true)");
        assertThat(table.applied()).isEmpty();
        assertPlainWithAllRows(dataSource, "readings");
    }

    @Test
    void failOnErrorNamesMigrateDataInTheException(DataSource dataSource) throws SQLException {
        createWithRows(dataSource, "readings_strict");
        PolicySpec spec = PolicySpec.builder("readings_strict", "ts").chunkInterval(Duration.ofDays(1)).build();

        PolicyApplicationException thrown = catchThrowableOfType(PolicyApplicationException.class,
                () -> TimescaleAdmin.create(dataSource).applyPolicies(List.of(spec)));

        assertThat(thrown).isNotNull();
        assertThat(thrown.getMessage()).contains("readings_strict", "migrateData(true)");
        assertPlainWithAllRows(dataSource, "readings_strict");
    }

    @Test
    void migrateDataMovesTheRowsIntoChunks(DataSource dataSource) throws SQLException {
        createWithRows(dataSource, "readings_moved");
        String sumBefore = Db.single(dataSource, "SELECT sum(value) FROM readings_moved");
        PolicySpec spec = PolicySpec.builder("readings_moved", "ts").chunkInterval(Duration.ofDays(1))
                .migrateData(true).build();
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);

        ApplyReport report = admin.applyPolicies(List.of(spec));

        assertThat(report.failed()).isEmpty();
        assertThat(report.tables().get(0).applied()).extracting(PolicyAction::kind)
                .containsExactly(PolicyAction.Kind.CREATE_HYPERTABLE);
        assertThat(Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                + " WHERE hypertable_name = 'readings_moved'")).isEqualTo("1 day");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM readings_moved")).isEqualTo(String.valueOf(ROWS));
        assertThat(Db.single(dataSource, "SELECT sum(value) FROM readings_moved")).isEqualTo(sumBefore);
        // The rows left the parent table for the chunks: the ten days of rows span at least ten chunks.
        assertThat(Db.single(dataSource, "SELECT count(*) FROM ONLY readings_moved")).isEqualTo("0");
        assertThat(Integer.parseInt(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'readings_moved'"))).isGreaterThanOrEqualTo(10);
        assertThat(admin.applyPolicies(List.of(spec)).changed()).as("second apply").isEmpty();
    }

    private static void createWithRows(DataSource dataSource, String table) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, device text, value bigint)",
                "INSERT INTO " + table + " SELECT now() - i * interval '864 seconds', 'd' || (i % 5), i"
                        + " FROM generate_series(1, " + ROWS + ") i");
    }

    private static void assertPlainWithAllRows(DataSource dataSource, String table) throws SQLException {
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = ?", table)).isEqualTo("0");
        assertThat(Db.single(dataSource, "SELECT count(*) FROM ONLY " + table)).isEqualTo(String.valueOf(ROWS));
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = ?", table)).isEqualTo("0");
    }
}
