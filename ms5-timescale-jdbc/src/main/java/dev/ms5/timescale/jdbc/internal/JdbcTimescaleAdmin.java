package dev.ms5.timescale.jdbc.internal;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.ExtensionMissingException;
import dev.ms5.timescale.ExtensionVersionException;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.jdbc.internal.apply.PolicyApplier;
import dev.ms5.timescale.jdbc.internal.chunks.ChunkOperations;
import dev.ms5.timescale.jdbc.internal.http.MonitoringHandler;
import dev.ms5.timescale.jdbc.internal.monitor.HealthCheck;
import dev.ms5.timescale.jdbc.internal.monitor.StatisticsReader;
import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link TimescaleAdmin} over JDBC. The database's dialect is read on first use and kept. */
final class JdbcTimescaleAdmin implements TimescaleAdmin {

    private final DataSource dataSource;
    private final PolicyApplier applier;
    private final ChunkOperations chunks;
    private final HealthCheck health;
    private final StatisticsReader statistics;
    private volatile Dialect dialect;

    JdbcTimescaleAdmin(DataSource dataSource, AdminOptions options) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        this.chunks = new ChunkOperations(dataSource, options);
        this.applier = new PolicyApplier(dataSource, options, chunks);
        this.statistics = StatisticsReader.create(dataSource, options, this::dialect, this::dialect, applier);
        this.health = new HealthCheck(dataSource, options.healthTimeout(), statistics, this::dialect, applier);
    }

    @Override
    public PolicyPlan plan(List<PolicySpec> specs) {
        return applier.plan(dialect(), List.copyOf(specs));
    }

    @Override
    public ApplyReport applyPolicies(List<PolicySpec> specs) {
        List<PolicySpec> declared = List.copyOf(specs);
        Dialect known;
        try {
            known = dialect();
        } catch (DatabaseUnavailableException | ExtensionMissingException | ExtensionVersionException e) {
            return applier.unavailable(declared, e);
        }
        return applier.apply(known, declared);
    }

    @Override
    public List<ChunkReport> enforceRetention(List<PolicySpec> specs) {
        List<ChunkReport> reports = new ArrayList<>();
        TimescaleException failure = null;
        for (PolicySpec spec : specs) {
            if (spec.retention().isEmpty()) {
                continue;
            }
            try {
                reports.add(chunks.drop(dialect(), spec.table(), spec.retention().get().dropAfter()));
            } catch (TimescaleException e) {
                // One table's failure must not leave the others' old data in place.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return reports;
    }

    @Override
    public ChunkReport compressChunks(String table, Duration olderThan) {
        return chunks.compress(dialect(), TableName.parse(table), positive(olderThan, "olderThan"));
    }

    @Override
    public ChunkReport decompressChunks(String table, Instant from, Instant to) {
        if (from == null || to == null) {
            throw new InvalidArgumentException("decompressChunks needs both ends of the range, was from " + from
                    + " to " + to + "; e.g. Instant.now().minus(Duration.ofDays(30)) to Instant.now()");
        }
        return chunks.decompress(dialect(), TableName.parse(table), from, to);
    }

    @Override
    public ChunkReport recompressChunks(String table) {
        return chunks.recompress(dialect(), TableName.parse(table));
    }

    @Override
    public ChunkReport dropChunks(String table, Duration olderThan) {
        return chunks.drop(dialect(), TableName.parse(table), positive(olderThan, "olderThan"));
    }

    @Override
    public HealthReport health() {
        return health.check(List.of());
    }

    @Override
    public HealthReport health(List<PolicySpec> specs) {
        return health.check(List.copyOf(specs));
    }

    @Override
    public TimescaleStatistics statistics() {
        return statistics;
    }

    @Override
    public MonitoringEndpoints monitoring(MonitoringOptions options) {
        return new MonitoringHandler(this, Objects.requireNonNull(options, "options"));
    }

    private Dialect dialect(Connection connection) throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            known = Dialect.read(connection);
            dialect = known;
        }
        return known;
    }

    private Dialect dialect() {
        Dialect known = dialect;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = Tx.single(connection, Dialect::read);
            } catch (SQLException e) {
                throw new DatabaseUnavailableException("Cannot reach the database to read its TimescaleDB version"
                        + " and edition: " + Failures.describe(e) + " (SQLState " + e.getSQLState() + "). Fix: check"
                        + " that the server is up and that the DataSource's URL, user and password are right", e);
            }
            dialect = known;
        }
        return known;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidArgumentException(name + " must be a positive duration, was " + value
                    + "; e.g. Duration.ofDays(7)");
        }
        return value;
    }
}
