package dev.ms5.timescale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seed application's settings, turned into {@link PolicySpec}s for the host's tables.
 *
 * <p>Each setting has a global form and a per-table form whose suffix is the table's name in upper case
 * ({@code TIMESCALEDB_RETENTION_POLICY_METRIC_HIST}); the seed's suffix {@code _OEE} stands for
 * {@code oee_calculations}. The suffix ignores the schema, and characters other than ASCII letters and digits
 * become {@code _}, so tables of the same name in two schemas share their per-table settings. A per-table
 * value wins over the global one, which wins over the default. As in the
 * seed, its per-table defaults ({@code _METRIC_HIST}: chunk 1 hour, retention 90 days; {@code _OEE}: chunk 1
 * day, retention 365 days) are settings of their own: a global value does not change them (so that, say,
 * {@code TIMESCALEDB_RETENTION_POLICY=30 days} does not shorten the OEE history); set the per-table variable.
 *
 * <table>
 *     <caption>Settings</caption>
 *     <tr><th>key</th><th>default</th></tr>
 *     <tr><td>{@code TIMESCALEDB_COMPRESSION_ENABLED[_TABLE]}</td><td>true</td></tr>
 *     <tr><td>{@code TIMESCALEDB_COMPRESSION_AFTER[_TABLE]}</td><td>7 days</td></tr>
 *     <tr><td>{@code TIMESCALEDB_COMPRESSION_SEGMENT_BY[_TABLE]}</td><td>the host's default, else none</td></tr>
 *     <tr><td>{@code TIMESCALEDB_COMPRESSION_ORDER_BY[_TABLE]}</td><td>the time column DESC</td></tr>
 *     <tr><td>{@code TIMESCALEDB_RETENTION_POLICY[_TABLE]}</td><td>90 days; 365 days for _OEE; {@code none}
 *     for no retention</td></tr>
 *     <tr><td>{@code TIMESCALEDB_CHUNK_TIME_INTERVAL[_TABLE]}</td><td>1 day; 1 hour for _METRIC_HIST</td></tr>
 *     <tr><td>{@code TIMESCALEDB_MAX_BACKGROUND_WORKERS}</td><td>8</td></tr>
 * </table>
 * Intervals accept PostgreSQL interval text ({@code 7 days}) and ISO-8601 ({@code P7D}). Every value is checked
 * when the settings are loaded; a bad one fails with a message naming the key, the value and an example.
 */
public final class TimescaleSettings {

    static final String PREFIX = "TIMESCALEDB_";
    private static final Map<String, String> ALIASES = Map.of("OEE", "OEE_CALCULATIONS");
    private static final Map<String, String> DEFAULTS = Map.of(
            "TIMESCALEDB_COMPRESSION_ENABLED", "true",
            "TIMESCALEDB_COMPRESSION_AFTER", "7 days",
            "TIMESCALEDB_RETENTION_POLICY", "90 days",
            "TIMESCALEDB_MAX_BACKGROUND_WORKERS", "8",
            "TIMESCALEDB_CHUNK_TIME_INTERVAL", "1 day",
            "TIMESCALEDB_CHUNK_TIME_INTERVAL_METRIC_HIST", "1 hour",
            "TIMESCALEDB_CHUNK_TIME_INTERVAL_OEE", "1 day",
            "TIMESCALEDB_RETENTION_POLICY_METRIC_HIST", "90 days",
            "TIMESCALEDB_RETENTION_POLICY_OEE", "365 days");

    private final Map<String, String> values;

