package dev.ms5.timescale.jdbc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.jdbc.fakes.FakeAdmin;
import dev.ms5.timescale.jdbc.fakes.FakeData;
import dev.ms5.timescale.jdbc.fakes.WatchedPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gauges' names, tags and values, read from a snapshot refreshed at most once per interval. */
class TimescaleMetricsTest {

    private final FakeAdmin admin = new FakeAdmin();
    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TimescaleMetrics metrics = new TimescaleMetrics(admin, Duration.ofSeconds(30),
            Clock.fixed(FakeData.LAST_SUCCESS.plusSeconds(90), ZoneOffset.UTC), nanos::get);

    @Test
    void readsNothingUntilScraped() {
        metrics.bindTo(registry);

        assertThat(admin.reads("health")).isZero();
        assertThat(admin.reads("statistics")).isZero();
        assertThat(registry.find("timescaledb.health.status").gauges()).hasSize(4);
    }

    @Test
    void gaugesPerHypertableCompressionAndJob() {
        metrics.bindTo(registry);

        assertThat(health("UP")).isEqualTo(1.0);
        assertThat(health("DEGRADED")).isZero();
        assertThat(health("DOWN")).isZero();
        assertThat(health("UNKNOWN")).isZero();
        assertThat(gauge("timescaledb.hypertable.chunks", "table", "public.metric_hist")).isEqualTo(2160);
        assertThat(gauge("timescaledb.hypertable.chunks.compressed", "table", "public.metric_hist")).isEqualTo(1992);
        assertThat(gauge("timescaledb.hypertable.size.bytes", "table", "public.metric_hist"))
                .isEqualTo(5_700_008_192.0);
        assertThat(registry.get("timescaledb.hypertable.size.bytes").gauge().getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(gauge("timescaledb.compression.bytes.before", "table", "public.metric_hist")).isEqualTo(4.0e9);
        assertThat(gauge("timescaledb.compression.bytes.after", "table", "public.metric_hist")).isEqualTo(3.0e8);
        assertThat(registry.get("timescaledb.job.failures.consecutive").tags("job_id", "1001", "kind", "retention",
                "table", "public.metric_hist").gauge().value()).isEqualTo(3);
        assertThat(registry.get("timescaledb.job.seconds.since.success").tags("job_id", "1001").gauge().value())
                .isEqualTo(90.0);
        assertThat(registry.get("timescaledb.job.seconds.since.success").tags("job_id", "3",
                "kind", "job_history_retention", "table", "none").gauge().value()).isNaN();
        assertThat(admin.reads("statistics")).isEqualTo(1);
    }

    @Test
    void scrapesWithinTheIntervalReadTheSnapshot() {
        metrics.bindTo(registry);
        for (int i = 0; i < 5; i++) {
            scrape();
        }
        assertThat(admin.reads("statistics")).isEqualTo(1);
        assertThat(admin.reads("health")).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        scrape();
        assertThat(admin.reads("statistics")).isEqualTo(1);

        admin.status(Status.DEGRADED);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        scrape();
        assertThat(admin.reads("statistics")).isEqualTo(2);
        assertThat(admin.reads("hypertables")).isEqualTo(2);
        assertThat(health("DEGRADED")).isEqualTo(1.0);
        assertThat(health("UP")).isZero();
    }

    @Test
    void aFailedRefreshKeepsTheLastValuesAndIsTriedAgainAfterTheInterval() {
        metrics.bindTo(registry);
        scrape();
        assertThat(gauge("timescaledb.hypertable.chunks", "table", "public.metric_hist")).isEqualTo(2160);

        admin.failing(() -> new DatabaseUnavailableException("no answer within 5000 ms", null));
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(gauge("timescaledb.hypertable.chunks", "table", "public.metric_hist")).isEqualTo(2160);
        assertThat(health("UP")).isEqualTo(1.0);
        scrape();
        assertThat(admin.reads("hypertables")).isEqualTo(2);

        admin.failing(null).status(Status.DOWN);
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(health("DOWN")).isEqualTo(1.0);
        assertThat(admin.reads("hypertables")).isEqualTo(3);
    }

    @Test
    void newTablesAndJobsAppearAndGoneOnesAreRemovedAtARefresh() {
        metrics.bindTo(registry);
        assertThat(registry.find("timescaledb.hypertable.chunks").gauges()).isEmpty();
        scrape();
        assertThat(gauge("timescaledb.hypertable.chunks", "table", "public.metric_hist")).isEqualTo(2160);
        assertThat(registry.find("timescaledb.hypertable.chunks").tag("table", "\"Counters\"").gauge()).isNull();

        admin.full(false);
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(health("UP")).isEqualTo(1.0);

        assertThat(gauge("timescaledb.hypertable.chunks", "table", "\"Counters\"")).isZero();
        assertThat(registry.find("timescaledb.hypertable.chunks").tag("table", "public.metric_hist").gauge()).isNull();
        assertThat(registry.find("timescaledb.job.failures.consecutive").gauges()).hasSize(1);
    }

    @Test
    void aRegistryBoundAfterARefreshGetsTheKnownSeries() {
        metrics.bindTo(registry);
        assertThat(health("UP")).isEqualTo(1.0);

        SimpleMeterRegistry later = new SimpleMeterRegistry();
        metrics.bindTo(later);

        assertThat(later.get("timescaledb.hypertable.chunks").tag("table", "public.metric_hist").gauge().value())
                .isEqualTo(2160);
        assertThat(admin.reads("statistics")).isEqualTo(1);
    }

    @Test
    void concurrentScrapesWaitForOneRefresh() throws Exception {
        metrics.bindTo(registry);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        admin.beforeRead(() -> {
            reading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (WatchedPool pool = new WatchedPool(3)) {
            Future<Double> first = pool.submit(() -> health("UP"));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Double> second = pool.submit(() -> health("UP"));
            Future<Double> third = pool.submit(() -> health("DOWN"));
            // All three wait (one in the read, two for it) before the read may end.
            pool.awaitAllWaiting();
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1.0);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1.0);
            assertThat(third.get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(admin.reads("health")).isEqualTo(1);
        assertThat(admin.reads("statistics")).isEqualTo(1);
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new TimescaleMetrics(admin, Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The metrics' refresh interval must be positive, was PT0S; e.g. Duration.ofSeconds(30)");
        assertThat(TimescaleMetrics.DEFAULT_REFRESH).isEqualTo(Duration.ofSeconds(30));
    }

    /** What a registry does on a scrape: reads every gauge. The first read refreshes the snapshot. */
    private void scrape() {
        registry.getMeters().forEach(TimescaleMetricsTest::value);
    }

    private double health(String status) {
        return registry.get("timescaledb.health.status").tag("status", status).gauge().value();
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    private static void value(Meter meter) {
        if (meter instanceof Gauge gauge) {
            gauge.value();
        }
    }
}
