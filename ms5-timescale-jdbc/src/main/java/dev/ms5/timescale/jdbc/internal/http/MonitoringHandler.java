package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.InvalidArgumentException;
import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.monitoring.AccessLevel;
import dev.ms5.timescale.monitoring.AuditRecord;
import dev.ms5.timescale.monitoring.AuditRecord.Outcome;
import dev.ms5.timescale.monitoring.AuditSink;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringEndpoints;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringRequest;
import dev.ms5.timescale.monitoring.MonitoringResponse;
import dev.ms5.timescale.monitoring.MonitoringServer;
import dev.ms5.timescale.monitoring.TimescaleStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring endpoints over an admin's public API. A request goes: route (404), method (405), the caller's
 * level (401 without identity, 403 with too little), the query (400), then the data, read through a cache that
 * holds data only, so access is checked on every request. Every request is audited, whatever its answer.
 */
public final class MonitoringHandler implements MonitoringEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringHandler.class);
    /** Audit lines carry at most this much of a path: a path is the caller's to choose. */
    static final int MAX_AUDITED_PATH = 512;

    private final TimescaleAdmin admin;
    private final MonitoringOptions options;
    private final AuditSink audit;
    private final AnswerCache cache;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String openApi;

    /**
     * Creates the endpoints.
     *
     * @param admin   the admin whose health and statistics are served
     * @param options access policy, audit, declared tables, caching
     */
    public MonitoringHandler(TimescaleAdmin admin, MonitoringOptions options) {
        this(admin, options, Clock.systemUTC(), System::nanoTime);
    }

    MonitoringHandler(TimescaleAdmin admin, MonitoringOptions options, Clock clock, LongSupplier nanoTime) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.options = Objects.requireNonNull(options, "options");
        this.audit = options.audit().orElseGet(Slf4jAuditSink::new);
        this.cache = new AnswerCache(options.cacheFor(), nanoTime);
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.openApi = readOpenApi();
    }

    @Override
    public MonitoringResponse handle(MonitoringRequest request) {
        Instant at = clock.instant();
        long start = nanoTime.getAsLong();
        Answer answer;
        try {
            answer = answer(request);
        } catch (RuntimeException e) {
            LOG.warn("monitoring: answering {} failed", Route.of(request.path()).map(Route::path).orElse("?"), e);
            answer = new Answer(Responses.internalError(), Outcome.FAILED);
        }
        record(request, at, start, answer);
        return answer.response();
    }

    @Override
    public MonitoringServer serve(InetSocketAddress address) {
        return JdkServer.start(this, options.callers(), address);
    }

    @Override
    public String openApi() {
        return openApi;
    }

    /** Answers a request whose caller could not be resolved: 500, audited as anonymous. */
    MonitoringResponse unresolved(String method, String path, RuntimeException e) {
        LOG.warn("monitoring: the CallerResolver failed; answering 500", e);
        Answer answer = new Answer(Responses.internalError(), Outcome.FAILED);
        record(new MonitoringRequest(method, path, "", Caller.anonymous()),
                clock.instant(), nanoTime.getAsLong(), answer);
        return answer.response();
    }

    private Answer answer(MonitoringRequest request) {
        Optional<Route> found = Route.of(request.path());
        if (found.isEmpty()) {
            return Answer.rejected(Responses.notFound());
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Answer.rejected(Responses.methodNotAllowed(request.method()));
        }
        Route route = found.get();
        AccessLevel level = Objects.requireNonNullElse(options.access().levelOf(request.caller()),
                AccessLevel.PUBLIC);
        if (!level.allows(route.level())) {
            return new Answer(request.caller().identity().isEmpty() ? Responses.unauthorized(route.level())
                    : Responses.forbidden(route.level(), level), Outcome.DENIED);
        }
        return allowed(route, request.query(), level);
    }

    /** Reads and answers; what the reading throws becomes 400, 404 or 503 (anything else, 500 in handle). */
    private Answer allowed(Route route, String query, AccessLevel level) {
        try {
            return new Answer(read(route, Query.parameters(query, route)), Outcome.ALLOWED);
        } catch (BadRequest e) {
            return Answer.rejected(Responses.badRequest(e.getMessage()));
        } catch (TableNotFoundException e) {
            return Answer.rejected(Responses.tableNotFound(e.getMessage()));
        } catch (InvalidArgumentException | InvalidPolicyException e) {
            if (route != Route.CHUNKS) {
                throw e; // the host's configuration, not the caller's input
            }
            return Answer.rejected(Responses.badRequest(e.getMessage()));
        } catch (TimescaleException e) {
            LOG.debug("monitoring: {} could not read the database: {}", route.path(), e.getMessage());
            return new Answer(Responses.unavailable(e.getMessage(), level == AccessLevel.ADMIN), Outcome.FAILED);
        }
    }

    private MonitoringResponse read(Route route, Map<String, String> parameters) {
        return switch (route) {
            case HEALTH -> publicHealth();
            case HEALTH_DATABASE -> ok(Views.database(cached("database", TimescaleStatistics::database)));
            case HEALTH_TIMESCALEDB -> ok(Views.health(health()));
            case STATUS_TIMESCALEDB -> ok(
                    Views.extensionStatus(cached("extension", TimescaleStatistics::extension), health().status()));
            case HYPERTABLES -> ok(Views.hypertables(cached("hypertables", TimescaleStatistics::hypertables)));
            case COMPRESSION -> ok(Views.compression(cached("compression", TimescaleStatistics::compression)));
            case CHUNKS -> chunks(Query.chunks(parameters));
            case CONFIGURATION -> ok(Views.configuration(cached("configuration",
                    s -> s.configuration(options.specs(), settings(), options.jdbcUrl()))));
            case OPENAPI -> new MonitoringResponse(200, Responses.JSON, openApi, Map.of("Cache-Control", "no-store"));
        };
    }

    private static MonitoringResponse ok(Object body) {
        return Responses.json(200, body);
    }

    /**
     * The overall status only, for load balancers and uptime checks: DOWN answers 503, UP, DEGRADED and UNKNOWN
     * answer 200 (the database is usable; DEGRADED needs an operator, not a failover).
     */
    private MonitoringResponse publicHealth() {
        HealthReport.Status status;
        try {
            status = health().status();
        } catch (TimescaleException e) {
            status = HealthReport.Status.DOWN;
        }
        return Responses.json(status == HealthReport.Status.DOWN ? 503 : 200, Views.status(status));
    }

    private MonitoringResponse chunks(Query.Chunks page) {
        return ok(Views.chunks(cached(page.key(),
                s -> s.chunks(page.table(), page.limit(), page.offset()))));
    }

    /** One report for all: the public status, the full report and the extension status agree. */
    private HealthReport health() {
        return cache.get("health", () -> options.specs().isEmpty() ? admin.health() : admin.health(options.specs()));
    }

    private <T> T cached(String key, Function<TimescaleStatistics, T> read) {
        return cache.get(key, () -> read.apply(admin.statistics()));
    }

    private TimescaleSettings settings() {
        return options.settings().orElseGet(() -> TimescaleSettings.fromMap(Map.of()));
    }

    private void record(MonitoringRequest request, Instant at, long start, Answer answer) {
        String path = request.path().length() <= MAX_AUDITED_PATH ? request.path()
                : request.path().substring(0, MAX_AUDITED_PATH) + "...";
        AuditRecord record = new AuditRecord(at, request.caller().identity(), request.caller().roles(),
                request.method(), path, answer.response().status(), answer.outcome(),
                Duration.ofNanos(nanoTime.getAsLong() - start));
        try {
            audit.record(record);
        } catch (RuntimeException e) {
            LOG.warn("monitoring: the AuditSink failed to record an access: {}", e.toString());
        }
    }

    private static String readOpenApi() {
        try (InputStream in = MonitoringHandler.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from "
                        + MonitoringHandler.class.getPackageName() + "; the ms5-timescale-jdbc jar is incomplete:"
                        + " rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document from the ms5-timescale-jdbc jar", e);
        }
    }

    /** A response and how the audit sees it. */
    private record Answer(MonitoringResponse response, Outcome outcome) {
        static Answer rejected(MonitoringResponse response) {
            return new Answer(response, Outcome.REJECTED);
        }
    }
}