    private TimescaleSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
        this.values.forEach(Setting::check);
    }

    /**
     * Reads the settings from environment variables.
     *
     * @return the settings
     * @throws InvalidSettingException when a value is bad
     */
    public static TimescaleSettings fromEnvironment() {
        return fromMap(System.getenv());
    }

    /**
     * Reads the settings from system properties with the same names, e.g.
     * {@code -DTIMESCALEDB_COMPRESSION_AFTER=7d}.
     *
     * @return the settings
     * @throws InvalidSettingException when a value is bad
     */
    public static TimescaleSettings fromSystemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return fromMap(properties);
    }

    /**
     * Reads the settings from a map, for hosts with their own configuration system. Keys that do not start with
     * {@code TIMESCALEDB_} are ignored.
     *
     * @param source the keys and values
     * @return the settings
     * @throws InvalidSettingException when a value is bad
     */
    public static TimescaleSettings fromMap(Map<String, String> source) {
        Map<String, String> merged = new HashMap<>(DEFAULTS);
        source.forEach((key, value) -> {
            if (key != null && key.startsWith(PREFIX) && Setting.of(key).isPresent()) {
                merged.put(key, value == null ? "" : value.strip());
            }
        });
        return new TimescaleSettings(merged);
    }

    /**
     * Returns a spec builder for a table, filled from these settings: chunk interval, compression (when
     * enabled) and retention (unless {@code none}).
     *
     * @param table            the table, as in SQL
     * @param timeColumn       its time column
     * @param defaultSegmentBy segment-by columns used unless a setting names others
     * @return the builder, to adjust further or build
     * @throws InvalidPolicyException when the table or a column is not a valid name
     */
    public PolicySpec.Builder spec(String table, String timeColumn, String... defaultSegmentBy) {
        PolicySpec.Builder builder = PolicySpec.builder(table, timeColumn);
        String suffix = suffix(TableName.parse(table));
        builder.chunkInterval(Intervals.parse(value("CHUNK_TIME_INTERVAL", suffix)));
        if (Setting.bool(value("COMPRESSION_ENABLED", suffix))) {
            PolicySpec.Compression compression = PolicySpec.Compression
                    .after(Intervals.parse(value("COMPRESSION_AFTER", suffix)))
                    .segmentBy(optional("COMPRESSION_SEGMENT_BY", suffix).map(Setting::list)
                            .orElse(List.of(defaultSegmentBy)).toArray(String[]::new));
            Optional<String> orderBy = optional("COMPRESSION_ORDER_BY", suffix);
            if (orderBy.isPresent()) {
                compression = compression.orderBy(Setting.list(orderBy.get()).toArray(String[]::new));
            }
            builder.compression(compression);
        }
        String retention = value("RETENTION_POLICY", suffix);
        builder.retention(Setting.isNone(retention) ? null : Intervals.parse(retention));
        return builder;
    }

    /**
     * Returns {@code TIMESCALEDB_MAX_BACKGROUND_WORKERS}, checked at load and given to the host as it is: the
     * server's {@code timescaledb.max_background_workers} is a server setting (postgresql.conf, then a
     * restart), which the library does not change.
     *
     * @return the number of workers (default: 8)
     */
    public int maxBackgroundWorkers() {
        return Integer.parseInt(values.get("TIMESCALEDB_MAX_BACKGROUND_WORKERS"));
    }

    /**
     * Returns every setting in effect: each global setting with its value (given or default) and each per-table
     * setting given, by name, sorted.
     *
     * @return e.g. {@code TIMESCALEDB_RETENTION_POLICY} = {@code 90 days}
     */
    public java.util.SortedMap<String, String> effective() {
        java.util.SortedMap<String, String> effective = new java.util.TreeMap<>(DEFAULTS);
        effective.putAll(values);
        return java.util.Collections.unmodifiableSortedMap(effective);
    }

    /**
     * Returns the value that applies to a table for a setting.
     *
     * @param name  the setting without prefix, e.g. {@code RETENTION_POLICY}
     * @param table the table, as in SQL
     * @return the value, from the per-table key, the global key or the default
     */
    public Optional<String> valueFor(String name, String table) {
        return optional(name, suffix(TableName.parse(table)));
    }

    private String value(String name, String suffix) {
        return optional(name, suffix).orElseThrow();
    }

    private Optional<String> optional(String name, String suffix) {
        for (String key : List.of(PREFIX + name + "_" + suffix, PREFIX + name + "_" + alias(suffix), PREFIX + name)) {
            if (values.containsKey(key)) {
                return Optional.of(values.get(key));
            }
        }
        return Optional.empty();
    }

    private static String alias(String suffix) {
        return ALIASES.entrySet().stream().filter(e -> e.getValue().equals(suffix)).map(Map.Entry::getKey)
                .findFirst().orElse(suffix);
    }

    static String suffix(TableName table) {
        return table.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The settings' kinds, and how a value of each is checked. */
    enum Setting {
        COMPRESSION_ENABLED("true"),
        COMPRESSION_AFTER("7 days"),
        COMPRESSION_SEGMENT_BY("metric_def_id"),
        COMPRESSION_ORDER_BY("ts DESC"),
        RETENTION_POLICY("90 days"),
        CHUNK_TIME_INTERVAL("1 day"),
        MAX_BACKGROUND_WORKERS("8");

        private final String example;

        Setting(String example) {
            this.example = example;
        }

        static Optional<Setting> of(String key) {
            for (Setting setting : values()) {
                String base = PREFIX + setting.name();
                if (key.equals(base) || (key.startsWith(base + "_") && setting != MAX_BACKGROUND_WORKERS)) {
                    return Optional.of(setting);
                }
            }
            return Optional.empty();
        }

        static void check(String key, String value) {
            Setting setting = of(key).orElseThrow();
            try {
                setting.validate(value);
            } catch (RuntimeException e) {
                throw new InvalidSettingException(key + "='" + value + "' is not valid: " + e.getMessage()
                        + ". Example: " + key + "=" + setting.example);
            }
        }

        private void validate(String value) {
            switch (this) {
                case COMPRESSION_ENABLED -> bool(value);
                case COMPRESSION_AFTER, CHUNK_TIME_INTERVAL -> Intervals.parse(value);
                case RETENTION_POLICY -> {
                    if (!isNone(value)) {
                        Intervals.parse(value);
                    }
                }
                case COMPRESSION_SEGMENT_BY -> PolicySpec.Compression.after(Duration.ofDays(1))
                        .segmentBy(list(value).toArray(String[]::new));
                case COMPRESSION_ORDER_BY -> {
                    if (list(value).isEmpty()) {
                        throw new InvalidSettingException("it names no column");
                    }
                    list(value).forEach(OrderBy::parse);
                }
                case MAX_BACKGROUND_WORKERS -> {
                    int workers = Integer.parseInt(value);
                    if (workers < 1 || workers > 1024) {
                        throw new InvalidSettingException("it must be between 1 and 1024");
                    }
                }
            }
        }

        static boolean bool(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new InvalidSettingException("it is not true or false");
            };
        }

        static boolean isNone(String value) {
            return value.equalsIgnoreCase("none") || value.equalsIgnoreCase("off")
                    || value.equalsIgnoreCase("false");
        }

        /** Splits a comma-separated list, keeping commas inside double quotes. */
        static List<String> list(String value) {
            List<String> items = new ArrayList<>();
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            for (char c : value.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    items.add(item.toString().strip());
                    item.setLength(0);
                } else {
                    item.append(c);
                }
            }
            items.add(item.toString().strip());
            items.removeIf(String::isEmpty);
            return items;
        }
    }
}
