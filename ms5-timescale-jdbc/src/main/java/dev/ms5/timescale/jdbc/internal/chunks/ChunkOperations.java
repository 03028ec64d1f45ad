package dev.ms5.timescale.jdbc.internal.chunks;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.ChunkReport.Operation;
import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.UnsupportedEditionException;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Failures;
import dev.ms5.timescale.jdbc.internal.Interrupted;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
import dev.ms5.timescale.jdbc.internal.plan.StateReader;
import dev.ms5.timescale.jdbc.internal.plan.TableState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses, decompresses, recompresses and drops chunks on demand. Each chunk is done in its own
 * transaction, so a long run holds no lock on the chunks already done, and a run that stops can be started
 * again. A chunk whose transaction meets a deadlock or serialization failure (a TimescaleDB policy job working
 * on the same chunk, say) is tried again a few times with a growing pause; a chunk that another session has
 * dropped or converted meanwhile is skipped and reported. When a chunk keeps failing, the error names the
 * sessions holding locks on it.
 */
public final class ChunkOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkOperations.class);
    private static final int ATTEMPTS = 4;
    private static final long FIRST_PAUSE_MILLIS = 100;

    private final DataSource dataSource;
    private final AdminOptions options;

    /**
     * Creates the operations.
     *
     * @param dataSource the database
     * @param options    the timeouts
     */
    public ChunkOperations(DataSource dataSource, AdminOptions options) {
        this.dataSource = dataSource;
        this.options = options;
    }

    /** Lists the chunks an operation is to do. */
    @FunctionalInterface
    private interface Lister {
        List<String> list(Connection connection, TableState.Relation relation) throws SQLException;
    }

    /** Does one chunk inside its transaction; returns why it was skipped, or empty when done. */
    @FunctionalInterface
    private interface ChunkWork {
        Optional<String> on(Connection connection, String chunk, boolean compressed) throws SQLException;
    }

    /**
     * Compresses the uncompressed chunks older than an age.
     *
     * @param dialect   what the database runs
     * @param table     the hypertable
     * @param olderThan the age
     * @return the chunks compressed
     */
    public ChunkReport compress(Dialect dialect, TableName table, Duration olderThan) {
        requireLicense(dialect, "compressing chunks");
        return perChunk(dialect, table, Operation.COMPRESS,
                (c, relation) -> strings(c, dialect.uncompressedChunksOlderThan(), relation.oid(),
                        Intervals.format(olderThan)),
                (c, chunk, compressed) -> {
                    if (compressed) {
                        return Optional.of("compressed by another session meanwhile");
                    }
                    Sql.execute(c, dialect.compressChunk(), List.of(chunk));
                    return Optional.empty();
                });
    }

    /**
     * Decompresses the compressed chunks overlapping a time range.
     *
     * @param dialect what the database runs
     * @param table   the hypertable
     * @param from    the range's start, inclusive
     * @param to      the range's end, exclusive
     * @return the chunks decompressed
     */
    public ChunkReport decompress(Dialect dialect, TableName table, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidArgumentException("decompressChunks: from " + from + " must be before to " + to
                    + "; e.g. from = Instant.parse(\"2026-01-01T00:00:00Z\"), to = from.plus(Duration.ofDays(1))");
        }
        requireLicense(dialect, "decompressing chunks");
        return perChunk(dialect, table, Operation.DECOMPRESS,
                (c, relation) -> strings(c, dialect.compressedChunksInRange(), relation.schema(), relation.name(),
                        OffsetDateTime.ofInstant(to, ZoneOffset.UTC), OffsetDateTime.ofInstant(from, ZoneOffset.UTC)),
                (c, chunk, compressed) -> {
                    if (!compressed) {
                        return Optional.of("decompressed by another session meanwhile");
                    }
                    Sql.execute(c, dialect.decompressChunk(), List.of(chunk));
                    return Optional.empty();
                });
    }

    /**
     * Compresses again, with the table's current settings, the compressed chunks compressed with other ones.
     *
     * @param dialect what the database runs
     * @param table   the hypertable
     * @return the chunks recompressed
     */
    public ChunkReport recompress(Dialect dialect, TableName table) {
        requireLicense(dialect, "recompressing chunks");
        String sql = dialect.chunksWithOtherSettings();
        long[] oid = new long[1];
        return perChunk(dialect, table, Operation.RECOMPRESS,
                (c, relation) -> {
                    oid[0] = relation.oid();
                    return strings(c, sql, relation.oid(), null, null);
                },
                (c, chunk, compressed) -> {
                    if (!compressed || strings(c, sql, oid[0], chunk, chunk).isEmpty()) {
                        return Optional.of("recompressed or decompressed by another session meanwhile");
                    }
                    Sql.execute(c, dialect.decompressChunk(), List.of(chunk));
                    Sql.execute(c, dialect.compressChunk(), List.of(chunk));
                    return Optional.empty();
                });
    }

    /**
     * Drops the chunks older than an age.
     *
     * @param dialect   what the database runs
     * @param table     the hypertable
     * @param olderThan the age
     * @return the chunks dropped
     */
    public ChunkReport drop(Dialect dialect, TableName table, Duration olderThan) {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            TableState.Relation relation = hypertable(connection, dialect, table);
            List<String> dropped = withRetries(connection, dialect, relation, table.toString(), () -> Tx.commit(
                    connection, options.lockTimeout(), options.statementTimeout(), c -> strings(c,
                            dialect.dropChunks(), relation.oid(),
                            Intervals.format(olderThan))));
            return done(new ChunkReport(table, Operation.DROP, dropped, List.of(), elapsed(start)));
        } catch (SQLException e) {
            throw failure(table, Operation.DROP, e, List.of());
        }
    }

    private ChunkReport perChunk(Dialect dialect, TableName table, Operation operation, Lister lister,
                                 ChunkWork work) {
        long start = System.nanoTime();
        List<String> done = new ArrayList<>();
        List<ChunkReport.Skipped> skipped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            TableState.Relation relation = hypertable(connection, dialect, table);
            List<String> chunks = Tx.read(connection, options.lockTimeout(), options.statementTimeout(),
                    c -> lister.list(c, relation));
            for (String chunk : chunks) {
                long chunkStart = System.nanoTime();
                Optional<String> skip = changedMeanwhile(operation, () -> withRetries(connection, dialect, relation,
                        chunk, () -> Tx.commit(connection, options.lockTimeout(), options.statementTimeout(), c -> {
                            boolean[] state = chunkState(c, chunk);
                            return state[0] ? work.on(c, chunk, state[1])
                                    : Optional.of("dropped by another session meanwhile");
                        })));
                if (skip.isPresent()) {
                    skipped.add(new ChunkReport.Skipped(chunk, skip.get()));
                    LOG.info("{}: {}: skipped chunk {}: {}", table, verb(operation), chunk, skip.get());
                } else {
                    done.add(chunk);
                    LOG.info("{}: {} chunk {} ({} of {}) in {} ms", table, verb(operation), chunk, done.size()
                            + skipped.size(), chunks.size(), elapsed(chunkStart).toMillis());
                }
            }
            return done(new ChunkReport(table, operation, done, skipped, elapsed(start)));
        } catch (SQLException e) {
            throw failure(table, operation, e, done);
        }
    }

    /**
     * A chunk that another session dropped or converted between our check and our statement (a policy job that
     * held it, say) makes TimescaleDB refuse the statement; that chunk is skipped, not failed.
     */
    private static Optional<String> changedMeanwhile(Operation operation, Attempt<Optional<String>> attempt)
            throws SQLException {
        try {
            return attempt.run();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("42P01")) {
                return Optional.of("dropped by another session meanwhile");
            }
            if (state.equals("42710") && operation == Operation.COMPRESS) {
                return Optional.of("compressed by another session meanwhile");
            }
            throw e;
        }
    }

    /** Work in a transaction of its own, which may be tried again. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    private <T> T withRetries(Connection connection, Dialect dialect, TableState.Relation relation, String chunk,
                              Attempt<T> attempt) throws SQLException {
        long pause = FIRST_PAUSE_MILLIS;
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                boolean conflict = Sql.isConflict(e);
                if (conflict && i < ATTEMPTS) {
                    LOG.info("{}: {} (SQLState {}), attempt {} of {}; trying again in {} ms", chunk,
                            Failures.describe(e), e.getSQLState(), i, ATTEMPTS, pause);
                    Interrupted.sleep(pause + ThreadLocalRandom.current().nextLong(pause), "a retry of " + chunk);
                    pause *= 2;
                    continue;
                }
                if (conflict || "55P03".equals(e.getSQLState())) {
                    throw new Conflict(chunk, e, i, holders(connection, dialect, relation, chunk, e));
                }
                throw e;
            }
        }
    }

    /** A chunk that kept meeting other sessions' locks, with who held them. */
    private static final class Conflict extends SQLException {
        private static final long serialVersionUID = 1L;

        Conflict(String chunk, SQLException cause, int attempts, String holders) {
            super(chunk + ": " + Failures.describe(cause) + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + "); sessions holding locks on it or its hypertable: " + holders, cause.getSQLState(), cause);
        }
    }

    private String holders(Connection connection, Dialect dialect, TableState.Relation relation, String chunk,
                           SQLException cause) {
        try {
            List<String> holders = Tx.read(connection, options.lockTimeout(), options.statementTimeout(), c -> {
                List<String> found = new ArrayList<>();
                try (PreparedStatement query = c.prepareStatement(dialect.lockHolders())) {
                    query.setString(1, chunk);
                    query.setLong(2, relation.oid());
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            found.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + ", application '"
                                    + rs.getString(3) + "', " + (rs.getBoolean(5) ? "holds " : "waits for ")
                                    + rs.getString(4) + ", transaction started " + rs.getObject(6) + ": "
                                    + rs.getString(7) + ")");
                        }
                    }
                }
                return found;
            });
            return holders.isEmpty() ? "none any more (the conflicting transaction has ended)"
                    : String.join("; ", holders);
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return "unknown (" + Failures.describe(e) + ")";
        }
    }

    private static boolean[] chunkState(Connection connection, String chunk) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(Dialect.chunkState())) {
            query.setString(1, chunk);
            query.setString(2, chunk);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new boolean[] {rs.getBoolean(1), rs.getBoolean(2)};
            }
        }
    }

    private TableState.Relation hypertable(Connection connection, Dialect dialect, TableName table)
            throws SQLException {
        TableState state = Tx.single(connection, c -> new StateReader(dialect)
                .read(c, List.of(table), options.statementTimeout()).tables().get(0));
        if (state.relation().isEmpty()) {
            throw new TableNotFoundException(table.toString(), "Table " + table + " does not exist in database "
                    + dialect.database() + ". Fix: correct the name, or give its schema (e.g. public." + table.name()
                    + ")");
        }
        if (state.hypertable().isEmpty()) {
            throw new TableNotFoundException(table.toString(), state.relation().get().display()
                    + " is not a hypertable" + (state.relation().get().kind() == 'r' ? "" : " (not even a table)")
                    + ". Fix: apply a PolicySpec for it first, or name a hypertable");
        }
        return state.relation().get();
    }

    private static TimescaleException failure(TableName table, Operation operation, SQLException e,
                                              List<String> done) {
        String fix = e instanceof Conflict ? "run it again once those sessions are done; it picks up where it"
                + " stopped (a TimescaleDB job can be paused meanwhile: SELECT alter_job(id, scheduled => false))"
                : e instanceof Interrupted ? "run it again; it picks up where it stopped"
                : "see the server's message; run it again, it picks up where it stopped";
        return new TimescaleException(table + ": " + verb(operation) + " chunks stopped after " + done.size()
                + (done.size() == 1 ? " chunk" : " chunks") + (done.isEmpty() ? "" : " (the last: "
                + done.get(done.size() - 1) + ")") + ": " + Failures.describe(e)
                + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")") + ". Fix: " + fix, e);
    }

    private static ChunkReport done(ChunkReport report) {
        LOG.info("{}", report);
        return report;
    }

    private static String verb(Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static List<String> strings(Connection connection, String sql, Object... values) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(statement, Arrays.asList(values));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    private static void requireLicense(Dialect dialect, String what) {
        if (dialect.edition() == TimescaleEdition.APACHE) {
            throw new UnsupportedEditionException(dialect.licenseReason(what) + ". Fix: run it on a server with the"
                    + " Timescale-License edition (timescaledb.license=timescale)");
        }
    }
}
