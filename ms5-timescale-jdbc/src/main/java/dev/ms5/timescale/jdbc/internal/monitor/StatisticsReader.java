package dev.ms5.timescale.jdbc.internal.monitor;

import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.jdbc.internal.Tx;
import dev.ms5.timescale.jdbc.internal.apply.PolicyApplier;
import dev.ms5.timescale.monitoring.ChunkInfo;
import dev.ms5.timescale.monitoring.ChunkPage;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ConfigurationReport;
import dev.ms5.timescale.monitoring.DatabaseInfo;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.RelationSizes;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The statistics, each in one or a few catalog queries for all tables, read through {@link Reads} (bounded by
 * the health timeout). The health check reuses the readers that take a connection.
 */
public final class StatisticsReader implements TimescaleStatistics {

    private static final int MAX_LIMIT = 1000;

    private final Reads reads;
    private final Supplier<Dialect> dialect;
    private final ConnectionDialect onConnection;
    private final PolicyApplier applier;

    /**
     * Creates the reader of an admin.
     *
     * @param dataSource the database
     * @param options    the health timeout bounds every read
     * @param dialect      the database's dialect, read on first use with a connection of its own
     * @param onConnection the same, read on first use with the connection the reads hold
     * @param applier      the planner, for the configuration
     * @return the reader
     */
    public static StatisticsReader create(javax.sql.DataSource dataSource, dev.ms5.timescale.AdminOptions options,
                                          Supplier<Dialect> dialect, ConnectionDialect onConnection,
                                          PolicyApplier applier) {
        return new StatisticsReader(new Reads(dataSource, options.healthTimeout()), dialect, onConnection, applier);
    }

    /** The database's dialect, read with the given connection when not known yet (so a pool of one suffices). */
    @FunctionalInterface
    public interface ConnectionDialect {
        /**
         * Returns the dialect.
         *
         * @param connection the connection held
         * @return the dialect
         * @throws SQLException when it cannot be read
         */
        Dialect of(Connection connection) throws SQLException;
    }

    /**
     * Creates the reader.
     *
     * @param reads       the bounded reads
     * @param dialect      the database's dialect, read on first use
     * @param onConnection the same, read with the connection the reads hold
     * @param applier      the planner, for the configuration
     */
    StatisticsReader(Reads reads, Supplier<Dialect> dialect, ConnectionDialect onConnection, PolicyApplier applier) {
        this.reads = reads;
        this.dialect = dialect;
        this.onConnection = onConnection;
        this.applier = applier;
    }

    @Override
    public DatabaseInfo database() {
        return reads.run("the database", c -> {
            long start = System.nanoTime();
            reads.one(c, "SELECT 1", rs -> 1);
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            return reads.one(c, Dialect.databaseInfo(), rs -> new DatabaseInfo(rs.getString(1),
                    rs.getString(2).split(" ")[0], rs.getLong(3), rs.getInt(4), rs.getInt(5), roundTrip));
        });
    }

    @Override
    public ExtensionInfo extension() {
        return reads.run("the timescaledb extension", this::extension);
    }

    ExtensionInfo extension(Connection c) throws SQLException {
        ExtensionInfo base = reads.one(c, Dialect.extensionInfo(), rs -> {
            Optional<String> installed = Optional.ofNullable(rs.getString(3));
            // Without the setting (an old or Apache-only build), an installed extension is the Apache edition.
            Optional<TimescaleEdition> edition = Optional.ofNullable(rs.getString(5))
                    .map(TimescaleEdition::fromLicense).or(() -> installed.map(v -> TimescaleEdition.APACHE));
            return new ExtensionInfo(rs.getString(1), rs.getString(2).split(" ")[0], installed,
                    Optional.ofNullable(rs.getString(4)), Optional.empty(), edition, integer(rs.getString(6)),
                    rs.getInt(7), 0, rs.getBoolean(8));
        });
        if (!base.installed()) {
            return base;
        }
        // A session that works has loaded the installed version's library.
        return reads.one(c, dialect(c).extensionDetails(), rs -> new ExtensionInfo(base.database(),
                base.postgresVersion(), base.installedVersion(), base.newestAvailable(), base.installedVersion(),
                base.edition(), base.maxBackgroundWorkers(), base.maxWorkerProcesses(), rs.getInt(1),
                base.schedulerRunning()));
    }

    @Override
    public List<HypertableStats> hypertables() {
        return reads.run("the hypertables", c -> hypertables(c, Map.of()));
    }

    @Override
    public List<HypertableStats> hypertablesExact() {
        return reads.run("the hypertables' sizes", c -> {
            Map<TableName, RelationSizes> exact = new LinkedHashMap<>();
            reads.list(c, dialect(c).exactSizes(), rs -> exact.put(name(rs.getString(1), rs.getString(2)),
                    new RelationSizes(rs.getLong(3), rs.getLong(4), rs.getLong(5), false)));
            return hypertables(c, exact);
        });
    }

