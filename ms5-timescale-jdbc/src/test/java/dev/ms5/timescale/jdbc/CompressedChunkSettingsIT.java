package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.Outstanding;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyAction.Kind;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A table's segment-by changed while some of its chunks are compressed: TimescaleDB 2.14 and newer apply the
 * new settings to chunks compressed from then on, so the old chunks keep the old layout. The plan and the report
 * say so until they are recompressed; {@code recompressChunks} finishes it chunk by chunk, and picks up where it
 * stopped. TimescaleDB 2.13 refuses the change: the failure names the chunks and how to proceed.
 */
@TimescaleTest
@RequiresEdition(TimescaleEdition.TIMESCALE)
class CompressedChunkSettingsIT {

    private static final int CHUNKS = 10;

    @Test
    void newSettingsApplyToNewChunksAndTheOldOnesAreNamedUntilRecompressed(TimescaleDatabase database)
            throws SQLException {
        DataSource dataSource = database.dataSource();
        compressedBySegmentA(dataSource, "cs_named");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false));
        long rows = count(dataSource, "cs_named");
        if (!changesAllowed(database)) {
            assertRefused(dataSource, admin, "cs_named");
            return;
        }

        TableReport report = admin.applyPolicies(List.of(spec("cs_named", "b"))).tables().get(0);

        assertThat(report.applied()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SET_COMPRESSION,
                        "compression: segment by b, order by ts DESC (was segment by a, order by ts DESC)"));
        assertThat(report.outstanding()).singleElement().satisfies(o -> assertOldChunks(o, "cs_named", CHUNKS));
        assertThat(chunksSegmentedBy(dataSource, "cs_named", "a")).isEqualTo(CHUNKS);
        PolicyPlan plan = admin.plan(List.of(spec("cs_named", "b")));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.converged()).isFalse();
        assertThat(plan.outstanding()).singleElement().satisfies(o -> assertOldChunks(o, "cs_named", CHUNKS));

        ChunkReport recompressed = admin.recompressChunks("cs_named");

        assertThat(recompressed.operation()).isEqualTo(ChunkReport.Operation.RECOMPRESS);
        assertThat(recompressed.chunks()).hasSize(CHUNKS);
        assertThat(recompressed.skipped()).isEmpty();
        assertThat(chunksSegmentedBy(dataSource, "cs_named", "a")).isZero();
        assertThat(chunksSegmentedBy(dataSource, "cs_named", "b")).isEqualTo(CHUNKS);
        assertThat(count(dataSource, "cs_named")).isEqualTo(rows);
        assertThat(admin.plan(List.of(spec("cs_named", "b"))).converged()).isTrue();
        assertThat(admin.recompressChunks("cs_named").chunks()).isEmpty();
    }

    @Test
    void recompressionStoppedAtALockedChunkPicksUpWhereItStopped(TimescaleDatabase database) throws SQLException {
        DataSource dataSource = database.dataSource();
        compressedBySegmentA(dataSource, "cs_resume");
        Assumptions.assumeTrue(changesAllowed(database), "TimescaleDB " + database.timescaleVersion() + " refuses"
                + " new settings while chunks are compressed (asserted in the other tests of this class)");
        long rows = count(dataSource, "cs_resume");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .lockTimeout(Duration.ofMillis(300)));
        admin.applyPolicies(List.of(spec("cs_resume", "b")));
        String fourth = Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name) FROM"
                + " timescaledb_information.chunks WHERE hypertable_name = 'cs_resume' AND is_compressed"
                + " ORDER BY range_start").get(3);

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            int pid;
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE " + fourth + " IN ACCESS EXCLUSIVE MODE");
                var rs = statement.executeQuery("SELECT pg_backend_pid()");
                rs.next();
                pid = rs.getInt(1);
            }
            assertThatThrownBy(() -> admin.recompressChunks("cs_resume"))
                    .isInstanceOf(TimescaleException.class)
                    .hasMessageStartingWith("cs_resume: recompress chunks stopped after 3 chunks")
                    .hasMessageContaining("pid " + pid + " (client backend")
                    .hasMessageContaining("holds AccessExclusiveLock")
                    .hasMessageContaining("it picks up where it stopped");
            holder.rollback();
        }

        ChunkReport rest = admin.recompressChunks("cs_resume");

        assertThat(rest.chunks()).hasSize(CHUNKS - 3).startsWith(fourth);
        assertThat(chunksSegmentedBy(dataSource, "cs_resume", "b")).isEqualTo(CHUNKS);
        assertThat(count(dataSource, "cs_resume")).isEqualTo(rows);
    }

    @Test
    void theOptionRecompressesTheOldChunksWhileApplying(TimescaleDatabase database) throws SQLException {
        DataSource dataSource = database.dataSource();
        compressedBySegmentA(dataSource, "cs_option");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults().failOnError(false)
                .recompressChunks(true));
        if (!changesAllowed(database)) {
            assertRefused(dataSource, admin, "cs_option");
            return;
        }

        TableReport report = admin.applyPolicies(List.of(spec("cs_option", "b"))).tables().get(0);

        assertThat(report.failure()).isEmpty();
        assertThat(report.applied()).extracting(PolicyAction::kind)
                .containsExactly(Kind.SET_COMPRESSION, Kind.RECOMPRESS_CHUNKS);
        assertThat(report.applied().get(1).description()).startsWith("compression: recompress " + CHUNKS
                + " compressed chunks with segment by b, order by ts DESC (" + CHUNKS + " chunks from ");
        assertThat(report.outstanding()).isEmpty();
        assertThat(chunksSegmentedBy(dataSource, "cs_option", "b")).isEqualTo(CHUNKS);
        assertThat(admin.plan(List.of(spec("cs_option", "b"))).converged()).isTrue();
    }

    /** TimescaleDB 2.13: nothing changes, and the failure names the chunks and the way through. */
    private static void assertRefused(DataSource dataSource, TimescaleAdmin admin, String table) throws SQLException {
        TableFailure planned = admin.plan(List.of(spec(table, "b"))).tables().get(0).failure().orElseThrow();
        TableFailure failure = admin.applyPolicies(List.of(spec(table, "b"))).tables().get(0).failure().orElseThrow();

        assertThat(failure).isEqualTo(planned);
        assertThat(failure.sqlState()).isEqualTo("0A000");
        assertThat(failure.message()).startsWith("public." + table + ": TimescaleDB ")
                .contains("cannot change compression settings while compressed chunks exist, and it has " + CHUNKS);
        assertThat(failure.fix()).contains("TimescaleAdmin.decompressChunks(\"public." + table + "\", ");
        assertThat(Db.single(dataSource, "SELECT segmentby_column_index FROM timescaledb_information"
                + ".compression_settings WHERE hypertable_name = ? AND attname = 'a'", table)).isEqualTo("1");
    }

    private static void assertOldChunks(Outstanding outstanding, String table, int chunks) {
        assertThat(outstanding.kind()).isEqualTo(Outstanding.Kind.CHUNKS_WITH_OLD_COMPRESSION);
        assertThat(outstanding.description()).startsWith("compression: " + chunks + " compressed chunks keep the"
                + " settings they were compressed with (" + chunks + " chunks from ")
                .endsWith("with segment by a, order by ts DESC); segment by b, order by ts DESC applies to chunks"
                        + " compressed from now on");
        assertThat(outstanding.fix()).contains("TimescaleAdmin.recompressChunks(\"public." + table + "\")");
    }

    /** Its policy compresses after 90 days, so that the policy's job leaves the month-old chunks to the test. */
    private static PolicySpec spec(String table, String segmentBy) {
        return PolicySpec.builder(table, "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(90)).segmentBy(segmentBy)).build();
    }

    /** A table applied with segment-by {@code a}, with ten days of rows a month old, compressed. */
    private static void compressedBySegmentA(DataSource dataSource, String table) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, a integer, b integer,"
                + " v double precision)");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        admin.applyPolicies(List.of(spec(table, "a")));
        Db.execute(dataSource, "INSERT INTO " + table + " SELECT (date_trunc('day', now() AT TIME ZONE 'UTC')"
                + " AT TIME ZONE 'UTC') - INTERVAL '40 days' + g * INTERVAL '1 hour', g % 4, g % 7, g FROM generate_series(0, " + (CHUNKS * 24 - 1) + ") g");
        assertThat(admin.compressChunks(table, Duration.ofDays(7)).chunks()).hasSize(CHUNKS);
    }

    /** How many of a table's compressed chunks were compressed with this segment-by, as TimescaleDB says. */
    private static int chunksSegmentedBy(DataSource dataSource, String table, String segmentBy) throws SQLException {
        return Integer.parseInt(Db.single(dataSource, "SELECT count(*) FROM"
                + " timescaledb_information.chunk_compression_settings WHERE hypertable = ?::regclass"
                + " AND segmentby = ?", table, segmentBy));
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        return Long.parseLong(Db.single(dataSource, "SELECT count(*) FROM " + table));
    }

    private static boolean changesAllowed(TimescaleDatabase database) {
        String[] parts = database.timescaleVersion().split("\\.");
        return Integer.parseInt(parts[0]) > 2 || Integer.parseInt(parts[1]) >= 14;
    }
}
