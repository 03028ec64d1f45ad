package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.DatabaseUnavailableException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleSettings;
import java.util.List;
import java.util.Optional;

/**
 * Statistics of the time-series storage, for operators. Each call reads the database in one or a few queries
 * for all tables (never one per table or chunk), reads only catalogs (so it does not wait for, nor block,
 * writers and policies), and is bounded by {@code AdminOptions.healthTimeout}; {@link #configuration} is the
 * exception, see there. Obtained from
 * {@code TimescaleAdmin.statistics()}; thread-safe.
 */
public interface TimescaleStatistics {

    /**
     * Reads the database's size, connections and version, and times a round trip.
     *
     * @return the database
     * @throws DatabaseUnavailableException when the database cannot be reached within the timeout
     */
    DatabaseInfo database();

    /**
     * Reads the extension's versions, edition and background workers.
     *
     * @return the extension
     * @throws DatabaseUnavailableException when the database cannot be reached within the timeout
     */
    ExtensionInfo extension();

    /**
     * Reads every hypertable, with sizes estimated from the catalog (no file-system calls).
     *
     * @return the hypertables, by schema and name
     * @throws DatabaseUnavailableException when the database cannot be reached within the timeout
     */
    List<HypertableStats> hypertables();

    /**
     * Reads every hypertable, with sizes measured on disk ({@code pg_total_relation_size} of each chunk): exact,
     * but slower on many chunks, and it waits (within the health timeout) behind a chunk being compressed.
     *
     * @return the hypertables, by schema and name
     * @throws DatabaseUnavailableException when the database cannot be reached within the timeout
     */
    List<HypertableStats> hypertablesExact();

    /**
     * Reads how well each hypertable with compression compresses.
     *
     * @return per hypertable, bytes before and after, and chunks compressed with older settings
     * @throws DatabaseUnavailableException when the database cannot be reached within the timeout
     */
    List<CompressionStats> compression();

    /**
     * Reads a page of chunks, newest first.
     *
     * @param table  a hypertable, as in SQL, or empty for the chunks of all
     * @param limit  the page size, 1 to 1000
     * @param offset the chunks to skip, 0 or more
     * @return the page
     * @throws dev.ms5.timescale.InvalidArgumentException when the limit or offset is out of range
     * @throws dev.ms5.timescale.TableNotFoundException    when the table is not a hypertable
     * @throws DatabaseUnavailableException                when the database cannot be reached in time
     */
    ChunkPage chunks(Optional<String> table, int limit, int offset);

    /**
     * Reads every job with how its runs went and its latest errors.
     *
     * @return the jobs, by id
     * @throws DatabaseUnavailableException when the database cannot be reached within the timeout
     */
    List<JobStats> jobs();

    /**
     * Sets the effective configuration next to what the database has. It is {@code TimescaleAdmin.plan}
     * underneath, bounded as a plan is (by {@code AdminOptions.lockTimeout} and {@code statementTimeout}, not by
     * the health timeout): a declared plain table is asked whether it has rows, which waits for a lock held on it;
     * a table that cannot be read is reported as failed in the configuration rather than thrown.
     *
     * @param specs    the declared tables
     * @param settings the settings the specs came from
     * @param jdbcUrl  the database's JDBC URL to show (its secrets are masked), if the host wants it shown
     * @return the configuration, with each difference named
     * @throws DatabaseUnavailableException when the database cannot be reached to read its version
     */
    ConfigurationReport configuration(List<PolicySpec> specs, TimescaleSettings settings, Optional<String> jdbcUrl);
}