    private List<HypertableStats> hypertables(Connection c, Map<TableName, RelationSizes> exact) throws SQLException {
        return reads.list(c, dialect(c).hypertableStats(), rs -> {
            TableName table = name(rs.getString(1), rs.getString(2));
            boolean timeTyped = rs.getBoolean(4);
            long interval = rs.getLong(5);
            return new HypertableStats(table, rs.getString(3),
                    timeTyped ? Optional.of(Duration.of(interval, ChronoUnit.MICROS)) : Optional.empty(),
                    timeTyped ? Optional.empty() : Optional.of(interval), rs.getLong(6), rs.getLong(7),
                    exact.getOrDefault(table, new RelationSizes(rs.getLong(8), rs.getLong(9), rs.getLong(10), true)),
                    rs.getLong(11), rs.getBoolean(12), policies(rs.getString(13)));
        });
    }

    @Override
    public List<CompressionStats> compression() {
        return reads.run("the compression statistics", c -> compression(c, true));
    }

    List<CompressionStats> compression(Connection c, boolean chunkSettings) throws SQLException {
        return reads.list(c, dialect(c).compressionStats(chunkSettings), rs -> {
            List<Object> settings = list(rs.getString(8));
            return new CompressionStats(name(rs.getString(1), rs.getString(2)), rs.getBoolean(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), rs.getLong(7), settings.isEmpty() ? List.of() : strings(settings.get(0)),
                    settings.isEmpty() ? List.of() : orderBy(settings), rs.getLong(9));
        });
    }

