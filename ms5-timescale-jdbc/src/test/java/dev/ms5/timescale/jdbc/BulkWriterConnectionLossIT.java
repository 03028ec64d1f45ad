package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ms5.timescale.testkit.TimescaleTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A writer whose session is terminated by another one (as an operator's {@code pg_terminate_backend}, a
 * failover or a network cut would) leaves the batches before committed and says from which row to go on.
 */
@TimescaleTest
class BulkWriterConnectionLossIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void sessionKilledDuringABatchLeavesTheBatchesBeforeIt(DataSource dataSource) throws Exception {
        MetricRows.createHypertable(dataSource, "killed_during");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        BulkWriteException failure;
        try (BulkWriter writer = MetricRows.writer(dataSource, "killed_during").batchSize(100).build();
             Connection holder = dataSource.getConnection()) {
            write(writer, 1, 200);
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE killed_during IN ACCESS EXCLUSIVE MODE"); // batch 3's COPY will wait here
            Future<?> third = executor.submit(() -> write(writer, 201, 300));
            int pid = awaitBackend(dataSource, "wait_event_type = 'Lock' AND query LIKE 'COPY %'");
            Db.execute(dataSource, "SELECT pg_terminate_backend(" + pid + ")");
            holder.rollback();

            ExecutionException thrown = catchThrowableOfType(ExecutionException.class,
                    () -> third.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertThat(thrown.getCause()).isInstanceOf(BulkWriteException.class);
            failure = (BulkWriteException) thrown.getCause();
        } finally {
            executor.shutdownNow();
        }

        assertLostAfterTwoBatches(failure, dataSource, "killed_during");
        assertThat(failure.sqlState()).isIn("57P01", "08006");
    }

    @Test
    void sessionKilledBetweenBatchesFailsTheNextBatch(DataSource dataSource) throws Exception {
        MetricRows.createHypertable(dataSource, "killed_between");
        Borrowing pool = Borrowing.single(dataSource); // a pool that hands out its one connection unchecked
        BulkWriteException failure;
        try (BulkWriter writer = MetricRows.writer(pool.dataSource(), "killed_between").batchSize(100).build()) {
            write(writer, 1, 200);
            int pid = pool.shared().unwrap(PGConnection.class).getBackendPID();
            Db.execute(dataSource, "SELECT pg_terminate_backend(" + pid + ")");
            awaitGone(dataSource, pid);

            write(writer, 201, 299);
            failure = catchThrowableOfType(BulkWriteException.class, () -> writer.row(MetricRows.row(300)));
        } finally {
            closeDead(pool.shared());
        }

        assertLostAfterTwoBatches(failure, dataSource, "killed_between");
        assertThat(failure.sqlState()).isIn("57P01", "08006");
    }

    @Test
    void connectionLostDuringCommitLeavesTheOutcomeUnknownAndSaysHowToCheck(DataSource dataSource)
            throws SQLException {
        MetricRows.createHypertable(dataSource, "killed_commit");
        AtomicInteger commits = new AtomicInteger();
        DataSource killing = killBeforeThirdCommit(dataSource, commits);
        BulkWriteException failure;
        try (BulkWriter writer = MetricRows.writer(killing, "killed_commit").batchSize(100).build()) {
            write(writer, 1, 299);
            failure = catchThrowableOfType(BulkWriteException.class, () -> writer.row(MetricRows.row(300)));
        }

        assertThat(failure.commitOutcomeUnknown()).isTrue();
        assertThat(failure.committedRows()).isEqualTo(200);
        assertThat(failure.firstRow()).isEqualTo(201);
        assertThat(failure.getMessage()).startsWith("bulk writer for killed_commit: the connection was lost during"
                + " the COMMIT of batch 3 (rows 201-300) (SQLState ").endsWith("so whether those rows are committed"
                + " is unknown; rows 1-200 (batches 1-2) are committed. Count the rows in killed_commit before"
                + " writing again from row 201, or write with onConflictDoNothing(true), which skips rows already"
                + " there");
        // Here the session died before COMMIT arrived, so counting finds the batch absent, as the message advises.
        assertThat(Db.single(dataSource, "SELECT count(*) FROM killed_commit")).isEqualTo("200");
    }

    private static void assertLostAfterTwoBatches(BulkWriteException failure, DataSource dataSource, String table)
            throws SQLException {
        assertThat(failure.committedRows()).isEqualTo(200);
        assertThat(failure.batch()).isEqualTo(3);
        assertThat(failure.firstRow()).isEqualTo(201);
        assertThat(failure.lastRow()).isEqualTo(300);
        assertThat(failure.commitOutcomeUnknown()).isFalse();
        assertThat(failure.getMessage()).startsWith("bulk writer for " + table + ": batch 3 (rows 201-300) failed"
                        + " and is not committed; rows 1-200 (batches 1-2) are committed. SQLState ")
                .endsWith("The connection or the server went away; write again from row 201 with a new writer once"
                        + " the server is reachable");
        assertThat(Db.single(dataSource, "SELECT count(*) || ' ' || max(value_int) FROM " + table))
                .isEqualTo("200 199");
    }

    private static Void write(BulkWriter writer, long from, long to) {
        for (long n = from; n <= to; n++) {
            writer.row(MetricRows.row(n));
        }
        return null;
    }

    /** Connections whose third commit finds their session terminated by another one. */
    private static DataSource killBeforeThirdCommit(DataSource dataSource, AtomicInteger commits) {
        return (DataSource) Proxy.newProxyInstance(BulkWriterConnectionLossIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(BulkWriterConnectionLossIT.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("commit") && commits.incrementAndGet() == 3) {
                                    int pid = connection.unwrap(PGConnection.class).getBackendPID();
                                    Db.execute(dataSource, "SELECT pg_terminate_backend(" + pid + ")");
                                    awaitGone(dataSource, pid);
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static int awaitBackend(DataSource dataSource, String condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> pids = Db.rows(dataSource, "SELECT pid FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND " + condition);
            if (!pids.isEmpty()) {
                return Integer.parseInt(pids.get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session with " + condition + " within " + PATIENCE);
    }

    private static void awaitGone(DataSource dataSource, int pid) throws SQLException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!Db.rows(dataSource, "SELECT 1 FROM pg_stat_activity WHERE pid = ?", pid).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + pid + " still there after " + PATIENCE);
            }
            Thread.onSpinWait();
        }
    }

    private static void closeDead(Connection connection) {
        try {
            connection.close();
        } catch (SQLException expected) {
            // Its session was terminated; the driver could not say goodbye.
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
