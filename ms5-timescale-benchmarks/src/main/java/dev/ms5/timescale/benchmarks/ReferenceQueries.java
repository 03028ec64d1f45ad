package dev.ms5.timescale.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The three reference queries of {@code metric_hist}, as a host runs them: a pooled connection, a prepared
 * statement, bound values. "Now" is the end of the loaded data, so that data loaded days ago is queried the same
 * way as fresh data.
 */
public final class ReferenceQueries {

    /** The latest 100 rows of the last hour. */
    static final String LATEST_100 = "SELECT " + MetricHist.COLUMNS + " FROM factory_telemetry.metric_hist"
            + " WHERE ts > ? ORDER BY ts DESC LIMIT 100";

    /** Hourly count, average, minimum and maximum over the last 24 hours. */
    static final String HOURLY_24H = "SELECT time_bucket(interval '1 hour', ts) AS hour, count(*), avg(value_real),"
            + " min(value_real), max(value_real) FROM factory_telemetry.metric_hist WHERE ts > ?"
            + " GROUP BY hour ORDER BY hour";

    /** One metric over the last 7 days with {@code value_real} above a value, newest 500. */
    static final String FILTERED_7D = "SELECT " + MetricHist.COLUMNS + " FROM factory_telemetry.metric_hist"
            + " WHERE metric_def_id = ? AND ts > ? AND value_real > ? ORDER BY ts DESC LIMIT 500";

    private ReferenceQueries() {
    }

    /**
     * Runs the latest-100 query.
     *
     * @param dataSource the data set's pool
     * @param now        the end of the data
     * @return the rows read
     * @throws SQLException when the server refuses
     */
    public static int latest100(DataSource dataSource, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LATEST_100)) {
            query.setObject(1, at(now.minus(Duration.ofHours(1))));
            return rows(query);
        }
    }

    /**
     * Runs the hourly aggregation over 24 hours.
     *
     * @param dataSource the data set's pool
     * @param now        the end of the data
     * @return the sum of the hourly counts: the rows aggregated
     * @throws SQLException when the server refuses
     */
    public static long hourly24h(DataSource dataSource, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(HOURLY_24H)) {
            query.setObject(1, at(now.minus(Duration.ofHours(24))));
            long aggregated = 0;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    aggregated += rs.getLong(2);
                }
            }
            return aggregated;
        }
    }

    /**
     * Runs the filtered 7-day query on {@link MetricRows#FILTERED_METRIC}.
     *
     * @param dataSource the data set's pool
     * @param now        the end of the data
     * @return the rows read
     * @throws SQLException when the server refuses
     */
    public static int filtered7d(DataSource dataSource, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(FILTERED_7D)) {
            query.setObject(1, MetricRows.metricId(MetricRows.FILTERED_METRIC));
            query.setObject(2, at(now.minus(Duration.ofDays(7))));
            query.setDouble(3, 50.0);
            return rows(query);
        }
    }

    private static int rows(PreparedStatement query) throws SQLException {
        int rows = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