    @Override
    public ChunkPage chunks(Optional<String> table, int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit
                    + "; e.g. 100");
        }
        if (offset < 0) {
            throw new InvalidArgumentException("offset must be 0 or more, was " + offset + "; e.g. 0");
        }
        Optional<TableName> name = table.map(TableName::parse);
        return reads.run("the chunks", c -> {
            Integer id = name.isEmpty() ? null : hypertableId(c, name.get());
            String sql = dialect(c).chunkPage(id != null);
            Object[] page = id == null ? new Object[] {limit, offset} : new Object[] {id, limit, offset};
            long[] total = {0};
            List<ChunkInfo> chunks = reads.list(c, sql, rs -> {
                total[0] = rs.getLong(9);
                boolean timeTyped = rs.getBoolean(6);
                return new ChunkInfo(name(rs.getString(1), rs.getString(2)), rs.getString(3),
                        time(rs.getLong(4), timeTyped), time(rs.getLong(5), timeTyped), rs.getBoolean(7), rs.getLong(8));
            }, page);
            if (chunks.isEmpty() && offset > 0) {
                Object[] first = id == null ? new Object[] {1, 0} : new Object[] {id, 1, 0};
                total[0] = reads.list(c, sql, rs -> rs.getLong(9), first).stream().findFirst().orElse(0L);
            }
            return new ChunkPage(name, chunks, total[0], limit, offset);
        });
    }

    private Integer hypertableId(Connection c, TableName table) throws SQLException {
        List<Integer> found = reads.list(c, Dialect.hypertableId(), rs -> rs.getInt(1), table.toString());
        if (found.isEmpty()) {
            throw new TableNotFoundException(table.toString(), "Hypertable " + table + " was not found. Fix: name a"
                    + " hypertable, with its schema when it is not on the search_path (e.g. public." + table.name()
                    + ")");
        }
        return found.get(0);
    }

    @Override
    public List<JobStats> jobs() {
        return reads.run("the jobs", this::jobs);
    }

    List<JobStats> jobs(Connection c) throws SQLException {
        TimescaleEdition edition = dialect(c).edition();
        return reads.list(c, dialect(c).jobStats(), rs -> {
            JobStats.Kind kind = kind(rs.getString(4));
            String status = rs.getObject(12) == null ? null : rs.getBoolean(12) ? "Success" : "Failed";
            List<JobStats.JobError> errors = new ArrayList<>();
            for (Object each : list(rs.getString(17))) {
                List<Object> e = list(each);
                errors.add(new JobStats.JobError(Optional.ofNullable((String) e.get(0)).map(StatisticsReader::instant),
                        e.get(1) == null ? "" : (String) e.get(1), e.get(2) == null ? "" : (String) e.get(2)));
            }
            return new JobStats(rs.getInt(1), rs.getString(2), kind,
                    rs.getString(6) == null ? Optional.empty() : Optional.of(name(rs.getString(5), rs.getString(6))),
                    seconds(rs.getBigDecimal(7)), rs.getBoolean(8),
                    rs.getTimestamp(9) == null ? Optional.empty() : Optional.ofNullable(status),
                    optional(rs.getTimestamp(9)), optional(rs.getTimestamp(11)), optional(rs.getTimestamp(13)),
                    rs.getLong(14), rs.getLong(15), rs.getInt(16), errors,
                    edition.hasPolicies() || kind == JobStats.Kind.TELEMETRY);
        });
    }

    private Dialect dialect(Connection connection) throws SQLException {
        return onConnection.of(connection);
    }

    @Override
    public ConfigurationReport configuration(List<PolicySpec> specs, TimescaleSettings settings,
                                             Optional<String> jdbcUrl) {
        List<TablePlan> plans = applier.plan(dialect.get(), List.copyOf(specs)).tables();
        List<ConfigurationReport.TableConfiguration> tables = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            TablePlan plan = plans.get(i);
            List<String> differences = new ArrayList<>();
            plan.actions().forEach(a -> differences.add(a.description()));
            plan.outstanding().forEach(o -> differences.add(o.description()));
            tables.add(new ConfigurationReport.TableConfiguration(plan.table(), declared(specs.get(i)),
                    plan.inPlace(), differences, plan.unsupported().stream().map(Object::toString).toList(),
                    plan.failure().map(Object::toString)));
        }
        return new ConfigurationReport(jdbcUrl.map(dev.ms5.timescale.jdbc.internal.Secrets::mask), settings.effective(), tables);
    }

    private static Map<String, String> declared(PolicySpec spec) {
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("time_column", spec.timeColumn());
        spec.chunkInterval().ifPresent(d -> declared.put("chunk_interval", Intervals.format(d)));
        spec.compression().ifPresent(c -> {
            declared.put("compression.segment_by", String.join(", ", c.segmentBy()));
            declared.put("compression.order_by", c.orderBy().isEmpty() ? spec.timeColumn() + " DESC"
                    : String.join(", ", c.orderBy().stream().map(OrderBy::toString).toList()));
            declared.put("compression.after", Intervals.format(c.after()));
            c.schedule().ifPresent(s -> declared.put("compression.schedule", Intervals.format(s)));
        });
        spec.retention().ifPresent(r -> {
            declared.put("retention.drop_after", Intervals.format(r.dropAfter()));
            r.schedule().ifPresent(s -> declared.put("retention.schedule", Intervals.format(s)));
        });
        spec.reorder().ifPresent(r -> declared.put("reorder.index", r.index()));
        return declared;
    }

    private static List<String> policies(String json) {
        List<String> policies = new ArrayList<>();
        for (Object each : list(json)) {
            List<Object> p = list(each);
            String proc = (String) p.get(0);
            String value = p.get(2) == null ? "" : " " + p.get(2);
            String words = switch (proc) {
                case "policy_compression" -> "compression " + ("compress_created_before".equals(p.get(1))
                        ? "created before" : "after") + value;
                case "policy_retention" -> "retention " + ("drop_created_before".equals(p.get(1))
                        ? "created before" : "drop after") + value;
                case "policy_reorder" -> "reorder on index" + value;
                case "policy_refresh_continuous_aggregate" -> "continuous aggregate refresh";
                default -> proc;
            };
            policies.add(words + (Boolean.TRUE.equals(p.get(3)) ? "" : " (paused)"));
        }
        return policies;
    }

    private static JobStats.Kind kind(String procedure) {
        return switch (procedure) {
            case "policy_compression" -> JobStats.Kind.COMPRESSION;
            case "policy_retention" -> JobStats.Kind.RETENTION;
            case "policy_reorder" -> JobStats.Kind.REORDER;
            case "policy_refresh_continuous_aggregate" -> JobStats.Kind.CONTINUOUS_AGGREGATE;
            case "policy_telemetry" -> JobStats.Kind.TELEMETRY;
            case "policy_job_stat_history_retention", "policy_job_error_retention" ->
                    JobStats.Kind.JOB_HISTORY_RETENTION;
            default -> JobStats.Kind.CUSTOM;
        };
    }

    private static List<String> orderBy(List<Object> settings) {
        List<String> columns = strings(settings.get(1));
        List<Object> descending = list(settings.get(2));
        List<Object> nullsFirst = list(settings.get(3));
        List<String> orderBy = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            orderBy.add(new OrderBy(columns.get(i), Boolean.TRUE.equals(descending.get(i)),
                    Boolean.TRUE.equals(nullsFirst.get(i))).toString());
        }
        return orderBy;
    }

    /** TimescaleDB keeps ranges of time columns in microseconds since the Unix epoch; the ends are open. */
    static String time(long internal, boolean timeTyped) {
        if (!timeTyped) {
            return Long.toString(internal);
        }
        if (internal == Long.MIN_VALUE || internal == Long.MAX_VALUE) {
            return internal < 0 ? "-infinity" : "infinity";
        }
        return Instant.EPOCH.plus(internal, ChronoUnit.MICROS).toString();
    }

    private static TableName name(String schema, String table) {
        return new TableName(Optional.of(schema), table);
    }

    private static Optional<Instant> optional(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }

    /** PostgreSQL's JSON writes timestamps as {@code 2026-11-30T13:17:25.059525+00:00}. */
    private static Instant instant(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    private static Duration seconds(BigDecimal seconds) {
        return seconds == null ? Duration.ZERO : Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static int integer(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof String text ? (List<Object>) Json.parse(text) : (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }
}
