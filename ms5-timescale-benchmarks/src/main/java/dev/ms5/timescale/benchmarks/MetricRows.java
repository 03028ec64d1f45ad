package dev.ms5.timescale.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates {@code metric_hist} rows as a plant's sensors produce them: every metric one row per instant, instants
 * in time order. The same start and spacing give the same rows.
 *
 * <p>Most metrics are measurements ({@code value_real}: a daily-ish wave around a level of their own, with noise,
 * at a sensor's resolution of 0.01); every tenth is a counter ({@code value_int}) and every tenth a state
 * ({@code value_bool}). {@code value_text} and {@code value_json} stay NULL. Rows are
 * {@code {UUID, OffsetDateTime, Boolean, Long, Double, String, String}} in the table's column order.
 */
public final class MetricRows {

    /** The metric of the filtered 7-day query: a measurement around 50, so about half its rows are above 50. */
    public static final int FILTERED_METRIC = 20;

    private final int metrics;
    private final Duration spacing;
    private final SplittableRandom[] random;
    private final long[] counters;
    private final boolean[] states;
    private Instant instant;
    private int metric;

    /**
     * Starts generating.
     *
     * @param metrics the number of metrics
     * @param start   the first instant
     * @param spacing the time between two instants
     */
    public MetricRows(int metrics, Instant start, Duration spacing) {
        this.metrics = metrics;
        this.spacing = spacing;
        this.random = new SplittableRandom[metrics];
        this.counters = new long[metrics];
        this.states = new boolean[metrics];
        for (int m = 0; m < metrics; m++) {
            random[m] = new SplittableRandom(0x5EED_0000L + m);
        }
        this.instant = start;
    }

    /**
     * Returns the id of a metric.
     *
     * @param metric the metric's number, from 0
     * @return a name-based UUID, the same in every run
     */
    public static UUID metricId(int metric) {
        return UUID.nameUUIDFromBytes(("ms5-bench-metric-" + metric).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the next row: the next metric at the current instant, or the first metric at the next instant.
     *
     * @return the row's values, in the table's column order
     */
    public Object[] next() {
        int m = metric;
        OffsetDateTime ts = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        Object[] row = switch (m % 10) {
            case 9 -> new Object[] {metricId(m), ts, state(m), null, null, null, null};
            case 8 -> new Object[] {metricId(m), ts, null, counter(m), null, null, null};
            default -> new Object[] {metricId(m), ts, null, null, measurement(m), null, null};
        };
        if (++metric == metrics) {
            metric = 0;
            instant = instant.plus(spacing);
        }
        return row;
    }

    /**
     * Returns the next rows.
     *
     * @param count how many
     * @return the rows
     */
    public List<Object[]> next(int count) {
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(next());
        }
        return rows;
    }

    private double measurement(int m) {
        double level = 30 + (m * 7 % 40);
        double amplitude = 5 + m % 11;
        double periodSeconds = 3600.0 * (6 + m % 19);
        double wave = amplitude * Math.sin(2 * Math.PI * instant.getEpochSecond() / periodSeconds);
        double noise = random[m].nextDouble(-1.5, 1.5);
        return Math.round((level + wave + noise) * 100) / 100.0;
    }

    private long counter(int m) {
        counters[m] += random[m].nextInt(4);
        return counters[m];
    }

    private boolean state(int m) {
        if (random[m].nextInt(500) == 0) {
            states[m] = !states[m];
        }
        return states[m];
    }
}
