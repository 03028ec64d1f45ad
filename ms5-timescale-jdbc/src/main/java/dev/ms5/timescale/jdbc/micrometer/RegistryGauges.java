package dev.ms5.timescale.jdbc.micrometer;

import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.HypertableStats;
import dev.ms5.timescale.monitoring.JobStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The per-table and per-job gauges of one registry. Each series reads the binder's current snapshot by its key,
 * so a refresh changes values without re-registering; {@link #update} adds the series of new keys and removes
 * those of keys that are gone.
 */
final class RegistryGauges {

    private final TimescaleMetrics metrics;
    private final MultiGauge chunks;
    private final MultiGauge compressedChunks;
    private final MultiGauge sizeBytes;
    private final MultiGauge bytesBefore;
    private final MultiGauge bytesAfter;
    private final MultiGauge consecutiveFailures;
    private final MultiGauge sinceSuccess;

    RegistryGauges(MeterRegistry registry, TimescaleMetrics metrics) {
        this.metrics = metrics;
        chunks = gauge(registry, "timescaledb.hypertable.chunks", "Chunks of the hypertable", null);
        compressedChunks = gauge(registry, "timescaledb.hypertable.chunks.compressed",
                "Compressed chunks of the hypertable", null);
        sizeBytes = gauge(registry, "timescaledb.hypertable.size.bytes",
                "Bytes of the hypertable's chunks with indexes and TOAST, estimated from the catalog",
                BaseUnits.BYTES);
        bytesBefore = gauge(registry, "timescaledb.compression.bytes.before",
                "Bytes of the compressed chunks before compression", null);
        bytesAfter = gauge(registry, "timescaledb.compression.bytes.after",
                "Bytes of the compressed chunks after compression", null);
        consecutiveFailures = gauge(registry, "timescaledb.job.failures.consecutive",
                "Failed runs of the job since its last success", null);
        sinceSuccess = gauge(registry, "timescaledb.job.seconds.since.success",
                "Seconds since the job's last successful run; NaN when it never succeeded", null);
    }

    void update(Snapshot snapshot) {
        chunks.register(tables(snapshot, Snapshot::hypertables, HypertableStats::chunks), false);
        compressedChunks.register(tables(snapshot, Snapshot::hypertables, HypertableStats::compressedChunks), false);
        sizeBytes.register(tables(snapshot, Snapshot::hypertables, h -> h.sizes().totalBytes()), false);
        bytesBefore.register(tables(snapshot, Snapshot::compression, CompressionStats::bytesBefore), false);
        bytesAfter.register(tables(snapshot, Snapshot::compression, CompressionStats::bytesAfter), false);
        consecutiveFailures.register(jobs(snapshot.jobs(), JobStats::consecutiveFailures), false);
        sinceSuccess.register(jobs(snapshot.jobs(), job -> job.lastSuccess().map(metrics::sinceSuccess)
                .orElse(Double.NaN)), false);
    }

    /** One series per table of a part of the snapshot, reading that part of whatever snapshot is current. */
    private <T> List<MultiGauge.Row<?>> tables(Snapshot now, Function<Snapshot, Map<String, T>> part,
                                               ToDoubleFunction<T> value) {
        return part.apply(now).keySet().stream().<MultiGauge.Row<?>>map(key -> MultiGauge.Row.of(Tags.of("table",
                key), metrics, m -> read(part.apply(m.current()).get(key), value))).toList();
    }

    private List<MultiGauge.Row<?>> jobs(Map<String, JobStats> now, ToDoubleFunction<JobStats> value) {
        return now.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("job_id",
                String.valueOf(e.getValue().id()), "kind", Snapshot.kind(e.getValue()), "table",
                Snapshot.table(e.getValue())), metrics, m -> read(m.current().jobs().get(e.getKey()), value)))
                .toList();
    }

    /** NaN for a key the snapshot no longer has: its series is removed at the refresh that lost it. */
    private static <T> double read(T item, ToDoubleFunction<T> value) {
        return item == null ? Double.NaN : value.applyAsDouble(item);
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description, String unit) {
        MultiGauge.Builder builder = MultiGauge.builder(name).description(description);
        return (unit == null ? builder : builder.baseUnit(unit)).register(registry);
    }
}
