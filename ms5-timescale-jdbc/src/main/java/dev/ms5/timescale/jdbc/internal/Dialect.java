package dev.ms5.timescale.jdbc.internal;

import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.TimescaleException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the database runs, read once per admin (one connection pool), and the SQL names of that version:
 * TimescaleDB 2.18 renamed compression to columnstore (options, policy procedures, chunk procedures), keeping
 * the old names as deprecated aliases.
 *
 * @param database         the database's name
 * @param postgresVersion  the server's PostgreSQL version, e.g. {@code 15.20}
 * @param timescaleVersion the extension's version in this database
 * @param edition          the edition, from {@code timescaledb.license}
 */
public record Dialect(String database, String postgresVersion, Version timescaleVersion, TimescaleEdition edition) {

    /** The oldest TimescaleDB this library supports. */
    public static final Version OLDEST = Version.parse("2.13.0");
    private static final Version COLUMNSTORE = Version.parse("2.18.0");

    /**
     * Reads the dialect of a database.
     *
     * @param connection a connection to it
     * @return the dialect
     * @throws TimescaleException when the extension is missing or too old, saying how to fix it
     * @throws SQLException       when the server cannot be read
     */
    public static Dialect read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database(), current_setting('server_version'),"
                     + " (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),"
                     + " current_setting('timescaledb.license', true),"
                     + " current_setting('standard_conforming_strings')")) {
            rs.next();
            String database = rs.getString(1);
            if (rs.getString(3) == null) {
                throw new TimescaleException("The timescaledb extension is not installed in database " + database
                        + ". Fix: CREATE EXTENSION timescaledb; (the server needs shared_preload_libraries ="
                        + " 'timescaledb')");
            }
            Version version = Version.parse(rs.getString(3));
            if (version.compareTo(OLDEST) < 0) {
                throw new TimescaleException("TimescaleDB " + version + " in database " + database + " is older than "
                        + OLDEST + ", the oldest this library supports. Fix: ALTER EXTENSION timescaledb UPDATE;"
                        + " after installing a newer TimescaleDB");
            }
            if (!"on".equals(rs.getString(5))) {
                throw new TimescaleException("Database " + database + " runs with standard_conforming_strings = off,"
                        + " which this library does not support. Fix: ALTER DATABASE " + Sql.identifier(database)
                        + " SET standard_conforming_strings = on");
            }
            String license = rs.getString(4);
            return new Dialect(database, rs.getString(2).split(" ")[0], version,
                    license == null ? TimescaleEdition.APACHE : TimescaleEdition.fromLicense(license));
        }
    }

    /**
     * Returns whether this version has the columnstore names.
     *
     * @return {@code true} from 2.18
     */
    public boolean columnstore() {
        return timescaleVersion.compareTo(COLUMNSTORE) >= 0;
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
     * Returns the statement that adds a compression policy; parameters: table, age, schedule (nullable).
     *
     * @return the SQL
     */
    public String addCompressionPolicy() {
        return columnstore()
                ? "CALL add_columnstore_policy(hypertable => ?::oid::regclass, after => ?::interval,"
                        + " schedule_interval => ?::interval)"
                : "SELECT add_compression_policy(hypertable => ?::oid::regclass, compress_after => ?::interval,"
                        + " schedule_interval => ?::interval)";
    }

    /**
     * Returns the statement that compresses one chunk if it is not compressed; parameter: the chunk.
     *
     * @return the SQL
     */
    public String compressChunk() {
        return columnstore() ? "CALL convert_to_columnstore(?::regclass, if_not_columnstore => true)"
                : "SELECT compress_chunk(?::regclass, if_not_compressed => true)";
    }

    /**
     * Returns the statement that decompresses one chunk if it is compressed; parameter: the chunk.
     *
     * @return the SQL
     */
    public String decompressChunk() {
        return columnstore() ? "CALL convert_to_rowstore(?::regclass, if_columnstore => true)"
                : "SELECT decompress_chunk(?::regclass, if_compressed => true)";
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
