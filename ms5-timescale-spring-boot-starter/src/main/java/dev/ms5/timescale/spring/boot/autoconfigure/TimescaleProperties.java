package dev.ms5.timescale.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ms5.timescale.*} properties: the admin's options, the declared tables, retention enforced by the
 * starter, the monitoring endpoints and the metrics. Durations take Spring's forms ({@code 5s}, {@code 2m},
 * {@code PT5S}); the tables' intervals take PostgreSQL interval text as well ({@code 1 hour}, {@code 7 days}).
 */
@ConfigurationProperties("ms5.timescale")
public class TimescaleProperties {

    /**
     * Whether the starter does anything: false turns off the admin, the policies at startup, the health
     * contributor, the metrics and the monitoring endpoints, as spring.flyway.enabled=false turns off Flyway.
     */
    private boolean enabled = true;

    /**
     * Whether startup fails when a declared table's policies cannot be applied (fail-fast). False starts anyway
     * and reports: each failed table is logged at WARN and shows in the health contributor's policies check.
     */
    private boolean failOnError = true;

    /** How long a statement waits for a table lock held by another session before that table fails. */
    private Duration lockTimeout = Duration.ofSeconds(5);

    /** How long one statement may run; migrating a large table's rows into chunks may need more. */
    private Duration statementTimeout = Duration.ofMinutes(5);

    /**
     * How long to retry a table's advisory lock, held by another instance applying the same table, before that
     * table fails.
     */
    private Duration advisoryLockDeadline = Duration.ofSeconds(30);

    /** Whether policies of the declared tables that their declaration no longer names are removed. */
    private boolean removeUndeclaredPolicies;

    /** The longest a health check may take; a database that does not answer by then is DOWN. */
    private Duration healthTimeout = Duration.ofSeconds(5);

    /**
     * Whether declared policies whose job someone paused are resumed. False leaves them paused and reports them,
     * since an operator may have paused retention on purpose.
     */
    private boolean resumePausedJobs;

    /**
     * Whether chunks compressed with another segment-by or order-by than the declared ones are recompressed
     * while applying, one chunk per transaction.
     */
    private boolean recompressChunks;

    /**
     * The declared tables, by name: ms5.timescale.tables.metric_hist.time-column=ts (a schema-qualified name in
     * brackets: ms5.timescale.tables[factory_telemetry.metric_hist].time-column=ts). Each table takes table,
     * time-column (required), chunk-interval, compress-after, segment-by, order-by, retention, reorder-index,
     * schedule.compression, schedule.retention, schedule.reorder, create-hypertable and migrate-data. What a
     * table leaves out comes from the TIMESCALEDB_* settings, else their defaults.
     */
    private Map<String, Table> tables = new LinkedHashMap<>();

    private final Retention retention = new Retention();

    private final Monitoring monitoring = new Monitoring();

    private final Metrics metrics = new Metrics();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getAdvisoryLockDeadline() {
        return advisoryLockDeadline;
    }

    public void setAdvisoryLockDeadline(Duration advisoryLockDeadline) {
        this.advisoryLockDeadline = advisoryLockDeadline;
    }

    public boolean isRemoveUndeclaredPolicies() {
        return removeUndeclaredPolicies;
    }

