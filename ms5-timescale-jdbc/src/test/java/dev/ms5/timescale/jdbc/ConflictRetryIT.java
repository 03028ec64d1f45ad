package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Another transaction that deadlocks with the library's (a TimescaleDB policy job, an operator's DDL): the
 * library's transaction is the one PostgreSQL cancels, and the library tries again instead of failing. The other
 * session here takes a lock the library needs, waits until the library waits for it, then asks for a lock the
 * library holds: PostgreSQL's deadlock check, run first by the session that waited longest, cancels the library.
 */
@TimescaleTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConflictRetryIT {

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void aChunkWhoseTransactionDeadlocksIsTriedAgain(DataSource dataSource) throws Exception {
        List<String> chunks = compressibleTable(dataSource, "deadlock_chunks");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        long deadlocks = deadlocks(dataSource);

        CompletableFuture<Void> other = crossing(dataSource, "LOCK TABLE " + chunks.get(0) + " IN ACCESS EXCLUSIVE"
                + " MODE", "LOCK TABLE deadlock_chunks IN ACCESS EXCLUSIVE MODE");
        ChunkReport report = admin.compressChunks("deadlock_chunks", Duration.ofDays(7));
        other.get(30, TimeUnit.SECONDS);

        awaitDeadlockAfter(dataSource, deadlocks);

        assertThat(report.chunks()).containsExactlyElementsOf(chunks);
        assertThat(Db.rows(dataSource, "SELECT is_compressed FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'deadlock_chunks'")).containsOnly("t");
    }

    @Test
    @RequiresEdition(TimescaleEdition.TIMESCALE)
    void aChunkHeldPastTheLockTimeoutNamesTheSessionHoldingIt(DataSource dataSource) throws Exception {
        List<String> chunks = compressibleTable(dataSource, "held_chunks");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource, AdminOptions.defaults()
                .lockTimeout(Duration.ofMillis(300)));

        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE " + chunks.get(1) + " IN ACCESS EXCLUSIVE MODE");
            int pid = pid(statement);
            assertThatThrownBy(() -> admin.compressChunks("held_chunks", Duration.ofDays(7)))
                    .isInstanceOf(TimescaleException.class)
                    .hasMessageStartingWith("held_chunks: compress chunks stopped after 1 chunk (the last: "
                            + chunks.get(0) + "): " + chunks.get(1) + ": ERROR: canceling statement due to lock timeout")
                    .hasMessageContaining("pid " + pid + " (client backend, application 'PostgreSQL JDBC Driver',"
                            + " holds AccessExclusiveLock")
                    .hasMessageContaining("(SQLState 55P03)");
            holder.rollback();
        }
        assertThat(admin.compressChunks("held_chunks", Duration.ofDays(7)).chunks()).hasSize(chunks.size() - 1);
    }

    @Test
    void aTableWhoseTransactionDeadlocksIsAppliedInASecondTransaction(DataSource dataSource) throws Exception {
        Db.execute(dataSource, "CREATE TABLE deadlock_apply (ts timestamptz NOT NULL, v integer)");
        long oid = Long.parseLong(Db.single(dataSource, "SELECT 'deadlock_apply'::regclass::oid::bigint"));
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        // Moving rows skips the check for rows: the first statement to wait for the table is create_hypertable.
        PolicySpec spec = PolicySpec.builder("deadlock_apply", "ts").chunkInterval(Duration.ofDays(1))
                .migrateData(true).build();

        // The library holds the table's policy lock while it waits for the table; the other session holds the
        // table and then asks for the policy lock.
        CompletableFuture<Void> other = crossing(dataSource, "LOCK TABLE deadlock_apply IN ACCESS EXCLUSIVE MODE",
                "SELECT pg_advisory_xact_lock(" + ((0x4D533554L << 32) | oid) + ")");
        long deadlocks = deadlocks(dataSource);
        ApplyReport report = admin.applyPolicies(List.of(spec));
        other.get(30, TimeUnit.SECONDS);

        awaitDeadlockAfter(dataSource, deadlocks);

        assertThat(report.failed()).isEmpty();
        assertThat(report.tables().get(0).changed()).isTrue();
        assertThat(Db.single(dataSource, "SELECT time_interval FROM timescaledb_information.dimensions"
                + " WHERE hypertable_name = 'deadlock_apply'")).isEqualTo("1 day");
    }

    private static long deadlocks(DataSource dataSource) throws SQLException {
        return Long.parseLong(Db.single(dataSource, "SELECT deadlocks FROM pg_stat_database"
                + " WHERE datname = current_database()"));
    }

    /** The server counted a deadlock (its statistics arrive within a second or so): the retry was needed. */
    private static void awaitDeadlockAfter(DataSource dataSource, long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (deadlocks(dataSource) <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server detected no deadlock: the test did not cross the locks");
            }
            Thread.sleep(100);
        }
    }

    /**
     * In another session: takes the first lock, waits until a session of this database waits for a lock, then
     * runs the second statement (which waits for the library: a deadlock), holds on a moment and commits.
     */
    private static CompletableFuture<Void> crossing(DataSource dataSource, String first, String second)
            throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                other.setAutoCommit(false);
                statement.execute(first);
                started.complete(null);
                awaitWaiter(dataSource);
                statement.execute(second);
                Thread.sleep(300);
                other.commit();
            } catch (Exception e) {
                started.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        });
        started.get(10, TimeUnit.SECONDS);
        return done;
    }

    private static void awaitWaiter(DataSource dataSource) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Db.rows(dataSource, "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the library never waited for the lock");
            }
            Thread.sleep(20);
        }
        // Let the library's wait age, so that its deadlock check runs first.
        Thread.sleep(300);
    }

    /** A table with compression enabled and three uncompressed days of rows ten days old; its chunks, oldest first. */
    private static List<String> compressibleTable(DataSource dataSource, String table) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, device integer, v double"
                + " precision)");
        TimescaleAdmin.create(dataSource).applyPolicies(List.of(PolicySpec.builder(table, "ts")
                .chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(30)).segmentBy("device")).build()));
        Db.quiesceJobs(dataSource);
        Db.execute(dataSource, "INSERT INTO " + table + " SELECT (date_trunc('day', now() AT TIME ZONE 'UTC')"
                + " AT TIME ZONE 'UTC') - INTERVAL '10 days' + g * INTERVAL '1 hour', g % 3, g"
                + " FROM generate_series(0, 71) g");
        return Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name) FROM"
                + " timescaledb_information.chunks WHERE hypertable_name = ? ORDER BY range_start", table);
    }

    private static int pid(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
