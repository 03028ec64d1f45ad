package dev.ms5.timescale.jdbc.internal;

import dev.ms5.timescale.ExtensionMissingException;
import dev.ms5.timescale.ExtensionVersionException;
import dev.ms5.timescale.TimescaleEdition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the database runs, read once per admin (one connection pool), and every statement whose text depends
 * on the TimescaleDB version: the one place where a new TimescaleDB version is handled. Features ask it for
 * their SQL; they do not write catalog queries of their own. Each read returns the same columns on every
 * version.
 *
 * <p>Version differences handled here (from TimescaleDB's own SQL sources):
 * <ul>
 *     <li>2.13: compression settings in {@code _timescaledb_catalog.hypertable_compression}, per hypertable only;
 *     changing them is refused while compressed chunks exist.</li>
 *     <li>2.14: {@code _timescaledb_catalog.compression_settings} holds the hypertable's settings and, per
 *     compressed chunk (keyed by the compressed chunk's relation), the settings it was compressed with; changing
 *     the hypertable's settings is allowed and applies to chunks compressed afterwards.</li>
 *     <li>2.18: compression is renamed columnstore (options, policy and chunk procedures).</li>
 *     <li>2.19: per-chunk settings are keyed by the chunk itself ({@code relid}), with {@code compress_relid}.</li>
 *     <li>2.25: jobs live in {@code _timescaledb_catalog.bgw_job} ({@code _timescaledb_config.bgw_job} is a view
 *     kept for compatibility).</li>
 *     <li>2.26: {@code _timescaledb_catalog.chunk.dropped} is gone.</li>
 *     <li>2.28: each dimension slice belongs to one chunk ({@code dimension_slice.chunk_id});
 *     {@code chunk_constraint} becomes a view kept for compatibility.</li>
 * </ul>
 *
 * @param database         the database's name
 * @param postgresVersion  the server's PostgreSQL version, e.g. {@code 15.20}
 * @param timescaleVersion the extension's version in this database
 * @param edition          the edition, from {@code timescaledb.license}
 * @param schema           the schema of the extension's functions (usually {@code public}); every call is
 *                         qualified with it, so a host's {@code search_path} does not matter
 */
public record Dialect(String database, String postgresVersion, Version timescaleVersion, TimescaleEdition edition,
                      String schema) {

    /** The oldest TimescaleDB this library supports. */
    public static final Version OLDEST = Version.parse("2.13.0");
    private static final Version PER_CHUNK_SETTINGS = Version.parse("2.14.0");
    private static final Version COLUMNSTORE = Version.parse("2.18.0");
    private static final Version SETTINGS_BY_CHUNK = Version.parse("2.19.0");
    private static final Version JOBS_IN_CATALOG = Version.parse("2.25.0");
    private static final Version NO_DROPPED_FLAG = Version.parse("2.26.0");
    private static final Version SLICE_PER_CHUNK = Version.parse("2.28.0");

    /**
     * Reads the dialect of a database.
     *
     * @param connection a connection to it
     * @return the dialect
     * @throws ExtensionMissingException when the extension is missing, saying how to create it
     * @throws ExtensionVersionException when it is too old, or the database is set up in a way the library
     *                                   cannot work with, saying how to fix it
     * @throws SQLException              when the server cannot be read
     */
    public static Dialect read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database(), current_setting('server_version'),"
                     + " (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),"
                     + " current_setting('timescaledb.license', true),"
                     + " current_setting('standard_conforming_strings'),"
                     + " (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                     + " WHERE e.extname = 'timescaledb')")) {
            rs.next();
            String database = rs.getString(1);
            if (rs.getString(3) == null) {
                throw new ExtensionMissingException("The timescaledb extension is not installed in database "
                        + database + ". Fix: CREATE EXTENSION timescaledb; (the server needs"
                        + " shared_preload_libraries = 'timescaledb')");
            }
            Version version = Version.parse(rs.getString(3));
            if (version.compareTo(OLDEST) < 0) {
                throw new ExtensionVersionException("TimescaleDB " + version + " in database " + database
                        + " is older than " + OLDEST + ", the oldest this library supports. Fix: ALTER EXTENSION"
                        + " timescaledb UPDATE; after installing a newer TimescaleDB");
            }
            if (!"on".equals(rs.getString(5))) {
                throw new ExtensionVersionException("Database " + database + " runs with"
                        + " standard_conforming_strings = off, which this library does not support. Fix: ALTER"
                        + " DATABASE " + Sql.identifier(database) + " SET standard_conforming_strings = on");
            }
            String license = rs.getString(4);
            return new Dialect(database, rs.getString(2).split(" ")[0], version,
                    license == null ? TimescaleEdition.APACHE : TimescaleEdition.fromLicense(license), rs.getString(6));
        }
    }

    /** A function or procedure of the extension, qualified with its schema. */
    private String fn(String name) {
        return Sql.identifier(schema) + "." + name;
    }

    private boolean atLeast(Version version) {
        return timescaleVersion.compareTo(version) >= 0;
    }

    /**
     * Returns whether this version has the columnstore names.
     *
     * @return {@code true} from 2.18
     */
    public boolean columnstore() {
        return atLeast(COLUMNSTORE);
    }

    /**
     * Returns whether a hypertable's segment-by and order-by can change while it has compressed chunks (which
     * keep the settings they were compressed with).
     *
     * @return {@code true} from 2.14; 2.13 refuses the change
     */
    public boolean changesCompressedSettings() {
        return atLeast(PER_CHUNK_SETTINGS);
    }

    /**
     * Returns the query that reads the state of many tables in one statement; parameters: the schemas
     * ({@code text[]}, null elements for "through the search_path") and the names ({@code text[]}). One row per
     * table, in order: its position, {@code transaction_read_only}, {@code pg_is_in_recovery()}, and a JSON
     * object of the relation, its columns, indexes and hypertable (time dimension, compression settings,
     * compressed chunks grouped by the settings they were compressed with, policy jobs).
     *
     * @return the SQL
     */
    public String tableStates() {
        return """
                WITH wanted AS (
                    SELECT w.ord, to_regclass(CASE WHEN w.schema_name IS NULL THEN quote_ident(w.table_name)
                           ELSE quote_ident(w.schema_name) || '.' || quote_ident(w.table_name) END) AS rel
                    FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(schema_name, table_name, ord)),
                """ + hypertableSettings() + ",\n" + chunkSettings() + """
                ,
                -- Once for all tables; jobs made with add_job carry their hypertable only in their config.
                policy_jobs AS MATERIALIZED (
                    SELECT CASE WHEN j.config ->> 'hypertable_id' ~ '^[0-9]{1,9}$'
                                THEN (j.config ->> 'hypertable_id')::int END AS hypertable_id,
                           json_agg(json_build_array(j.id, j.proc_name, extract(epoch FROM j.schedule_interval),
                               j.scheduled, l.key,
                               CASE WHEN jsonb_typeof(l.value) = 'string'
                                    THEN extract(epoch FROM (l.value #>> '{}')::interval) END,
                               l.value #>> '{}', j.config ->> 'index_name') ORDER BY j.id) AS jobs
                    FROM\s""" + jobTable() + """
                 j
                    LEFT JOIN LATERAL (SELECT e.key, e.value FROM jsonb_each(j.config) e
                                       WHERE e.key IN ('compress_after', 'compress_created_before',
                                                       'drop_after', 'drop_created_before')
                                       LIMIT 1) l ON true
                    WHERE j.proc_schema = '_timescaledb_functions'
                      AND j.proc_name IN ('policy_compression', 'policy_retention', 'policy_reorder')
                    GROUP BY 1)
                SELECT w.ord, current_setting('transaction_read_only') = 'on', pg_is_in_recovery(),
                    CASE WHEN c.oid IS NOT NULL THEN json_build_object(
                    'oid', c.oid::bigint, 'kind', c.relkind, 'schema', n.nspname, 'name', c.relname,
                    'columns', (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod),
                                                                 t.typcategory) ORDER BY a.attnum)
                                FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                    'indexes', (SELECT json_agg(ic.relname ORDER BY ic.relname)
                                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid),
                    'hypertable', CASE WHEN h.id IS NOT NULL THEN json_build_object(
                        'id', h.id, 'time_column', d.column_name,
                        'time_typed', d.column_type IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype),
                        'interval', d.interval_length, 'integer_now', d.integer_now_func,
                        'compression', h.compression_state = 1,
                        'settings', (SELECT json_build_array(s.segmentby, s.orderby, s.orderby_desc, s.orderby_nullsfirst)
                                     FROM ht_settings s WHERE s.relid = c.oid::regclass),
                        'chunks', (SELECT json_agg(json_build_array(g.segmentby, g.orderby, g.orderby_desc,
                                                                    g.orderby_nullsfirst, g.n, g.first, g.last))
                                   FROM (SELECT cs.segmentby, cs.orderby, cs.orderby_desc, cs.orderby_nullsfirst,
                                                count(*) AS n, min(ds.range_start) AS first, max(ds.range_end) AS last
                                         FROM chunk_settings cs
                                         """ + slices("cs.chunk_id", "d.id") + """
                                         WHERE cs.hypertable_id = h.id
                                         GROUP BY 1, 2, 3, 4) g),
                        'jobs', (SELECT pj.jobs FROM policy_jobs pj WHERE pj.hypertable_id = h.id)
                    ) END) END
                FROM wanted w
                LEFT JOIN pg_class c ON c.oid = w.rel
                LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN _timescaledb_catalog.hypertable h ON h.schema_name = n.nspname AND h.table_name = c.relname
                LEFT JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension dd
                                   WHERE dd.hypertable_id = h.id AND dd.interval_length IS NOT NULL
                                   ORDER BY dd.id LIMIT 1) d ON true
                ORDER BY w.ord""";
    }

    /**
     * Returns the query listing a hypertable's compressed chunks that were compressed with settings other than
     * its current ones, oldest first; parameters: the hypertable's OID, then a chunk as {@code schema.name} text
     * twice (or SQL NULL twice for all chunks; with a chunk, it is listed only if it still differs). Columns: the
     * chunk as {@code schema.name} (quoted as needed), its range start and end in TimescaleDB's internal time.
     *
     * @return the SQL
     */
    public String chunksWithOtherSettings() {
        return "WITH " + hypertableSettings() + ",\n" + chunkSettings() + """
                SELECT format('%I.%I', ch.schema_name, ch.table_name), min(ds.range_start), max(ds.range_end)
                FROM _timescaledb_catalog.hypertable h
                JOIN pg_class hc ON hc.oid = ?::oid
                JOIN pg_namespace hn ON hn.oid = hc.relnamespace AND h.schema_name = hn.nspname AND h.table_name = hc.relname
                JOIN ht_settings hs ON hs.relid = hc.oid::regclass
                JOIN chunk_settings cs ON cs.hypertable_id = h.id
                JOIN _timescaledb_catalog.chunk ch ON ch.id = cs.chunk_id
                JOIN _timescaledb_catalog.dimension d ON d.hypertable_id = h.id AND d.id = (
                     SELECT min(dd.id) FROM _timescaledb_catalog.dimension dd
                     WHERE dd.hypertable_id = h.id AND dd.interval_length IS NOT NULL)
                """ + slices("ch.id", "d.id") + """
                WHERE ((hs.segmentby IS NOT NULL AND cs.segmentby IS DISTINCT FROM hs.segmentby)
                    OR (hs.orderby IS NOT NULL AND (cs.orderby, cs.orderby_desc, cs.orderby_nullsfirst)
                        IS DISTINCT FROM (hs.orderby, hs.orderby_desc, hs.orderby_nullsfirst)))
                  AND (?::text IS NULL OR format('%I.%I', ch.schema_name, ch.table_name) = ?::text)
                GROUP BY ch.id, ch.schema_name, ch.table_name
                ORDER BY 2, 1""";
    }

    /** The table of jobs. */
    private String jobTable() {
        return atLeast(JOBS_IN_CATALOG) ? "_timescaledb_catalog.bgw_job" : "_timescaledb_config.bgw_job";
    }

    /** Joins {@code ds}, the slice of dimension {@code dimension} of chunk {@code chunk}. */
    private String slices(String chunk, String dimension) {
        return "\n" + (atLeast(SLICE_PER_CHUNK)
                ? "JOIN _timescaledb_catalog.dimension_slice ds ON ds.chunk_id = " + chunk + " AND ds.dimension_id = "
                        + dimension
                : "JOIN _timescaledb_catalog.chunk_constraint cc ON cc.chunk_id = " + chunk
                        + " JOIN _timescaledb_catalog.dimension_slice ds ON ds.id = cc.dimension_slice_id"
                        + " AND ds.dimension_id = " + dimension) + "\n";
    }

    /**
     * The settings of each hypertable with compression, keyed by the hypertable's relation as a {@code regclass}
     * (compared as such, the catalog's primary key serves the lookups): {@code relid,
     * segmentby text[], orderby text[], orderby_desc bool[], orderby_nullsfirst bool[]}.
     */
    private String hypertableSettings() {
        if (!atLeast(PER_CHUNK_SETTINGS)) {
            return """
                    ht_settings AS (
                        SELECT format('%I.%I', h.schema_name, h.table_name)::regclass AS relid,
                               array_agg(hc.attname::text ORDER BY hc.segmentby_column_index)
                                   FILTER (WHERE hc.segmentby_column_index IS NOT NULL) AS segmentby,
                               array_agg(hc.attname::text ORDER BY hc.orderby_column_index)
                                   FILTER (WHERE hc.orderby_column_index IS NOT NULL) AS orderby,
                               array_agg(NOT hc.orderby_asc ORDER BY hc.orderby_column_index)
                                   FILTER (WHERE hc.orderby_column_index IS NOT NULL) AS orderby_desc,
                               array_agg(hc.orderby_nullsfirst ORDER BY hc.orderby_column_index)
                                   FILTER (WHERE hc.orderby_column_index IS NOT NULL) AS orderby_nullsfirst
                        FROM _timescaledb_catalog.hypertable_compression hc
                        JOIN _timescaledb_catalog.hypertable h ON h.id = hc.hypertable_id
                        GROUP BY h.id, h.schema_name, h.table_name)""";
        }
        return """
                ht_settings AS (
                    SELECT s.relid, s.segmentby, s.orderby, s.orderby_desc, s.orderby_nullsfirst
                    FROM _timescaledb_catalog.compression_settings s)""";
    }

    /**
     * The settings each compressed chunk was compressed with: {@code chunk_id, hypertable_id, segmentby,
     * orderby, orderby_desc, orderby_nullsfirst}. On 2.13 every compressed chunk has its hypertable's settings.
     */
    private String chunkSettings() {
        String live = atLeast(NO_DROPPED_FLAG) ? "" : " AND NOT ch.dropped";
        if (!atLeast(PER_CHUNK_SETTINGS)) {
            return """
                    chunk_settings AS (
                        SELECT ch.id AS chunk_id, ch.hypertable_id, s.segmentby, s.orderby, s.orderby_desc,
                               s.orderby_nullsfirst
                        FROM _timescaledb_catalog.chunk ch
                        JOIN _timescaledb_catalog.hypertable h ON h.id = ch.hypertable_id
                        JOIN ht_settings s ON s.relid = format('%I.%I', h.schema_name, h.table_name)::regclass
                        WHERE ch.compressed_chunk_id IS NOT NULL""" + live + ")\n";
        }
        // Before 2.19 a chunk's settings are keyed by its compressed chunk, from 2.19 by the chunk itself.
        String keyed = atLeast(SETTINGS_BY_CHUNK) ? "ch" : "cc";
        return """
                chunk_settings AS (
                    SELECT ch.id AS chunk_id, ch.hypertable_id, s.segmentby, s.orderby, s.orderby_desc,
                           s.orderby_nullsfirst
                    FROM _timescaledb_catalog.chunk ch
                    JOIN _timescaledb_catalog.chunk cc ON cc.id = ch.compressed_chunk_id
                    JOIN pg_namespace kn ON kn.nspname = %1$s.schema_name
                    JOIN pg_class kc ON kc.relnamespace = kn.oid AND kc.relname = %1$s.table_name
                    JOIN _timescaledb_catalog.compression_settings s ON s.relid = kc.oid::regclass
                    WHERE true%2$s)
                """.formatted(keyed, live);
    }

    /**
     * Returns the {@code ALTER TABLE ... SET} options that enable compression, set segment-by and order-by.
     *
     * @return the three option names, in that order
     */
    public String[] compressionOptions() {
        return columnstore()
                ? new String[] {"timescaledb.enable_columnstore", "timescaledb.segmentby", "timescaledb.orderby"}
                : new String[] {"timescaledb.compress", "timescaledb.compress_segmentby", "timescaledb.compress_orderby"};
    }

    /**
     * Returns the statement that turns a table into a hypertable; parameters: table, time column, the chunk
     * interval when {@code withInterval}, whether to migrate rows.
     *
     * @param withInterval whether a chunk interval is bound
     * @return the SQL
     */
    public String createHypertable(boolean withInterval) {
        return "SELECT * FROM " + fn("create_hypertable") + "(relation => ?::oid::regclass, dimension => "
                + fn("by_range") + "(column_name => ?::name" + (withInterval ? ", partition_interval => ?::interval"
                : "") + "), migrate_data => ?::boolean)";
    }

    /**
     * Returns the statement that sets a hypertable's chunk interval for new chunks; parameters: table, interval.
     *
     * @return the SQL
     */
    public String setChunkInterval() {
        return "SELECT " + fn("set_chunk_time_interval") + "(?::oid::regclass, ?::interval)";
    }

    /**
     * Returns the statement that drops a hypertable's chunks older than an age; parameters: table, age.
     *
     * @return the SQL, answering the chunks dropped
     */
    public String dropChunks() {
        return "SELECT " + fn("drop_chunks") + "(?::oid::regclass, older_than => ?::interval)";
    }

    /**
     * Returns the query of every hypertable's bytes measured on disk by TimescaleDB: schema, name, table, index
     * and TOAST bytes.
     *
     * @return the SQL
     */
    public String exactSizes() {
        return "SELECT h.schema_name, h.table_name, s.table_bytes, s.index_bytes, s.toast_bytes"
                + " FROM _timescaledb_catalog.hypertable h, LATERAL " + fn("hypertable_detailed_size")
                + "(format('%I.%I', h.schema_name, h.table_name)::regclass) s WHERE h.compression_state <> 2";
    }

    /**
     * Returns the statement that adds a compression policy; parameters: table, age, schedule (nullable).
     *
     * @return the SQL
     */
    public String addCompressionPolicy() {
        return columnstore()
                ? "CALL " + fn("add_columnstore_policy") + "(hypertable => ?::oid::regclass, after => ?::interval,"
                        + " schedule_interval => ?::interval)"
                : "SELECT " + fn("add_compression_policy") + "(hypertable => ?::oid::regclass, compress_after => ?::interval,"
                        + " schedule_interval => ?::interval)";
    }

    /**
     * Returns the statement that adds a retention policy; parameters: table, age, schedule (nullable).
     *
     * @return the SQL
     */
    public String addRetentionPolicy() {
        return "SELECT " + fn("add_retention_policy") + "(relation => ?::oid::regclass, drop_after => ?::interval,"
                + " schedule_interval => ?::interval)";
    }

    /**
     * Returns the statement that adds a reorder policy; parameters: table, index, and the schedule when
     * {@code withSchedule}.
     *
     * @param withSchedule whether a schedule is bound
     * @return the SQL
     */
    public String addReorderPolicy(boolean withSchedule) {
        String add = fn("add_reorder_policy") + "(hypertable => ?::oid::regclass, index_name => ?::name)";
        return withSchedule ? "SELECT " + fn("alter_job") + "(" + add + ", schedule_interval => ?::interval)" : "SELECT " + add;
    }

    /**
     * Returns the statement that pauses the policy job of a kind that a table has; parameters: table, procedure
     * name. Used right after adding a policy declared paused (the add functions take no such argument).
     *
     * @return the SQL
     */
    public String pausePolicyJobs() {
        return "SELECT " + fn("alter_job") + "(j.id, scheduled => false) FROM " + jobTable() + " j"
                // Jobs made with add_job have no hypertable_id column, only their config's.
                + " JOIN _timescaledb_catalog.hypertable h ON h.id = CASE WHEN j.config ->> 'hypertable_id'"
                + " ~ '^[0-9]{1,9}$' THEN (j.config ->> 'hypertable_id')::int END"
                + " JOIN pg_class c ON c.oid = ?::oid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE h.schema_name = n.nspname AND h.table_name = c.relname"
                + " AND j.proc_schema = '_timescaledb_functions' AND j.proc_name = ?::name";
    }

    /**
     * Returns the statement that pauses or resumes a job; parameters: the job id, whether it runs.
     *
     * @return the SQL
     */
    public String scheduleJob() {
        return "SELECT " + fn("alter_job") + "(?::integer, scheduled => ?::boolean)";
    }

    /**
     * Returns the statement that changes a job's schedule interval, keeping its timezone (which
     * {@code alter_job} otherwise clears); parameters: job id, interval, job id.
     *
     * @return the SQL
     */
    public String alterJobSchedule() {
        return "SELECT " + fn("alter_job") + "(?::integer, schedule_interval => ?::interval, timezone =>"
                + " (SELECT timezone FROM " + jobTable() + " WHERE id = ?::integer))";
    }

    /**
     * Returns the statement that removes a job; parameter: the job id.
     *
     * @return the SQL
     */
    public String deleteJob() {
        return "SELECT " + fn("delete_job") + "(?::integer)";
    }

    /**
     * Returns the statement that compresses one chunk if it is not compressed; parameter: the chunk.
     *
     * @return the SQL
     */
    public String compressChunk() {
        return columnstore() ? "CALL " + fn("convert_to_columnstore") + "(?::regclass, if_not_columnstore => true)"
                : "SELECT " + fn("compress_chunk") + "(?::regclass, if_not_compressed => true)";
    }

    /**
     * Returns the statement that decompresses one chunk if it is compressed; parameter: the chunk.
     *
     * @return the SQL
     */
    public String decompressChunk() {
        return columnstore() ? "CALL " + fn("convert_to_rowstore") + "(?::regclass, if_columnstore => true)"
                : "SELECT " + fn("decompress_chunk") + "(?::regclass, if_compressed => true)";
    }

    /**
     * Returns the query listing a hypertable's uncompressed chunks older than an age, oldest first; parameters:
     * the hypertable's OID, the age.
     *
     * @return the SQL
     */
    public String uncompressedChunksOlderThan() {
        return "SELECT format('%I.%I', ch.chunk_schema, ch.chunk_name) FROM " + fn("show_chunks")
                + "(?::oid::regclass, older_than => ?::interval) s JOIN timescaledb_information.chunks ch"
                + " ON format('%I.%I', ch.chunk_schema, ch.chunk_name)::regclass = s"
                + " WHERE NOT ch.is_compressed ORDER BY ch.range_start";
    }

    /**
     * Returns the query listing a hypertable's compressed chunks overlapping a time range, oldest first;
     * parameters: the hypertable's schema and name, the range's end and start.
     *
     * @return the SQL
     */
    public String compressedChunksInRange() {
        return """
                SELECT format('%I.%I', chunk_schema, chunk_name) FROM timescaledb_information.chunks
                WHERE hypertable_schema = ? AND hypertable_name = ? AND is_compressed
                  AND range_start < ? AND range_end > ? ORDER BY range_start""";
    }

    /**
     * Returns the query naming the other sessions that hold or wait for locks on a chunk or its hypertable;
     * parameters: the chunk (as text), the hypertable's OID. Columns: pid, backend type, application name,
     * lock mode, granted, the transaction's start, the query.
     *
     * @return the SQL
     */
    public String lockHolders() {
        return """
                SELECT a.pid, a.backend_type, a.application_name, l.mode, l.granted, a.xact_start, left(a.query, 200)
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'relation' AND l.pid <> pg_backend_pid()
                  AND l.relation IN (to_regclass(?::text)::oid, ?::oid)
                ORDER BY l.granted DESC, a.xact_start""";
    }

    /**
     * Returns the query of the database as a whole: name, server version, estimated size (the pages of all its
     * relations, as the catalog knows them: {@code pg_database_size} reads every file, which takes a long time
     * with many chunks), sessions, max_connections.
     *
     * @return the SQL
     */
    public static String databaseInfo() {
        return "SELECT current_database(), current_setting('server_version'),"
                + " (SELECT sum(relpages)::bigint FROM pg_class) * current_setting('block_size')::bigint,"
                + " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()),"
                + " current_setting('max_connections')::int";
    }

    /**
     * Returns the query of a chunk's state, the same in every supported version: whether the relation named by
     * the first parameter exists, and whether the chunk named by the second (the same {@code schema.table} text)
     * is compressed.
     *
     * @return the SQL
     */
    public static String chunkState() {
        return """
                SELECT to_regclass(?::text) IS NOT NULL,
                       EXISTS (SELECT 1 FROM _timescaledb_catalog.chunk ch
                               WHERE format('%I.%I', ch.schema_name, ch.table_name) = ?::text
                                 AND ch.compressed_chunk_id IS NOT NULL)""";
    }

    /**
     * Returns the query of a hypertable's id, the same in every supported version; the parameter is the table's
     * name as text (resolved on the search_path when unqualified). No row: not a hypertable.
     *
     * @return the SQL
     */
    public static String hypertableId() {
        return """
                SELECT h.id FROM (SELECT to_regclass(?::text) AS oid) r
                JOIN pg_class c ON c.oid = r.oid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN _timescaledb_catalog.hypertable h ON h.schema_name = n.nspname AND h.table_name = c.relname""";
    }

    /**
     * Returns the query of the extension as PostgreSQL sees it, which works whether it is installed or not:
     * database, server version, installed version, newest available, license, the TimescaleDB and PostgreSQL
     * worker limits, and whether the scheduler runs for this database (found by its application name, which
     * PostgreSQL shows to every role).
     *
     * @return the SQL
     */
    public static String extensionInfo() {
        return """
                SELECT current_database(), current_setting('server_version'),
                       (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),
                       (SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'),
                       current_setting('timescaledb.license', true),
                       current_setting('timescaledb.max_background_workers', true),
                       current_setting('max_worker_processes')::int,
                       EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
                               AND application_name = 'TimescaleDB Background Worker Scheduler')""";
    }

    /**
     * Returns the query of what only an installed extension can tell: the jobs scheduled in this database.
     * (The loaded library's own version is not asked: {@code get_git_commit()} fails on builds without Git
     * information, such as the distributions'; a session whose library differs from the installed version fails
     * on its next statement, which the health report tells apart.)
     *
     * @return the SQL
     */
    public String extensionDetails() {
        return "SELECT count(*) FROM " + jobTable() + " WHERE scheduled";
    }

    /**
     * Returns the query of every hypertable in one statement, sizes estimated from {@code pg_class} (no
     * file-system calls, no relation locks): schema, name, time column, time-typed, interval, chunks,
     * compressed chunks, table, index and TOAST bytes, estimated rows, compression enabled, and its policies
     * as JSON ({@code [proc, lag key, lag text, scheduled]}). Chunks are found by OID, as children of their
     * hypertable (and compressed chunks of the internal compressed hypertable), never by name.
     *
     * @return the SQL
     */
    public String hypertableStats() {
        return "WITH " + liveChunks() + ",\n" + userTables() + """
                ,
                parents AS (
                    SELECT u.id AS hypertable_id, u.relid, false AS compressed FROM user_tables u
                    UNION ALL
                    SELECT u.id, format('%I.%I', c.schema_name, c.table_name)::regclass::oid, true
                    FROM user_tables u JOIN _timescaledb_catalog.hypertable c ON c.id = u.compressed_hypertable_id),
                relations AS (
                    SELECT p.hypertable_id, p.compressed, r.oid, r.relpages, r.reltuples, r.reltoastrelid
                    FROM parents p JOIN pg_inherits i ON i.inhparent = p.relid JOIN pg_class r ON r.oid = i.inhrelid),
                per_table AS (
                    SELECT r.hypertable_id,
                           sum(r.relpages)::bigint * current_setting('block_size')::bigint AS heap,
                           sum(coalesce(t.relpages, 0))::bigint * current_setting('block_size')::bigint AS toast,
                           sum(greatest(r.reltuples, 0)) FILTER (WHERE NOT r.compressed)::bigint AS tuples
                    FROM relations r LEFT JOIN pg_class t ON t.oid = r.reltoastrelid
                    GROUP BY r.hypertable_id),
                -- The indexes of the chunks and of their TOAST tables, summed per hypertable in hash joins.
                per_table_indexes AS (
                    SELECT hypertable_id, sum(pages)::bigint * current_setting('block_size')::bigint AS index
                    FROM (SELECT r.hypertable_id, i.relpages AS pages
                          FROM relations r JOIN pg_index x ON x.indrelid = r.oid JOIN pg_class i ON i.oid = x.indexrelid
                          UNION ALL
                          SELECT r.hypertable_id, i.relpages
                          FROM relations r JOIN pg_index x ON x.indrelid = r.reltoastrelid
                          JOIN pg_class i ON i.oid = x.indexrelid) ix
                    GROUP BY hypertable_id),
                counts AS (
                    SELECT c.hypertable_id, count(*) AS chunks, count(c.compressed_chunk_id) AS compressed,
                           sum(z.numrows_pre_compression) AS compressed_rows
                    FROM live_chunks c
                    LEFT JOIN _timescaledb_catalog.compression_chunk_size z ON z.chunk_id = c.id
                    GROUP BY c.hypertable_id)
                SELECT u.schema_name, u.table_name, d.column_name,
                       d.column_type IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype),
                       d.interval_length, coalesce(n.chunks, 0), coalesce(n.compressed, 0),
                       coalesce(p.heap, 0), coalesce(pi.index, 0), coalesce(p.toast, 0),
                       coalesce(p.tuples, 0) + coalesce(n.compressed_rows, 0),
                       u.compression_state = 1,
                       (SELECT json_agg(json_build_array(j.proc_name,
                                   (SELECT e.key FROM jsonb_each(j.config) e WHERE e.key IN ('compress_after',
                                    'compress_created_before', 'drop_after', 'drop_created_before') LIMIT 1),
                                   coalesce(j.config ->> 'compress_after', j.config ->> 'compress_created_before',
                                            j.config ->> 'drop_after', j.config ->> 'drop_created_before',
                                            j.config ->> 'index_name'),
                                   j.scheduled) ORDER BY j.id)
                        FROM\s""" + jobTable() + """
                 j
                        WHERE (CASE WHEN j.config ->> 'hypertable_id' ~ '^[0-9]{1,9}$'
                                    THEN (j.config ->> 'hypertable_id')::int END) = u.id
                          AND j.proc_schema = '_timescaledb_functions')
                FROM user_tables u
                JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension dd
                              WHERE dd.hypertable_id = u.id AND dd.interval_length IS NOT NULL
                              ORDER BY dd.id LIMIT 1) d ON true
                LEFT JOIN per_table p ON p.hypertable_id = u.id
                LEFT JOIN per_table_indexes pi ON pi.hypertable_id = u.id
                LEFT JOIN counts n ON n.hypertable_id = u.id
                ORDER BY u.schema_name, u.table_name""";
    }

    /**
     * Returns the query of compression per hypertable with compression enabled or compressed chunks: schema,
     * name, enabled, chunks, compressed chunks, bytes before and after (as recorded at compression), segment-by
     * and order-by now (JSON arrays), and the compressed chunks whose settings differ from them.
     *
     * @param chunkSettings whether to count the chunks compressed with other settings (which costs a lookup per
     *                      compressed chunk; the health report does without, as 0)
     * @return the SQL
     */
    public String compressionStats(boolean chunkSettings) {
        String other = !chunkSettings ? "" : """
                ,
                other AS MATERIALIZED (
                    SELECT cs.hypertable_id, count(*) AS chunks
                    FROM chunk_settings cs
                    JOIN tables t ON t.id = cs.hypertable_id
                    JOIN ht_settings hs ON hs.relid = t.relid::regclass
                    WHERE (hs.segmentby IS NOT NULL AND cs.segmentby IS DISTINCT FROM hs.segmentby)
                       OR (hs.orderby IS NOT NULL AND (cs.orderby, cs.orderby_desc, cs.orderby_nullsfirst)
                           IS DISTINCT FROM (hs.orderby, hs.orderby_desc, hs.orderby_nullsfirst))
                    GROUP BY cs.hypertable_id)""";
        return "WITH " + liveChunks() + ",\n" + hypertableSettings()
                + (chunkSettings ? ",\n" + chunkSettings() : "\n") + """
                ,
                tables AS (
                    SELECT h.id, h.schema_name, h.table_name, h.compression_state,
                           format('%I.%I', h.schema_name, h.table_name)::regclass::oid AS relid
                    FROM _timescaledb_catalog.hypertable h
                    WHERE h.compression_state = 1 OR h.compressed_hypertable_id IS NOT NULL),
                sizes AS (
                    SELECT c.hypertable_id, count(*) AS chunks, count(z.chunk_id) AS compressed,
                           sum(z.uncompressed_heap_size + z.uncompressed_toast_size + z.uncompressed_index_size) AS before,
                           sum(z.compressed_heap_size + z.compressed_toast_size + z.compressed_index_size) AS after
                    FROM live_chunks c
                    JOIN tables t ON t.id = c.hypertable_id
                    LEFT JOIN _timescaledb_catalog.compression_chunk_size z
                           ON z.chunk_id = c.id AND c.compressed_chunk_id IS NOT NULL
                    GROUP BY c.hypertable_id)""" + other + """

                SELECT t.schema_name, t.table_name, t.compression_state = 1, coalesce(s.chunks, 0),
                       coalesce(s.compressed, 0), coalesce(s.before, 0), coalesce(s.after, 0),
                       (SELECT json_build_array(hs.segmentby, hs.orderby, hs.orderby_desc, hs.orderby_nullsfirst)
                        FROM ht_settings hs WHERE hs.relid = t.relid::regclass),
                       """ + (chunkSettings ? "coalesce((SELECT o.chunks FROM other o WHERE o.hypertable_id = t.id), 0)"
                : "0") + """

                FROM tables t
                LEFT JOIN sizes s ON s.hypertable_id = t.id
                ORDER BY t.schema_name, t.table_name""";
    }

    /**
     * Returns the query of a page of chunks, newest first; parameters: a hypertable's id in TimescaleDB's catalog
     * when {@code oneTable}, the limit, the offset. The page is chosen from TimescaleDB's catalog alone; only its
     * chunks are then sized. Columns: hypertable schema and name, chunk as {@code schema.name}, range start and
     * end in internal time, whether the time column is time-typed, compressed, estimated bytes (the chunk's and
     * its compressed chunk's heap, TOAST and indexes), and the number of chunks in all.
     *
     * @param oneTable whether the page is of one hypertable
     * @return the SQL
     */
    public String chunkPage(boolean oneTable) {
        return "WITH " + liveChunks() + """
                ,
                page AS (
                    SELECT h.schema_name AS hypertable_schema, h.table_name AS hypertable_name, c.id,
                           c.schema_name, c.table_name, c.compressed_chunk_id, ds.range_start, ds.range_end,
                           d.column_type IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype) AS time_typed,
                           count(*) OVER () AS total
                    FROM live_chunks c
                    JOIN _timescaledb_catalog.hypertable h ON h.id = c.hypertable_id AND h.compression_state <> 2
                    JOIN LATERAL (SELECT * FROM _timescaledb_catalog.dimension dd
                                  WHERE dd.hypertable_id = h.id AND dd.interval_length IS NOT NULL
                                  ORDER BY dd.id LIMIT 1) d ON true
                    """ + slices("c.id", "d.id") + (oneTable ? "WHERE h.id = ?::integer\n" : "") + """
                    ORDER BY ds.range_start DESC, h.schema_name, h.table_name, c.id DESC
                    LIMIT ? OFFSET ?)
                SELECT p.hypertable_schema, p.hypertable_name, format('%I.%I', p.schema_name, p.table_name),
                       p.range_start, p.range_end, p.time_typed, p.compressed_chunk_id IS NOT NULL,
                       (SELECT coalesce(sum(r.relpages + coalesce(t.relpages, 0)
                                            + (SELECT coalesce(sum(i.relpages), 0) FROM pg_index x
                                               JOIN pg_class i ON i.oid = x.indexrelid
                                               WHERE x.indrelid IN (r.oid, r.reltoastrelid))), 0)::bigint
                                * current_setting('block_size')::bigint
                        FROM pg_class r LEFT JOIN pg_class t ON t.oid = r.reltoastrelid
                        WHERE r.oid = to_regclass(format('%I.%I', p.schema_name, p.table_name))
                           OR r.oid = (SELECT to_regclass(format('%I.%I', cc.schema_name, cc.table_name))
                                       FROM _timescaledb_catalog.chunk cc WHERE cc.id = p.compressed_chunk_id)),
                       p.total
                FROM page p
                ORDER BY p.range_start DESC, p.hypertable_schema, p.hypertable_name, p.id DESC""";
    }

    /**
     * Returns the query of every job with its statistics and latest errors: id, application name, procedure
     * schema and name, hypertable schema and name, schedule in seconds, scheduled, last start, last finish,
     * last success, last run succeeded, next start, runs, failures, consecutive failures, and up to three
     * latest errors as JSON ({@code [finish, sqlstate, message]}). "Never" is SQL NULL.
     *
     * @return the SQL
     */
    public String jobStats() {
        return """
                SELECT j.id, j.application_name, j.proc_schema, j.proc_name, h.schema_name, h.table_name,
                       extract(epoch FROM j.schedule_interval), j.scheduled,
                       nullif(s.last_start, '-infinity'), nullif(s.last_finish, '-infinity'),
                       nullif(s.last_successful_finish, '-infinity'), s.last_run_success,
                       nullif(s.next_start, '-infinity'),
                       coalesce(s.total_runs, 0), coalesce(s.total_failures, 0), coalesce(s.consecutive_failures, 0),
                       (SELECT json_agg(json_build_array(e.finish_time, e.sqlerrcode, e.err_message))
                        FROM (SELECT * FROM timescaledb_information.job_errors e
                              WHERE e.job_id = j.id ORDER BY e.finish_time DESC NULLS LAST LIMIT 3) e)
                FROM\s""" + jobTable() + """
                 j
                LEFT JOIN _timescaledb_internal.bgw_job_stat s ON s.job_id = j.id
                LEFT JOIN _timescaledb_catalog.hypertable h ON h.id = coalesce(j.hypertable_id,
                          CASE WHEN j.config ->> 'hypertable_id' ~ '^[0-9]{1,9}$'
                               THEN (j.config ->> 'hypertable_id')::int END)
                ORDER BY j.id""";
    }

    /** The chunks that exist. */
    private String liveChunks() {
        return "live_chunks AS (SELECT * FROM _timescaledb_catalog.chunk ch WHERE NOT ch.osm_chunk"
                + (atLeast(NO_DROPPED_FLAG) ? "" : " AND NOT ch.dropped") + ")";
    }

    /** The hypertables of the host, with their relations' OIDs (not TimescaleDB's internal compressed ones). */
    private static String userTables() {
        return """
                user_tables AS (
                    SELECT h.id, h.schema_name, h.table_name, h.compression_state, h.compressed_hypertable_id,
                           format('%I.%I', h.schema_name, h.table_name)::regclass::oid AS relid
                    FROM _timescaledb_catalog.hypertable h WHERE h.compression_state <> 2)""";
    }

    /**
     * Says why a Timescale-License feature cannot be used here.
     *
     * @param feature what was wanted
     * @return the reason and the alternative
     */
    public String licenseReason(String feature) {
        return feature + " needs the Timescale-License edition, and database " + database + " runs TimescaleDB "
                + timescaleVersion + " with timescaledb.license=apache";
    }
}