    public void setRemoveUndeclaredPolicies(boolean removeUndeclaredPolicies) {
        this.removeUndeclaredPolicies = removeUndeclaredPolicies;
    }

    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
    }

    public boolean isResumePausedJobs() {
        return resumePausedJobs;
    }

    public void setResumePausedJobs(boolean resumePausedJobs) {
        this.resumePausedJobs = resumePausedJobs;
    }

    public boolean isRecompressChunks() {
        return recompressChunks;
    }

    public void setRecompressChunks(boolean recompressChunks) {
        this.recompressChunks = recompressChunks;
    }

    public Map<String, Table> getTables() {
        return tables;
    }

    public void setTables(Map<String, Table> tables) {
        this.tables = tables;
    }

    public Retention getRetention() {
        return retention;
    }

    public Monitoring getMonitoring() {
        return monitoring;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** One declared table: {@code ms5.timescale.tables.<name>.*}. */
    public static class Table {

        /** The table as in SQL, when it differs from the key (e.g. schema-qualified); default: the key. */
        private String table;

        /** The time column (required). */
        private String timeColumn;

        /** The chunk interval, e.g. "1 hour", "1d" or PT1H; default: TIMESCALEDB_CHUNK_TIME_INTERVAL[_TABLE]. */
        private String chunkInterval;

        /**
         * Compress chunks older than this, e.g. "7 days"; "none" declares no compression; default:
         * TIMESCALEDB_COMPRESSION_AFTER[_TABLE] when TIMESCALEDB_COMPRESSION_ENABLED[_TABLE] is true.
         */
        private String compressAfter;

        /** The compression's segment-by columns; default: TIMESCALEDB_COMPRESSION_SEGMENT_BY[_TABLE], else none. */
        private List<String> segmentBy;

        /**
         * The compression's order, each "column [ASC|DESC] [NULLS FIRST|LAST]"; default:
         * TIMESCALEDB_COMPRESSION_ORDER_BY[_TABLE], else the time column descending.
         */
        private List<String> orderBy;

        /**
         * Drop chunks older than this, e.g. "90 days"; "none" declares no retention; default:
         * TIMESCALEDB_RETENTION_POLICY[_TABLE].
         */
        private String retention;

        /** An index of this table to reorder chunks by (a reorder policy); default: none. */
        private String reorderIndex;

        /** Whether a plain table is turned into a hypertable. */
        private boolean createHypertable = true;

        /** Whether turning a plain table that has rows into a hypertable moves the rows into chunks. */
        private boolean migrateData;

        private final Schedule schedule = new Schedule();

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public String getTimeColumn() {
            return timeColumn;
        }

        public void setTimeColumn(String timeColumn) {
            this.timeColumn = timeColumn;
        }

        public String getChunkInterval() {
            return chunkInterval;
        }

        public void setChunkInterval(String chunkInterval) {
            this.chunkInterval = chunkInterval;
        }

        public String getCompressAfter() {
            return compressAfter;
        }

        public void setCompressAfter(String compressAfter) {
            this.compressAfter = compressAfter;
        }

        public List<String> getSegmentBy() {
            return segmentBy;
        }

        public void setSegmentBy(List<String> segmentBy) {
            this.segmentBy = segmentBy;
        }

        public List<String> getOrderBy() {
            return orderBy;
        }

        public void setOrderBy(List<String> orderBy) {
            this.orderBy = orderBy;
        }

        public String getRetention() {
            return retention;
        }

        public void setRetention(String retention) {
            this.retention = retention;
        }

        public String getReorderIndex() {
            return reorderIndex;
        }

        public void setReorderIndex(String reorderIndex) {
            this.reorderIndex = reorderIndex;
        }

        public boolean isCreateHypertable() {
            return createHypertable;
        }

        public void setCreateHypertable(boolean createHypertable) {
            this.createHypertable = createHypertable;
        }

        public boolean isMigrateData() {
            return migrateData;
        }

        public void setMigrateData(boolean migrateData) {
            this.migrateData = migrateData;
        }

        public Schedule getSchedule() {
            return schedule;
        }
    }

    /** How often a table's policies run: {@code ms5.timescale.tables.<name>.schedule.*}. */
    public static class Schedule {

        /**
         * How often the compression policy runs; default: TimescaleDB's (half the chunk interval, at most 12
         * hours).
         */
        private String compression;

        /** How often the retention policy runs; default: TimescaleDB's (1 day). */
        private String retention;

        /** How often the reorder policy runs; default: TimescaleDB's (half the chunk interval). */
        private String reorder;

        public String getCompression() {
            return compression;
        }

        public void setCompression(String compression) {
            this.compression = compression;
        }

        public String getRetention() {
            return retention;
        }

        public void setRetention(String retention) {
            this.retention = retention;
        }

        public String getReorder() {
            return reorder;
        }

        public void setReorder(String reorder) {
            this.reorder = reorder;
        }
    }

    /** Retention enforced by the starter with drop_chunks, for the Apache edition: ms5.timescale.retention.*. */
    public static class Retention {

        /**
         * How often to drop the chunks older than each declared table's retention, on the application's
         * TaskScheduler (or a thread of the starter's own); the first run is at startup. Default: never. Meant
         * for the Apache edition, which has no retention jobs; on the full edition TimescaleDB's own retention
         * policy does it already.
         */
        private Duration enforceEvery;

        public Duration getEnforceEvery() {
            return enforceEvery;
        }

        public void setEnforceEvery(Duration enforceEvery) {
            this.enforceEvery = enforceEvery;
        }
    }

    /** The monitoring endpoints under /api/v1/monitoring: {@code ms5.timescale.monitoring.*}. */
    public static class Monitoring {

        /** Whether the eight monitoring endpoints are served under /api/v1/monitoring (Spring MVC). */
        private boolean enabled;

        /** The role (Spring Security authority without its ROLE_ prefix) whose callers read every endpoint. */
        private String adminRole = "ADMIN";

        /**
         * The role whose callers read the authenticated endpoint (status/timescaledb); empty: every authenticated
         * caller.
         */
        private String authenticatedRole = "";

        /** How long an answer read from the database is reused; 0 reads on every request. */
        private Duration cacheFor = Duration.ofSeconds(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getAdminRole() {
            return adminRole;
        }

        public void setAdminRole(String adminRole) {
            this.adminRole = adminRole;
        }

        public String getAuthenticatedRole() {
            return authenticatedRole;
        }

        public void setAuthenticatedRole(String authenticatedRole) {
            this.authenticatedRole = authenticatedRole;
        }

        public Duration getCacheFor() {
            return cacheFor;
        }

        public void setCacheFor(Duration cacheFor) {
            this.cacheFor = cacheFor;
        }
    }

    /** The Micrometer gauges: {@code ms5.timescale.metrics.*}. */
    public static class Metrics {

        /** Whether the TimescaleDB gauges are registered with the application's MeterRegistry. */
        private boolean enabled = true;

        /** How old the gauges' snapshot may get before a scrape reads the database again. */
        private Duration refresh = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getRefresh() {
            return refresh;
        }

        public void setRefresh(Duration refresh) {
            this.refresh = refresh;
        }
    }
}
