package dev.ms5.timescale.jdbc.fakes;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicyPlan;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.monitoring.ChunkPage;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ConfigurationReport;
import dev.ms5.timescale.monitoring.DatabaseInfo;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link TimescaleAdmin} without a database: health and statistics from {@link FakeData}, every read counted,
 * and a switch that makes reads fail. Only monitoring is implemented; the rest throws.
 */
public final class FakeAdmin implements TimescaleAdmin {

    /** Reads by name ({@code health}, {@code statistics}, {@code hypertables}, ...). */
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private volatile boolean full = true;
    private volatile HealthReport.Status status = HealthReport.Status.UP;
    private volatile Supplier<RuntimeException> failure;
    private volatile List<PolicySpec> healthSpecs;
    private volatile Runnable beforeRead = () -> { };

    /** Every optional part present ({@code true}, the default) or empty. */
    public FakeAdmin full(boolean everything) {
        this.full = everything;
        return this;
    }

    public FakeAdmin status(HealthReport.Status overall) {
        this.status = overall;
        return this;
    }

    /** Makes every read (health too) throw what the supplier gives; {@code null} to read again. */
    public FakeAdmin failing(Supplier<RuntimeException> error) {
        this.failure = error;
        return this;
    }

    /** Runs before each statistics read, e.g. to hold it on a latch. */
    public FakeAdmin beforeRead(Runnable action) {
        this.beforeRead = action;
        return this;
    }

    public int reads(String what) {
        return reads.computeIfAbsent(what, w -> new AtomicInteger()).get();
    }

    public Optional<List<PolicySpec>> healthSpecs() {
        return Optional.ofNullable(healthSpecs);
    }

    @Override
    public HealthReport health() {
        return read("health", () -> FakeData.health(status));
    }

    @Override
    public HealthReport health(List<PolicySpec> specs) {
        healthSpecs = List.copyOf(specs);
        return read("health", () -> FakeData.health(status));
    }

    @Override
    public TimescaleStatistics statistics() {
        reads.computeIfAbsent("statistics", w -> new AtomicInteger()).incrementAndGet();
        return new Statistics();
    }

    private <T> T read(String what, Supplier<T> value) {
        reads.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
        beforeRead.run();
        Supplier<RuntimeException> error = failure;
        if (error != null) {
            throw error.get();
        }
        return value.get();
    }

    private final class Statistics implements TimescaleStatistics {

        @Override
        public DatabaseInfo database() {
            return read("database", FakeData::database);
        }

        @Override
        public ExtensionInfo extension() {
            return read("extension", () -> FakeData.extension(full));
        }

        @Override
        public List<HypertableStats> hypertables() {
            return read("hypertables", () -> FakeData.hypertables(full));
        }

        @Override
        public List<HypertableStats> hypertablesExact() {
            return read("hypertablesExact", () -> FakeData.hypertables(full));
        }

        @Override
        public List<CompressionStats> compression() {
            return read("compression", () -> FakeData.compression(full));
        }

        @Override
        public ChunkPage chunks(Optional<String> table, int limit, int offset) {
            return read("chunks", () -> {
                Optional<TableName> name = table.map(TableName::parse);
                if (name.isPresent() && !name.get().name().equals("metric_hist")) {
                    throw new TableNotFoundException(table.get(), "Table " + name.get() + " is not a hypertable"
                            + " in database ms5");
                }
                return FakeData.chunks(name, limit, offset, full);
            });
        }

        @Override
        public List<JobStats> jobs() {
            return read("jobs", () -> FakeData.jobs(full));
        }

        @Override
        public ConfigurationReport configuration(List<PolicySpec> specs, TimescaleSettings settings,
                                                 Optional<String> jdbcUrl) {
            return read("configuration", () -> FakeData.configuration(full));
        }
    }

    @Override
    public MonitoringEndpoints monitoring(MonitoringOptions options) {
        throw new UnsupportedOperationException("the tests build the endpoints themselves");
    }

    @Override
    public PolicyPlan plan(List<PolicySpec> specs) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public ApplyReport applyPolicies(List<PolicySpec> specs) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public List<ChunkReport> enforceRetention(List<PolicySpec> specs) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public ChunkReport compressChunks(String table, Duration olderThan) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public ChunkReport decompressChunks(String table, Instant from, Instant to) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public ChunkReport recompressChunks(String table) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public ChunkReport dropChunks(String table, Duration olderThan) {
        throw new UnsupportedOperationException("not faked");
    }
}
