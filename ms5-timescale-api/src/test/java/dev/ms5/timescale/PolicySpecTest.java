package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicySpecTest {

    @Test
    void defaultsDeclareNothingButCreatingTheHypertable() {
        PolicySpec spec = PolicySpec.builder("metric_hist", "ts").build();

        assertThat(spec.table()).isEqualTo(TableName.parse("metric_hist"));
        assertThat(spec.timeColumn()).isEqualTo("ts");
        assertThat(spec.chunkInterval()).isEmpty();
        assertThat(spec.compression()).isEmpty();
        assertThat(spec.retention()).isEmpty();
        assertThat(spec.reorder()).isEmpty();
        assertThat(spec.createHypertable()).isTrue();
        assertThat(spec.migrateData()).isFalse();
    }

    @Test
    void buildsWhatTheClassJavadocShows() {
        PolicySpec spec = PolicySpec.builder("public.metric_hist", "\"Ts\"")
                .chunkInterval(Duration.ofHours(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("Metric_Def_Id")
                        .orderBy("\"Ts\" DESC", "value"))
                .retention(Duration.ofDays(90))
                .reorder("metric_hist_ts_idx")
                .build();

        assertThat(spec.table()).hasToString("public.metric_hist");
        assertThat(spec.timeColumn()).isEqualTo("Ts");
        assertThat(spec.chunkInterval()).contains(Duration.ofHours(1));
        PolicySpec.Compression compression = spec.compression().orElseThrow();
        assertThat(compression.after()).isEqualTo(Duration.ofDays(7));
        assertThat(compression.segmentBy()).containsExactly("metric_def_id");
        assertThat(compression.orderBy()).containsExactly(OrderBy.desc("Ts"), OrderBy.asc("value"));
        assertThat(compression.schedule()).isEmpty();
        assertThat(spec.retention()).contains(new PolicySpec.Retention(Duration.ofDays(90), Optional.empty()));
        assertThat(spec.reorder()).contains(new PolicySpec.Reorder("metric_hist_ts_idx", Optional.empty()));
    }

    @Test
    void nullRemovesAnOptionalPart() {
        PolicySpec spec = PolicySpec.builder("metric_hist", "ts")
                .chunkInterval(Duration.ofHours(1)).chunkInterval(null)
                .retention(Duration.ofDays(1)).retention((Duration) null)
                .compression(PolicySpec.Compression.after(Duration.ofDays(1))).compression(null)
                .reorder("idx").reorder((String) null)
                .build();

        assertThat(spec).isEqualTo(PolicySpec.builder("metric_hist", "ts").build());
    }

    @Test
    void toBuilderRebuildsAnEqualSpec() {
        PolicySpec spec = PolicySpec.builder("\"Sensors\".readings", "time")
                .chunkInterval(Duration.ofHours(6))
                .compression(PolicySpec.Compression.after(Duration.ofDays(3)).segmentBy("sensor_id")
                        .orderBy("time DESC").schedule(Duration.ofHours(2)))
                .retention(new PolicySpec.Retention(Duration.ofDays(30), Optional.of(Duration.ofHours(12))))
                .reorder(new PolicySpec.Reorder("readings_time_idx", Optional.of(Duration.ofDays(1))))
                .createHypertable(true)
                .migrateData(true)
                .build();

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void toBuilderDerivesAChangedSpecAndLeavesTheOriginal() {
        PolicySpec spec = PolicySpec.builder("metric_hist", "ts").retention(Duration.ofDays(90)).build();

        PolicySpec changed = spec.toBuilder().retention(Duration.ofDays(30)).createHypertable(false).build();

        assertThat(changed.retention().orElseThrow().dropAfter()).isEqualTo(Duration.ofDays(30));
        assertThat(changed.createHypertable()).isFalse();
        assertThat(changed.table()).isEqualTo(spec.table());
        assertThat(spec.retention().orElseThrow().dropAfter()).isEqualTo(Duration.ofDays(90));
        assertThat(spec.createHypertable()).isTrue();
    }

    @Test
    void rejectsANonPositiveChunkIntervalNamingTableAndField() {
        PolicySpec.Builder builder = PolicySpec.builder("metric_hist", "ts");

        assertThatThrownBy(() -> builder.chunkInterval(Duration.ZERO).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("metric_hist: chunkInterval must be a positive duration, was PT0S; e.g. Duration.ofDays(1)");
        assertThatThrownBy(() -> builder.chunkInterval(Duration.ofHours(-1)).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("metric_hist: chunkInterval must be a positive duration, was PT-1H; e.g."
                        + " Duration.ofDays(1)");
    }

    @Test
    void rejectsAChunkIntervalFinerThanAMicrosecond() {
        assertThatThrownBy(() -> PolicySpec.builder("metric_hist", "ts").chunkInterval(Duration.ofNanos(1500))
                .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("metric_hist: chunkInterval PT0.0000015S is finer than a microsecond, which PostgreSQL"
                        + " intervals cannot hold");
    }

    @Test
    void rejectsCompressionAfterZero() {
        assertThatThrownBy(() -> PolicySpec.Compression.after(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("compression.after must be a positive duration, was PT0S; e.g. Duration.ofDays(7)");
        assertThatThrownBy(() -> PolicySpec.Compression.after(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("compression.after must be a positive duration, was null; e.g. Duration.ofDays(7)");
    }

    @Test
    void rejectsANonPositiveCompressionSchedule() {
        PolicySpec.Compression compression = PolicySpec.Compression.after(Duration.ofDays(7));

        assertThatThrownBy(() -> compression.schedule(Duration.ofMinutes(-5)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("compression.schedule must be a positive duration, was PT-5M; e.g. Duration.ofHours(12)");
    }

    @Test
    void rejectsASegmentByColumnNamedTwice() {
        PolicySpec.Compression compression = PolicySpec.Compression.after(Duration.ofDays(7));

        assertThatThrownBy(() -> compression.segmentBy("metric_def_id", "Metric_Def_Id"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("compression.segmentBy [metric_def_id, metric_def_id] names a column twice");
    }

    @Test
    void rejectsAnInvalidSegmentByColumn() {
        PolicySpec.Compression compression = PolicySpec.Compression.after(Duration.ofDays(7));

        assertThatThrownBy(() -> compression.segmentBy("line id"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("segment-by column 'line id' is not a valid name: ' ' at position 5 is not allowed in an"
                        + " unquoted name; write such a name in double quotes. Accepted: metric_def_id, \"LineId\"");
    }

    @Test
    void compressionKeepsItsOwnCopyOfTheLists() {
        List<String> segmentBy = new ArrayList<>(List.of("line_id"));
        PolicySpec.Compression compression = new PolicySpec.Compression(segmentBy, List.of(), Duration.ofDays(7),
                Optional.empty());

        segmentBy.add("machine_id");

        assertThat(compression.segmentBy()).containsExactly("line_id");
        assertThatThrownBy(() -> compression.segmentBy().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsMigrateDataWithoutCreateHypertable() {
        PolicySpec.Builder builder = PolicySpec.builder("metric_hist", "ts").createHypertable(false).migrateData(true);

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("metric_hist: migrateData(true) needs createHypertable(true)");
    }

    @Test
    void rejectsABadTimeColumnName() {
        assertThatThrownBy(() -> PolicySpec.builder("metric_hist", "ts; DROP TABLE x"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("time column 'ts; DROP TABLE x' is not a valid name: ';' at position 3 is not allowed in"
                        + " an unquoted name; write such a name in double quotes. Accepted: ts, \"Time\"");
        assertThatThrownBy(() -> PolicySpec.builder("metric_hist", "m.ts"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("time column 'm.ts' is not a valid name: it has 2 dotted parts");
    }

    @Test
    void rejectsABadTableName() {
        assertThatThrownBy(() -> PolicySpec.builder("metric hist", "ts"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("table 'metric hist' is not a valid name: ' ' at position 7");
    }

    @Test
    void rejectsANonPositiveRetention() {
        PolicySpec.Builder builder = PolicySpec.builder("metric_hist", "ts");

        assertThatThrownBy(() -> builder.retention(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("retention.dropAfter must be a positive duration, was PT0S; e.g. Duration.ofDays(90)");
        assertThatThrownBy(() -> new PolicySpec.Retention(Duration.ofDays(90), Optional.of(Duration.ZERO)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("retention.schedule must be a positive duration, was PT0S; e.g. Duration.ofDays(1)");
    }

    @Test
    void rejectsABadReorderIndex() {
        PolicySpec.Builder builder = PolicySpec.builder("metric_hist", "ts");

        assertThatThrownBy(() -> builder.reorder("idx; DROP"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("reorder index 'idx; DROP' is not a valid name: ';' at position 4");
        assertThatThrownBy(() -> new PolicySpec.Reorder("", Optional.empty()))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("reorder.index must be given, e.g. \"metric_hist_ts_idx\"");
    }
}
