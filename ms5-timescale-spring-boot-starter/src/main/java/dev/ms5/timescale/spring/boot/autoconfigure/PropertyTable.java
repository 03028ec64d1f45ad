package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.PolicySpec.Compression;
import dev.ms5.timescale.PolicySpec.Reorder;
import dev.ms5.timescale.PolicySpec.Retention;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleException;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One table declared under {@code ms5.timescale.tables.<key>}, turned into a {@link PolicySpec}: the seed's
 * settings first ({@code TimescaleSettings.spec}), then each property given replaces its part. Every bad value
 * fails naming its property.
 */
final class PropertyTable {

    private final String prefix;
    private final String key;
    private final TimescaleProperties.Table table;
    private final TimescaleSettings settings;

    PropertyTable(String key, TimescaleProperties.Table table, TimescaleSettings settings) {
        this.prefix = prefix(key);
        this.key = key;
        this.table = table;
        this.settings = settings;
    }

    /** The property prefix of a table key, in brackets when the key needs them (dots, capitals). */
    static String prefix(String key) {
        return key.matches("[a-z0-9_-]+") ? "ms5.timescale.tables." + key : "ms5.timescale.tables[" + key + "]";
    }

    String prefix() {
        return prefix;
    }

    PolicySpec spec() {
        String name = table.getTable() != null ? table.getTable() : key;
        parse(".table", name, "metric_hist", () -> TableName.parse(name));
        String time = table.getTimeColumn();
        if (time == null || time.isBlank()) {
            throw new InvalidPropertyException(prefix + ".time-column", null, "every declared table needs its time"
                    + " column", "ts", null);
        }
        PolicySpec base = parse(".time-column", time, "ts", () -> settings.spec(name, time.strip()).build());
        PolicySpec.Builder builder = base.toBuilder();
        if (table.getChunkInterval() != null) {
            builder.chunkInterval(interval(".chunk-interval", table.getChunkInterval(), "1 hour"));
        }
        builder.compression(compression(base.compression()).orElse(null));
        builder.retention(retention(base.retention()).orElse(null));
        if (table.getReorderIndex() != null) {
            builder.reorder(parse(".reorder-index", table.getReorderIndex(), "metric_hist_ts_idx",
                    () -> PolicySpec.builder(name, time).reorder(table.getReorderIndex().strip()).build().reorder()
                            .orElseThrow()));
        }
        builder.createHypertable(table.isCreateHypertable()).migrateData(table.isMigrateData());
        PolicySpec spec = parse(".migrate-data", String.valueOf(table.isMigrateData()), "false", builder::build);
        return withReorderSchedule(spec);
    }

    private Optional<Compression> compression(Optional<Compression> fromSettings) {
        Optional<Compression> compression = fromSettings;
        String after = table.getCompressAfter();
        if (after != null && isNone(after)) {
            compression = Optional.empty();
        } else if (after != null) {
            Duration age = interval(".compress-after", after, "7 days");
            compression = Optional.of(compression.map(c -> new Compression(c.segmentBy(), c.orderBy(), age,
                    c.schedule(), c.paused())).orElseGet(() -> Compression.after(age)));
        }
        List<String> segmentBy = table.getSegmentBy();
        if (segmentBy != null) {
            Compression c = needsCompression(compression, ".segment-by");
            compression = Optional.of(parse(".segment-by", String.join(",", segmentBy), "metric_def_id",
                    () -> c.segmentBy(strip(segmentBy))));
        }
        List<String> orderBy = table.getOrderBy();
        if (orderBy != null) {
            Compression c = needsCompression(compression, ".order-by");
            compression = Optional.of(parse(".order-by", String.join(",", orderBy), "ts DESC",
                    () -> c.orderBy(strip(orderBy))));
        }
        String schedule = table.getSchedule().getCompression();
        if (schedule != null) {
            Compression c = needsCompression(compression, ".schedule.compression");
            compression = Optional.of(c.schedule(interval(".schedule.compression", schedule, "12 hours")));
        }
        return compression;
    }

    private Optional<Retention> retention(Optional<Retention> fromSettings) {
        Optional<Retention> retention = fromSettings;
        String dropAfter = table.getRetention();
        if (dropAfter != null) {
            retention = isNone(dropAfter) ? Optional.empty()
                    : Optional.of(new Retention(interval(".retention", dropAfter, "90 days"), Optional.empty()));
        }
        String schedule = table.getSchedule().getRetention();
        if (schedule != null) {
            Retention r = needs(retention, ".schedule.retention", ".retention", dropAfter, "retention",
                    "TIMESCALEDB_RETENTION_POLICY[_TABLE]=none", "90 days");
            retention = Optional.of(new Retention(r.dropAfter(), Optional.of(interval(".schedule.retention", schedule,
                    "1 day")), r.paused()));
        }
        return retention;
    }

    private PolicySpec withReorderSchedule(PolicySpec spec) {
        String schedule = table.getSchedule().getReorder();
        if (schedule == null) {
            return spec;
        }
        Reorder reorder = needs(spec.reorder(), ".schedule.reorder", ".reorder-index", null, "a reorder policy",
                null, "metric_hist_ts_idx");
        return spec.toBuilder().reorder(new Reorder(reorder.index(), Optional.of(interval(".schedule.reorder",
                schedule, "1 day")), reorder.paused())).build();
    }

    private Duration interval(String property, String value, String example) {
        return parse(property, value, example, () -> Intervals.parse(value));
    }

    private Compression needsCompression(Optional<Compression> compression, String dependent) {
        return needs(compression, dependent, ".compress-after", table.getCompressAfter(), "compression",
                "TIMESCALEDB_COMPRESSION_ENABLED[_TABLE]=false", "7 days");
    }

    /** The part a dependent property refines; when it is not declared, fails naming the property that declares it. */
    private <T> T needs(Optional<T> part, String dependent, String property, String value, String policy,
                        String offBySetting, String example) {
        return part.orElseThrow(() -> new InvalidPropertyException(prefix + property, value, prefix + dependent
                + " is set, which needs " + policy + (value == null && offBySetting != null ? " (turned off by "
                + offBySetting + ")" : ""), example, null));
    }

    private <T> T parse(String property, String value, String example, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidPropertyException e) {
            throw e;
        } catch (TimescaleException e) {
            InvalidPropertyException invalid = new InvalidPropertyException(prefix + property, value, e.getMessage(),
                    example, null);
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static boolean isNone(String value) {
        return List.of("none", "off", "false").contains(value.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static String[] strip(List<String> values) {
        return values.stream().map(String::strip).toArray(String[]::new);
    }
}
