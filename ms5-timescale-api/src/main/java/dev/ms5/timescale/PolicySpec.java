package dev.ms5.timescale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host application declares for one hypertable: its time column, chunk interval, compression, retention,
 * reorder, and whether to create the hypertable from a plain table.
 *
 * <pre>{@code
 * PolicySpec spec = PolicySpec.builder("metric_hist", "ts")
 *         .chunkInterval(Duration.ofHours(1))
 *         .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("metric_def_id"))
 *         .retention(Duration.ofDays(90))
 *         .build();
 * }</pre>
 *
 * @param table            the table
 * @param timeColumn       the time column, raw
 * @param chunkInterval    the chunk interval (default: left as it is; TimescaleDB's own default is 7 days)
 * @param compression      compression settings and policy (default: none declared)
 * @param retention        the retention policy (default: none declared)
 * @param reorder          the reorder policy (default: none declared)
 * @param createHypertable whether to create the hypertable when the table is a plain table (default: true)
 * @param migrateData      whether that creation moves existing rows into chunks (default: false: a plain table
 *                         with rows is reported as failed, naming this option)
 */
public record PolicySpec(TableName table, String timeColumn, Optional<Duration> chunkInterval,
                         Optional<Compression> compression, Optional<Retention> retention, Optional<Reorder> reorder,
                         boolean createHypertable, boolean migrateData) {

    /**
     * Validates the spec.
     *
     * @param table            the table
     * @param timeColumn       the raw time column
     * @param chunkInterval    the chunk interval
     * @param compression      compression
     * @param retention        retention
     * @param reorder          reorder
     * @param createHypertable whether to create the hypertable
     * @param migrateData      whether to migrate rows on creation
     */
    public PolicySpec {
        Objects.requireNonNull(table, "table");
        if (timeColumn == null || timeColumn.isEmpty()) {
            throw new InvalidPolicyException(table + ": timeColumn must be given, e.g. \"ts\"");
        }
        Objects.requireNonNull(chunkInterval, "chunkInterval");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(reorder, "reorder");
        chunkInterval.ifPresent(d -> requirePositive(table + ": chunkInterval", d, "Duration.ofDays(1)"));
        if (migrateData && !createHypertable) {
            throw new InvalidPolicyException(table + ": migrateData(true) needs createHypertable(true)");
        }
    }

    /**
     * Starts a spec for a table and its time column, both written as in SQL ({@code metric_hist},
     * {@code public.metric_hist}, {@code "MixedCase"}).
     *
     * @param table      the table
     * @param timeColumn the time column
     * @return a builder
     */
    public static Builder builder(String table, String timeColumn) {
        return new Builder(TableName.parse(table), Identifiers.single(timeColumn, "time column", "ts, \"Time\""));
    }

    /**
     * Returns a builder holding this spec's values, to derive a changed spec.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(table, timeColumn);
        builder.chunkInterval = chunkInterval;
        builder.compression = compression;
        builder.retention = retention;
        builder.reorder = reorder;
        builder.createHypertable = createHypertable;
        builder.migrateData = migrateData;
        return builder;
    }

    /**
     * Compression (columnstore) settings and the policy that compresses chunks older than {@code after}.
     *
     * @param segmentBy columns whose values group compressed rows, raw (default: none)
     * @param orderBy   the order of rows within compressed batches (default: the time column descending)
     * @param after     compress chunks whose data is older than this
     * @param schedule  how often the policy runs (default: TimescaleDB's, half the chunk interval up to 12 hours)
     * @param paused    whether the policy's job is declared paused: it is added (or kept) with
     *                  {@code scheduled = false} (default: false)
     */
    public record Compression(List<String> segmentBy, List<OrderBy> orderBy, Duration after,
                              Optional<Duration> schedule, boolean paused) {

        /**
         * Validates and copies.
         *
         * @param segmentBy segment-by columns
         * @param orderBy   order-by columns; empty means the time column descending
         * @param after     the age after which chunks are compressed
         * @param schedule  the schedule interval
         * @param paused    whether the job is declared paused
         */
        public Compression {
            segmentBy = List.copyOf(segmentBy);
            orderBy = List.copyOf(orderBy);
            requirePositive("compression.after", after, "Duration.ofDays(7)");
            Objects.requireNonNull(schedule, "schedule").ifPresent(
                    d -> requirePositive("compression.schedule", d, "Duration.ofHours(12)"));
            if (segmentBy.stream().distinct().count() != segmentBy.size()) {
                throw new InvalidPolicyException("compression.segmentBy " + segmentBy + " names a column twice");
            }
        }

        /**
         * Creates compression settings whose policy runs.
         *
         * @param segmentBy segment-by columns
         * @param orderBy   order-by columns
         * @param after     the age after which chunks are compressed
         * @param schedule  the schedule interval
         */
        public Compression(List<String> segmentBy, List<OrderBy> orderBy, Duration after,
                           Optional<Duration> schedule) {
            this(segmentBy, orderBy, after, schedule, false);
        }

        /**
         * Compression of chunks older than the given age, with no segment-by and the default order.
         *
         * @param after the age, e.g. 7 days
         * @return the compression
         */
        public static Compression after(Duration after) {
            return new Compression(List.of(), List.of(), after, Optional.empty(), false);
        }

        /**
         * Returns a copy with these segment-by columns, written as in SQL.
         *
         * @param columns e.g. {@code "metric_def_id"}
         * @return the copy
         */
        public Compression segmentBy(String... columns) {
            List<String> parsed = new ArrayList<>();
            for (String column : columns) {
                parsed.add(Identifiers.single(column, "segment-by column", "metric_def_id, \"LineId\""));
            }
            return new Compression(parsed, orderBy, after, schedule, paused);
        }

        /**
         * Returns a copy with these order-by columns, e.g. {@code "ts DESC"}.
         *
         * @param orders each {@code column [ASC|DESC] [NULLS FIRST|LAST]}
         * @return the copy
         */
        public Compression orderBy(String... orders) {
            return new Compression(segmentBy, java.util.Arrays.stream(orders).map(OrderBy::parse).toList(), after,
                    schedule, paused);
        }

        /**
         * Returns a copy whose policy runs at this interval.
         *
         * @param interval the schedule interval
         * @return the copy
         */
        public Compression schedule(Duration interval) {
            return new Compression(segmentBy, orderBy, after, Optional.of(interval), paused);
        }

        /**
         * Returns a copy whose policy job is declared paused, or not.
         *
         * @param pause whether the job is paused
         * @return the copy
         */
        public Compression paused(boolean pause) {
            return new Compression(segmentBy, orderBy, after, schedule, pause);
        }
    }

    /**
     * The retention policy: drop chunks whose data is older than {@code dropAfter}.
     *
     * @param dropAfter the age after which chunks are dropped
     * @param schedule  how often the policy runs (default: TimescaleDB's, 1 day)
     * @param paused    whether the policy's job is declared paused (default: false)
     */
    public record Retention(Duration dropAfter, Optional<Duration> schedule, boolean paused) {

        /**
         * Validates.
         *
         * @param dropAfter the age
         * @param schedule  the schedule interval
         * @param paused    whether the job is declared paused
         */
        public Retention {
            requirePositive("retention.dropAfter", dropAfter, "Duration.ofDays(90)");
            Objects.requireNonNull(schedule, "schedule").ifPresent(
                    d -> requirePositive("retention.schedule", d, "Duration.ofDays(1)"));
        }

        /**
         * Creates a retention policy whose job runs.
         *
         * @param dropAfter the age
         * @param schedule  the schedule interval
         */
        public Retention(Duration dropAfter, Optional<Duration> schedule) {
            this(dropAfter, schedule, false);
        }

        /**
         * Returns a copy whose policy job is declared paused, or not.
         *
         * @param pause whether the job is paused
         * @return the copy
         */
        public Retention paused(boolean pause) {
            return new Retention(dropAfter, schedule, pause);
        }
    }

    /**
     * The reorder policy: rewrite chunks in the order of an index.
     *
     * @param index    the index, raw, which must be on this table
     * @param schedule how often the policy runs (default: TimescaleDB's, half the chunk interval)
     * @param paused   whether the policy's job is declared paused (default: false)
     */
    public record Reorder(String index, Optional<Duration> schedule, boolean paused) {

        /**
         * Validates.
         *
         * @param index    the index
         * @param schedule the schedule interval
         * @param paused   whether the job is declared paused
         */
        public Reorder {
            if (index == null || index.isEmpty()) {
                throw new InvalidPolicyException("reorder.index must be given, e.g. \"metric_hist_ts_idx\"");
            }
            Objects.requireNonNull(schedule, "schedule").ifPresent(
                    d -> requirePositive("reorder.schedule", d, "Duration.ofDays(1)"));
        }

        /**
         * Creates a reorder policy whose job runs.
         *
         * @param index    the index
         * @param schedule the schedule interval
         */
        public Reorder(String index, Optional<Duration> schedule) {
            this(index, schedule, false);
        }

        /**
         * Returns a copy whose policy job is declared paused, or not.
         *
         * @param pause whether the job is paused
         * @return the copy
         */
        public Reorder paused(boolean pause) {
            return new Reorder(index, schedule, pause);
        }
    }

    /** Builds a {@link PolicySpec}. */
    public static final class Builder {
        private final TableName table;
        private final String timeColumn;
        private Optional<Duration> chunkInterval = Optional.empty();
        private Optional<Compression> compression = Optional.empty();
        private Optional<Retention> retention = Optional.empty();
        private Optional<Reorder> reorder = Optional.empty();
        private boolean createHypertable = true;
        private boolean migrateData;

        private Builder(TableName table, String timeColumn) {
            this.table = table;
            this.timeColumn = timeColumn;
        }

        /**
         * Sets the chunk interval (default: left as it is).
         *
         * @param interval e.g. {@code Duration.ofHours(1)}, or {@code null} to leave it as it is
         * @return this builder
         */
        public Builder chunkInterval(Duration interval) {
            this.chunkInterval = Optional.ofNullable(interval);
            return this;
        }

        /**
         * Declares compression (default: none).
         *
         * @param compression the settings and policy, or {@code null} for none
         * @return this builder
         */
        public Builder compression(Compression compression) {
            this.compression = Optional.ofNullable(compression);
            return this;
        }

        /**
         * Declares retention (default: none).
         *
         * @param dropAfter drop chunks older than this, or {@code null} for none
         * @return this builder
         */
        public Builder retention(Duration dropAfter) {
            this.retention = Optional.ofNullable(dropAfter).map(d -> new Retention(d, Optional.empty()));
            return this;
        }

        /**
         * Declares retention with its schedule.
         *
         * @param retention the policy, or {@code null} for none
         * @return this builder
         */
        public Builder retention(Retention retention) {
            this.retention = Optional.ofNullable(retention);
            return this;
        }

        /**
         * Declares a reorder policy on an index of this table (default: none).
         *
         * @param index the index, written as in SQL, or {@code null} for none
         * @return this builder
         */
        public Builder reorder(String index) {
            this.reorder = Optional.ofNullable(index)
                    .map(i -> new Reorder(Identifiers.single(i, "reorder index", "metric_hist_ts_idx"),
                            Optional.empty()));
            return this;
        }

        /**
         * Declares a reorder policy with its schedule.
         *
         * @param reorder the policy, or {@code null} for none
         * @return this builder
         */
        public Builder reorder(Reorder reorder) {
            this.reorder = Optional.ofNullable(reorder);
            return this;
        }

        /**
         * Sets whether a plain table is turned into a hypertable (default: true).
         *
         * @param create whether to create
         * @return this builder
         */
        public Builder createHypertable(boolean create) {
            this.createHypertable = create;
            return this;
        }

        /**
         * Sets whether creating the hypertable moves the table's existing rows into chunks (default: false).
         *
         * @param migrate whether to migrate
         * @return this builder
         */
        public Builder migrateData(boolean migrate) {
            this.migrateData = migrate;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws InvalidPolicyException naming the bad field
         */
        public PolicySpec build() {
            return new PolicySpec(table, timeColumn, chunkInterval, compression, retention, reorder,
                    createHypertable, migrateData);
        }
    }

    static void requirePositive(String field, Duration value, String example) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidPolicyException(field + " must be a positive duration, was " + value + "; e.g. "
                    + example);
        }
        if (value.getNano() % 1000 != 0) {
            throw new InvalidPolicyException(field + " " + value + " is finer than a microsecond, which PostgreSQL"
                    + " intervals cannot hold");
        }
    }
}
