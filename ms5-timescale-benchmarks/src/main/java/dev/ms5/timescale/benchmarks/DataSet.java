package dev.ms5.timescale.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of a reference data set of {@code metric_hist}: how many metrics, how many days, one row per metric
 * every so many seconds. Written {@code 100m-7d-10s} (the reference: about 6 million rows), so that it can be a
 * JMH {@code @Param}.
 *
 * @param metrics the number of metrics
 * @param days    the days of data, ending when the data set was loaded
 * @param spacing the time between two rows of a metric
 */
public record DataSet(int metrics, int days, Duration spacing) {

    /** The reference data set: 100 metrics, a week, every 10 seconds. */
    public static final String REFERENCE = "100m-7d-10s";

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,4})m-(\\d{1,3})d-(\\d{1,6})s");

    /**
     * Validates the sizes.
     *
     * @param metrics the number of metrics
     * @param days    the days of data
     * @param spacing the time between two rows of a metric
     */
    public DataSet {
        if (metrics <= MetricRows.FILTERED_METRIC || days < 2 || spacing.isZero() || spacing.isNegative()
                || Duration.ofDays(1).toSeconds() % spacing.toSeconds() != 0) {
            throw new IllegalArgumentException("data set " + metrics + " metrics, " + days + " days, " + spacing
                    + ": needs at least " + (MetricRows.FILTERED_METRIC + 1) + " metrics (the filtered query reads metric "
                    + MetricRows.FILTERED_METRIC + "), 2 days (all but the last one are compressed) and a spacing"
                    + " that divides a day, e.g. " + REFERENCE);
        }
    }

    /**
     * Reads a data set from its short form.
     *
     * @param text e.g. {@code 100m-7d-10s}
     * @return the data set
     */
    public static DataSet parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("data set " + text + " is not <metrics>m-<days>d-<seconds>s, e.g. "
                    + REFERENCE);
        }
        return new DataSet(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Duration.ofSeconds(Long.parseLong(m.group(3))));
    }

    /**
     * Returns the number of rows.
     *
     * @return metrics times the number of instants in the days
     */
    public long rows() {
        return metrics * (days * Duration.ofDays(1).toSeconds() / spacing.toSeconds());
    }

    /**
     * Returns the short form, with {@code _} for {@code -}, for database names.
     *
     * @return e.g. {@code 100m_7d_10s}
     */
    public String key() {
        return toString().replace('-', '_');
    }

    @Override
    public String toString() {
        return metrics + "m-" + days + "d-" + spacing.toSeconds() + "s";
    }
}
