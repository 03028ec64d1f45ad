package dev.ms5.timescale.jdbc.internal.chunks;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.ChunkReport.Operation;
import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.UnsupportedEditionException;
import dev.ms5.timescale.jdbc.internal.Dialect;
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
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses, decompresses and drops chunks on demand. Each chunk is compressed or decompressed in its own
 * transaction, so a long run holds no lock on the chunks already done.
 */
public final class ChunkOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkOperations.class);
    private static final String OLDER_UNCOMPRESSED = """
            SELECT format('%I.%I', ch.chunk_schema, ch.chunk_name)
            FROM show_chunks(?::oid::regclass, older_than => ?::interval) s
            JOIN timescaledb_information.chunks ch ON format('%I.%I', ch.chunk_schema, ch.chunk_name)::regclass = s
            WHERE NOT ch.is_compressed ORDER BY ch.range_start""";
    private static final String COMPRESSED_IN_RANGE = """
            SELECT format('%I.%I', chunk_schema, chunk_name) FROM timescaledb_information.chunks
            WHERE hypertable_schema = ? AND hypertable_name = ? AND is_compressed
              AND range_start < ? AND range_end > ? ORDER BY range_start""";

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
        return run(dialect, table, Operation.COMPRESS, (connection, relation) -> {
            List<String> chunks = read(connection, OLDER_UNCOMPRESSED, relation.oid(), Intervals.format(olderThan));
            convert(connection, dialect.compressChunk(), chunks);
            return chunks;
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
        requireLicense(dialect, "decompressing chunks");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("decompressChunks: from " + from + " must be before to " + to);
        }
        return run(dialect, table, Operation.DECOMPRESS, (connection, relation) -> {
            List<String> chunks = read(connection, COMPRESSED_IN_RANGE, relation.schema(), relation.name(),
                    OffsetDateTime.ofInstant(to, ZoneOffset.UTC), OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            convert(connection, dialect.decompressChunk(), chunks);
            return chunks;
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
        return run(dialect, table, Operation.DROP, (connection, relation) -> Tx.commit(connection,
                options.lockTimeout(), options.statementTimeout(), c -> strings(c, "SELECT drop_chunks("
                        + "?::oid::regclass, older_than => ?::interval)", relation.oid(), Intervals.format(olderThan))));
    }

    @FunctionalInterface
    private interface Work {
        List<String> on(Connection connection, TableState.Relation relation) throws SQLException;
    }

    private ChunkReport run(Dialect dialect, TableName table, Operation operation, Work work) {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            TableState.Relation relation = hypertable(connection, dialect, table);
            List<String> chunks = work.on(connection, relation);
            ChunkReport report = new ChunkReport(table, operation, chunks, Duration.ofNanos(System.nanoTime() - start));
            LOG.info("{}", report);
            return report;
        } catch (SQLException e) {
            throw new TimescaleException(table + ": " + operation.name().toLowerCase(java.util.Locale.ROOT)
                    + " chunks failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private TableState.Relation hypertable(Connection connection, Dialect dialect, TableName table)
            throws SQLException {
        TableState state = Tx.read(connection, options.lockTimeout(), options.statementTimeout(),
                c -> new StateReader().read(c, List.of(table), false).get(0));
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

    private void convert(Connection connection, String sql, List<String> chunks) throws SQLException {
        for (String chunk : chunks) {
            Tx.commit(connection, options.lockTimeout(), options.statementTimeout(), c -> {
                Sql.execute(c, sql, List.of(chunk));
                return chunk;
            });
        }
    }

    private List<String> read(Connection connection, String sql, Object... values) throws SQLException {
        return Tx.read(connection, options.lockTimeout(), options.statementTimeout(), c -> strings(c, sql, values));
    }

    private static List<String> strings(Connection connection, String sql, Object... values) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
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
