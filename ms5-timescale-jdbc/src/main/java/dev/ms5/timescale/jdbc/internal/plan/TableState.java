package dev.ms5.timescale.jdbc.internal.plan;

import dev.ms5.timescale.OrderBy;
import dev.ms5.timescale.TableName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog and TimescaleDB's views show it, read for planning.
 *
 * @param requested  the name the spec gave
 * @param relation   what the name resolved to, if anything
 * @param columns    the table's columns, in order
 * @param hypertable the hypertable, when the table is one
 * @param jobs       the compression, retention and reorder jobs of the hypertable
 * @param indexes    the names of the table's indexes
 */
public record TableState(TableName requested, Optional<Relation> relation, List<Column> columns,
                         Optional<Hypertable> hypertable, List<Job> jobs, List<String> indexes) {

    /**
     * A resolved relation.
     *
     * @param oid    its OID
     * @param kind   {@code pg_class.relkind}
     * @param schema its schema
     * @param name   its name
     */
    public record Relation(long oid, char kind, String schema, String name) {
        /**
         * Describes the relation for messages.
         *
         * @return e.g. {@code public.metric_hist}
         */
        public String display() {
            return new TableName(Optional.of(schema), name).toString();
        }
    }

    /**
     * A column.
     *
     * @param name     its raw name
     * @param type     its type, as {@code format_type} writes it
     * @param category {@code pg_type.typcategory}: {@code D} date/time, {@code N} numeric
     */
    public record Column(String name, String type, char category) {
    }

    /**
     * A hypertable's time dimension and compression settings.
     *
     * @param id                 its id in TimescaleDB's catalog
     * @param timeColumn         the column of its first time dimension
     * @param chunkInterval      the chunk interval of a time-typed column
     * @param integerInterval    the chunk interval of an integer column
     * @param integerNowFunction the integer_now function, if set
     * @param compressionEnabled whether compression is enabled
     * @param segmentBy          the segment-by columns, in order
     * @param orderBy            the order-by columns, in order
     * @param compressedChunks   the compressed chunks, grouped by the settings they were compressed with
     */
    public record Hypertable(int id, String timeColumn, Optional<Duration> chunkInterval,
                             Optional<Long> integerInterval, Optional<String> integerNowFunction,
                             boolean compressionEnabled, List<String> segmentBy, List<OrderBy> orderBy,
                             List<CompressedChunks> compressedChunks) {
        /**
         * Copies the lists.
         *
         * @param id                 the id
         * @param timeColumn         the time column
         * @param chunkInterval      the chunk interval of a time column
         * @param integerInterval    the chunk interval of an integer column
         * @param integerNowFunction the integer_now function
         * @param compressionEnabled whether compression is enabled
         * @param segmentBy          the segment-by columns
         * @param orderBy            the order-by columns
         * @param compressedChunks   the compressed chunks by settings
         */
        public Hypertable {
            segmentBy = List.copyOf(segmentBy);
            orderBy = List.copyOf(orderBy);
            compressedChunks = List.copyOf(compressedChunks);
        }
    }

    /**
     * Compressed chunks of a hypertable that were compressed with the same settings.
     *
     * @param segmentBy the segment-by they were compressed with
     * @param orderBy   the order-by they were compressed with
     * @param count     how many chunks
     * @param first     the start of the oldest one's range, as ISO-8601 or an integer
     * @param last      the end of the newest one's range, likewise
     */
    public record CompressedChunks(List<String> segmentBy, List<OrderBy> orderBy, int count, String first,
                                   String last) {
        /**
         * Copies the lists.
         *
         * @param segmentBy the segment-by
         * @param orderBy   the order-by
         * @param count     the count
         * @param first     the first range start
         * @param last      the last range end
         */
        public CompressedChunks {
            segmentBy = List.copyOf(segmentBy);
            orderBy = List.copyOf(orderBy);
        }
    }

    /** The policy kinds, by the procedure their jobs run. */
    public enum PolicyKind {
        /** {@code policy_compression}. */
        COMPRESSION("policy_compression", "compression policy"),
        /** {@code policy_retention}. */
        RETENTION("policy_retention", "retention policy"),
        /** {@code policy_reorder}. */
        REORDER("policy_reorder", "reorder policy");

        private final String procedure;
        private final String label;

        PolicyKind(String procedure, String label) {
            this.procedure = procedure;
            this.label = label;
        }

        /**
         * Returns the job's procedure name in {@code _timescaledb_functions}.
         *
         * @return e.g. {@code policy_retention}
         */
        public String procedure() {
            return procedure;
        }

        /**
         * Names the kind in reports.
         *
         * @return e.g. {@code retention policy}
         */
        public String label() {
            return label;
        }

        /**
         * Returns the kind whose jobs run a procedure.
         *
         * @param procedure e.g. {@code policy_retention}
         * @return the kind
         */
        public static PolicyKind ofProcedure(String procedure) {
            for (PolicyKind kind : values()) {
                if (kind.procedure.equals(procedure)) {
                    return kind;
                }
            }
            throw new IllegalStateException("not a policy procedure: " + procedure);
        }
    }

    /**
     * A policy job, as {@code timescaledb_information.jobs} and its {@code config} show it.
     *
     * @param id       the job id
     * @param kind     the policy kind
     * @param schedule the schedule interval
     * @param lagKey   the config key of the age ({@code compress_after}, {@code drop_created_before}...), if any
     * @param lag      the age, when it is an interval
     * @param lagText  the age as the config holds it
     * @param index     the index of a reorder policy
     * @param scheduled whether the job runs ({@code false}: paused)
     */
    public record Job(int id, PolicyKind kind, Duration schedule, Optional<String> lagKey, Optional<Duration> lag,
                      Optional<String> lagText, Optional<String> index, boolean scheduled) {
    }

    /**
     * Returns a column by raw name.
     *
     * @param name the raw name
     * @return the column, if the table has it
     */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Returns the jobs of a kind, oldest first.
     *
     * @param kind the kind
     * @return the jobs
     */
    public List<Job> jobs(PolicyKind kind) {
        return jobs.stream().filter(j -> j.kind() == kind).toList();
    }
}
