package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ANONYMOUS;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.USER;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.HealthReport.Status;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.jdbc.fakes.WatchedPool;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Polling reads the database at most once per endpoint and query per cacheFor, and access is checked each time. */
class CacheTest {

    private final Endpoints endpoints = new Endpoints();

    @Test
    void answersAreReusedForFiveSecondsByDefault() {
        for (int i = 0; i < 10; i++) {
            assertThat(endpoints.get("metrics/hypertables", ADMIN).status()).isEqualTo(200);
        }
        assertThat(endpoints.admin.reads("hypertables")).isEqualTo(1);

        endpoints.advance(Duration.ofMillis(4999));
        endpoints.get("metrics/hypertables", ADMIN);
        assertThat(endpoints.admin.reads("hypertables")).isEqualTo(1);

        endpoints.advance(Duration.ofMillis(1));
        endpoints.get("metrics/hypertables", ADMIN);
        assertThat(endpoints.admin.reads("hypertables")).isEqualTo(2);
    }

    @Test
    void zeroReadsEveryTime() {
        Endpoints uncached = new Endpoints(MonitoringOptions.defaults().access(Endpoints.POLICY)
                .cacheFor(Duration.ZERO));

        uncached.get("configuration", ADMIN);
        uncached.get("configuration", ADMIN);

        assertThat(uncached.admin.reads("configuration")).isEqualTo(2);
    }

    @Test
    void eachEndpointAndQueryHasItsOwnEntry() {
        endpoints.get("metrics/chunks", "limit=10", ADMIN);
        endpoints.get("metrics/chunks", "limit=10", ADMIN);
        endpoints.get("metrics/chunks", "limit=10&offset=10", ADMIN);
        endpoints.get("metrics/chunks", "table_name=metric_hist&limit=10", ADMIN);
        endpoints.get("metrics/chunks", "table_name=METRIC_HIST&limit=10", ADMIN);
        endpoints.get("metrics/chunks", "limit=10&table_name=public.metric_hist", ADMIN);
        endpoints.get("metrics/compression", ADMIN);

        assertThat(endpoints.admin.reads("chunks")).isEqualTo(4);
        assertThat(endpoints.admin.reads("compression")).isEqualTo(1);
    }

    @Test
    void theCacheHoldsDataNotAnswersSoAccessIsCheckedOnEveryRequest() {
        assertThat(endpoints.get("health/timescaledb", ADMIN).status()).isEqualTo(200);
        assertThat(endpoints.get("metrics/hypertables", ADMIN).status()).isEqualTo(200);

        assertThat(endpoints.get("health/timescaledb", ANONYMOUS).status()).isEqualTo(401);
        assertThat(endpoints.get("metrics/hypertables", USER).status()).isEqualTo(403);
        assertThat(endpoints.get("health", ANONYMOUS).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(body(endpoints.get("status/timescaledb", USER))).containsOnlyKeys("installed", "version",
                "newest_available", "update_available", "library_matches", "edition", "status");
        assertThat(endpoints.admin.reads("health")).isEqualTo(1);
    }

    @Test
    void thePublicStatusTheReportAndTheExtensionStatusComeFromOneReport() {
        endpoints.admin.status(Status.DEGRADED);
        endpoints.get("health", ANONYMOUS);
        endpoints.admin.status(Status.UP);

        assertThat(body(endpoints.get("health/timescaledb", ADMIN))).containsEntry("status", "DEGRADED");
        assertThat(body(endpoints.get("status/timescaledb", USER))).containsEntry("status", "DEGRADED");
        assertThat(endpoints.admin.reads("health")).isEqualTo(1);
    }

    @Test
    void declaredSpecsGoToTheHealthReport() {
        List<PolicySpec> specs = List.of(PolicySpec.builder("metric_hist", "ts").build());
        Endpoints declared = new Endpoints(MonitoringOptions.defaults().access(Endpoints.POLICY).specs(specs));

        declared.get("health", ANONYMOUS);

        assertThat(declared.admin.healthSpecs()).contains(specs);
        endpoints.get("health", ANONYMOUS);
        assertThat(endpoints.admin.healthSpecs()).isEmpty();
    }

    @Test
    void failuresAreNotKept() {
        endpoints.admin.failing(() -> new DatabaseUnavailableException("down", null));
        assertThat(endpoints.get("metrics/compression", ADMIN).status()).isEqualTo(503);

        endpoints.admin.failing(null);
        assertThat(endpoints.get("metrics/compression", ADMIN).status()).isEqualTo(200);
        assertThat(endpoints.admin.reads("compression")).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWaitForOneRead() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        endpoints.admin.beforeRead(() -> {
            reading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (WatchedPool pool = new WatchedPool(4)) {
            List<Future<MonitoringResponse>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> endpoints.get("metrics/hypertables", ADMIN)));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> endpoints.get("metrics/hypertables", ADMIN)));
            }
            // All four wait (one in the read, three for it) before the read may end: none comes late to the cache.
            pool.awaitAllWaiting();
            release.countDown();

            for (Future<MonitoringResponse> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
        assertThat(endpoints.admin.reads("hypertables")).isEqualTo(1);
    }

    @Test
    void theCacheKeepsABoundedNumberOfPages() {
        for (int offset = 0; offset < AnswerCache.MAX_ENTRIES + 50; offset++) {
            endpoints.get("metrics/chunks", "offset=" + offset, ADMIN);
        }
        endpoints.get("metrics/chunks", "offset=0", ADMIN);

        assertThat(endpoints.admin.reads("chunks")).isEqualTo(AnswerCache.MAX_ENTRIES + 51);
    }
}
