package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.jdbc.fakes.FakeAdmin;
import dev.ms5.timescale.jdbc.internal.Json;
import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.AccessPolicy;
import dev.ms5.timescale.monitoring.AuditRecord;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringRequest;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The endpoints over a fake admin, with a clock the test moves and the audit records kept. */
final class Endpoints {

    static final String BASE = "/api/v1/monitoring";
    static final Caller ANONYMOUS = Caller.anonymous();
    /** Known, but the policy gives it no more than the public level. */
    static final Caller GUEST = Caller.of("visitor", "guest");
    static final Caller USER = Caller.of("ops-dashboard", "viewer");
    static final Caller ADMIN = Caller.of("alice", "admin");
    /** Admins by role; guests public; anyone else known authenticated. */
    static final AccessPolicy POLICY = caller -> caller.roles().contains("admin") ? AccessLevel.ADMIN
            : caller.roles().contains("guest") || caller.identity().isEmpty() ? AccessLevel.PUBLIC
            : AccessLevel.AUTHENTICATED;

    final FakeAdmin admin = new FakeAdmin();
    final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final MonitoringHandler handler;

    Endpoints() {
        this(MonitoringOptions.defaults().access(POLICY));
    }

    Endpoints(MonitoringOptions options) {
        handler = new MonitoringHandler(admin, options.audit(audit::add),
                Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC), nanos::get);
    }

    MonitoringResponse get(String path, Caller caller) {
        return request("GET", path, "", caller);
    }

    MonitoringResponse get(String path, String query, Caller caller) {
        return request("GET", path, query, caller);
    }

    MonitoringResponse request(String method, String path, String query, Caller caller) {
        String full = path.startsWith("/") ? path : BASE + "/" + path;
        return handler.handle(new MonitoringRequest(method, full, query, caller));
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(MonitoringResponse response) {
        return (Map<String, Object>) Json.parse(response.body());
    }
}
