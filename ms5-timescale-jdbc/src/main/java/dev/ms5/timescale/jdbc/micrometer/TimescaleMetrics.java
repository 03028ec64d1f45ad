package dev.ms5.timescale.jdbc.micrometer;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer gauges of TimescaleDB: hypertables, compression, background jobs and health. Register it with the
 * host's registry:
 * <pre>{@code
 * new TimescaleMetrics(admin).bindTo(meterRegistry);                       // refreshed at most every 30 s
 * new TimescaleMetrics(admin, Duration.ofMinutes(1)).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>The gauges read a snapshot, never the database: a scrape that finds the snapshot older than the refresh
 * interval reads it again (health, hypertables, compression, jobs: a few catalog queries, bounded by the admin's
 * timeouts), and concurrent scrapes wait for that one read instead of starting their own. A part that cannot be
 * read keeps its last values (logged at WARN) and is tried again after the next interval. Tables and jobs that
 * appear are registered at the refresh that finds them; those that are gone are removed.
 *
 * <table>
 *     <caption>The meters, all gauges</caption>
 *     <tr><th>name</th><th>tags</th><th>value</th></tr>
 *     <tr><td>{@code timescaledb.hypertable.chunks}</td><td>table</td><td>chunks</td></tr>
 *     <tr><td>{@code timescaledb.hypertable.chunks.compressed}</td><td>table</td><td>compressed chunks</td></tr>
 *     <tr><td>{@code timescaledb.hypertable.size.bytes}</td><td>table</td><td>total bytes (catalog estimate)</td></tr>
 *     <tr><td>{@code timescaledb.compression.bytes.before}</td><td>table</td><td>compressed chunks' bytes before
 *     compression</td></tr>
 *     <tr><td>{@code timescaledb.compression.bytes.after}</td><td>table</td><td>their bytes after</td></tr>
 *     <tr><td>{@code timescaledb.job.failures.consecutive}</td><td>job_id, kind, table</td><td>failed runs since
 *     the last success</td></tr>
 *     <tr><td>{@code timescaledb.job.seconds.since.success}</td><td>job_id, kind, table</td><td>seconds since the
 *     last successful run, NaN when it never succeeded</td></tr>
 *     <tr><td>{@code timescaledb.health.status}</td><td>status (UP, DEGRADED, DOWN, UNKNOWN)</td><td>1 for the
 *     current overall status, 0 for the others</td></tr>
 * </table>
 *
 * <p>{@code table} is the hypertable as in SQL ({@code public.metric_hist}), {@code none} for a job without one;
 * {@code kind} is the job's kind in lower case ({@code compression}, {@code retention},
 * {@code job_history_retention}, {@code custom}...). Thread-safe.
 */
public final class TimescaleMetrics implements MeterBinder {

    /** The refresh interval when none is given: 30 seconds. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TimescaleMetrics.class);

    private final TimescaleAdmin admin;
    private final long refreshNanos;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Object refreshing = new Object();
    private final List<RegistryGauges> bound = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = Snapshot.NONE;
    private volatile boolean read;
    private volatile long readAt;

    /**
     * Creates the binder, refreshed at most every 30 seconds.
     *
     * @param admin the admin of the database to measure
     */
    public TimescaleMetrics(TimescaleAdmin admin) {
        this(admin, DEFAULT_REFRESH);
    }

    /**
     * Creates the binder.
     *
     * @param admin   the admin of the database to measure
     * @param refresh how old the snapshot may get before a scrape reads the database again (default: 30 s)
     * @throws InvalidArgumentException when the interval is not positive
     */
    public TimescaleMetrics(TimescaleAdmin admin, Duration refresh) {
        this(admin, refresh, Clock.systemUTC(), System::nanoTime);
    }

    TimescaleMetrics(TimescaleAdmin admin, Duration refresh, Clock clock, LongSupplier nanoTime) {
        this.admin = Objects.requireNonNull(admin, "admin");
        if (refresh == null || refresh.isZero() || refresh.isNegative()) {
            throw new InvalidArgumentException("The metrics' refresh interval must be positive, was " + refresh
                    + "; e.g. Duration.ofSeconds(30)");
        }
        this.refreshNanos = refresh.toNanos();
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (refreshing) {
            RegistryGauges gauges = new RegistryGauges(registry, this);
            for (HealthReport.Status status : HealthReport.Status.values()) {
                Gauge.builder("timescaledb.health.status", this, m -> m.health(status))
                        .description("1 for TimescaleDB's current overall health status, 0 for the others")
                        .tag("status", status.name()).strongReference(true).register(registry);
            }
            gauges.update(snapshot);
            bound.add(gauges);
        }
    }

    /** The snapshot, read again first when it is older than the interval. */
    Snapshot current() {
        if (stale()) {
            synchronized (refreshing) {
                if (stale()) {
                    refresh();
                }
            }
        }
        return snapshot;
    }

    double sinceSuccess(Instant success) {
        return Duration.between(success, clock.instant()).toMillis() / 1000.0;
    }

    private double health(HealthReport.Status status) {
        return current().health().map(s -> s == status ? 1.0 : 0.0).orElse(Double.NaN);
    }

    private boolean stale() {
        return !read || nanoTime.getAsLong() - readAt >= refreshNanos;
    }

    private void refresh() {
        Snapshot last = snapshot;
        Optional<HealthReport.Status> health = part("health", () -> Optional.of(admin.health().status()),
                last.health());
        TimescaleStatistics statistics = part("statistics", admin::statistics, null);
        Snapshot next = statistics == null ? new Snapshot(health, last.hypertables(), last.compression(), last.jobs())
                : new Snapshot(health,
                        part("hypertables", () -> Snapshot.byTable(statistics.hypertables()), last.hypertables()),
                        part("compression", () -> Snapshot.byCompressedTable(statistics.compression()),
                                last.compression()),
                        part("jobs", () -> Snapshot.byJob(statistics.jobs()), last.jobs()));
        snapshot = next;
        readAt = nanoTime.getAsLong();
        read = true;
        bound.forEach(gauges -> gauges.update(next));
    }

    /** Reads one part; on failure keeps its last values, so one broken view does not blank the others. */
    private static <T> T part(String what, Supplier<T> reader, T last) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            LOG.warn("timescaledb metrics: reading {} failed, keeping the last values until the next refresh: {}",
                    what, e.toString());
            return last;
        }
    }
}
