package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.monitoring.AccessLevel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The endpoints: path, the level a caller needs, and the query parameters each accepts. */
enum Route {
    HEALTH("/health", AccessLevel.PUBLIC),
    HEALTH_DATABASE("/health/database", AccessLevel.ADMIN),
    HEALTH_TIMESCALEDB("/health/timescaledb", AccessLevel.ADMIN),
    STATUS_TIMESCALEDB("/status/timescaledb", AccessLevel.AUTHENTICATED),
    HYPERTABLES("/metrics/hypertables", AccessLevel.ADMIN),
    COMPRESSION("/metrics/compression", AccessLevel.ADMIN),
    CHUNKS("/metrics/chunks", AccessLevel.ADMIN, "table_name", "limit", "offset"),
    CONFIGURATION("/configuration", AccessLevel.ADMIN),
    OPENAPI("/openapi.json", AccessLevel.PUBLIC);

    /** Where the endpoints live. */
    static final String BASE = "/api/v1/monitoring";

    private final String path;
    private final AccessLevel level;
    private final List<String> parameters;

    Route(String suffix, AccessLevel level, String... parameters) {
        this.path = BASE + suffix;
        this.level = level;
        this.parameters = List.of(parameters);
    }

    String path() {
        return path;
    }

    AccessLevel level() {
        return level;
    }

    List<String> parameters() {
        return parameters;
    }

    /** Finds a route by its exact path: no trailing slash, no case folding, no decoding. */
    static Optional<Route> of(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }
}
