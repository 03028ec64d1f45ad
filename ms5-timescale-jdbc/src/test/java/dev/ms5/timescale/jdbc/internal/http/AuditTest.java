package dev.ms5.timescale.jdbc.internal.http;

import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ADMIN;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.ANONYMOUS;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.BASE;
import static dev.ms5.timescale.jdbc.internal.http.Endpoints.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.jdbc.fakes.FakeAdmin;
import dev.ms5.timescale.monitoring.AuditRecord;
import dev.ms5.timescale.monitoring.AuditRecord.Outcome;
import dev.ms5.timescale.monitoring.Caller;
import dev.ms5.timescale.monitoring.MonitoringOptions;
import dev.ms5.timescale.monitoring.MonitoringRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One audit record per request, whatever its answer, in lines that a crafted value cannot forge. */
class AuditTest {

    private final Endpoints endpoints = new Endpoints();

    @Test
    void everyRequestIsRecordedWithItsOutcome() {
        endpoints.get("metrics/hypertables", ADMIN);
        endpoints.get("metrics/hypertables", ANONYMOUS);
        endpoints.get("configuration", USER);
        endpoints.get("metrics/chunks", "limit=0", ADMIN);
        endpoints.get("nope", ANONYMOUS);
        endpoints.request("POST", "health", "", ANONYMOUS);
        endpoints.admin.failing(() -> new DatabaseUnavailableException("down", null));
        endpoints.get("health/database", ADMIN);
        endpoints.get("health", ANONYMOUS);

        assertThat(endpoints.audit).extracting(AuditRecord::path, AuditRecord::status, AuditRecord::outcome,
                AuditRecord::caller).containsExactly(
                tuple(BASE + "/metrics/hypertables", 200, Outcome.ALLOWED, Optional.of("alice")),
                tuple(BASE + "/metrics/hypertables", 401, Outcome.DENIED, Optional.empty()),
                tuple(BASE + "/configuration", 403, Outcome.DENIED, Optional.of("ops-dashboard")),
                tuple(BASE + "/metrics/chunks", 400, Outcome.REJECTED, Optional.of("alice")),
                tuple(BASE + "/nope", 404, Outcome.REJECTED, Optional.empty()),
                tuple(BASE + "/health", 405, Outcome.REJECTED, Optional.empty()),
                tuple(BASE + "/health/database", 503, Outcome.FAILED, Optional.of("alice")),
                tuple(BASE + "/health", 503, Outcome.ALLOWED, Optional.empty()));
        assertThat(endpoints.audit.get(0).roles()).containsExactly("admin");
        assertThat(endpoints.audit.get(0).method()).isEqualTo("GET");
        assertThat(endpoints.audit.get(0).at()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(endpoints.audit.get(0).elapsed()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
    }

    @Test
    void aCraftedPathAndCallerCannotForgeALine() {
        String path = BASE + "/health\r\nevent=monitoring.access outcome=ALLOWED status=200 path=\"/x\"\u2028\\\"";
        Caller caller = new Caller(Optional.of("mallory\" caller=\"admin\nx"), Set.of("ad\rmin", "a\"b"));

        endpoints.get(path, caller);

        String line = endpoints.audit.get(0).toLine();
        assertThat(line).doesNotContain("\r", "\n", "\u2028").startsWith("event=monitoring.access outcome=REJECTED"
                + " status=404 method=\"GET\" path=");
        Map<String, String> fields = parse(line);
        assertThat(fields).containsOnlyKeys("event", "outcome", "status", "method", "path", "caller", "roles",
                "elapsed_ms", "at");
        assertThat(fields.get("path")).isEqualTo(path);
        assertThat(fields.get("caller")).isEqualTo("mallory\" caller=\"admin\nx");
        assertThat(fields.get("roles")).isEqualTo("a\"b,ad\rmin");
        assertThat(fields.get("outcome")).isEqualTo("REJECTED");
    }

    @Test
    void aVeryLongPathIsCutInTheAudit() {
        endpoints.get(BASE + "/" + "a".repeat(5000), ANONYMOUS);

        assertThat(endpoints.audit.get(0).path()).hasSize(MonitoringHandler.MAX_AUDITED_PATH + 3).endsWith("...");
    }

    @Test
    void aFailingSinkDoesNotFailTheRequest() {
        MonitoringHandler handler = new MonitoringHandler(new FakeAdmin(), MonitoringOptions.defaults()
                .audit(record -> {
                    throw new IllegalStateException("audit store down");
                }));

        assertThat(handler.handle(new MonitoringRequest("GET", BASE + "/health", "",
                ANONYMOUS)).status()).isEqualTo(200);
    }

    @Test
    void byDefaultTheLinesGoToTheAuditLogger() {
        MonitoringHandler handler = new MonitoringHandler(endpoints.admin, MonitoringOptions.defaults());
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            handler.handle(new MonitoringRequest("GET", BASE + "/health\nforged", "",
                    ANONYMOUS));
        } finally {
            System.setErr(err);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("INFO dev.ms5.timescale.audit -"
                + " event=monitoring.access outcome=REJECTED status=404 method=\"GET\" path=\"/api/v1/monitoring/health"
                + "\\nforged\" caller=\"anonymous\" roles=\"\" elapsed_ms=");
    }

    /** Reads {@code key=value} pairs, values bare or quoted with backslash escapes, as a log pipeline would. */
    private static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals);
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            if (line.charAt(i) == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> value.append(e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                i++;
            } else {
                while (i < line.length() && line.charAt(i) != ' ') {
                    value.append(line.charAt(i++));
                }
            }
            fields.put(key, value.toString());
            i++;
        }
        return fields;
    }
}
