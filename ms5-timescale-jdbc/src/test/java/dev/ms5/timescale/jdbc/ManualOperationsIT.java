package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.ChunkReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableNotFoundException;
import dev.ms5.timescale.TimescaleAdmin;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.RequiresEdition;
import dev.ms5.timescale.testkit.TimescaleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * compressChunks, decompressChunks, dropChunks and enforceRetention on hypertables with 1-day chunks holding
 * 10 days of rows, checked against timescaledb_information.chunks and the rows left.
 */
@TimescaleTest
@RequiresEdition(TimescaleEdition.TIMESCALE)
class ManualOperationsIT {

    @Test
    void compressChunksCompressesTheOldChunksOnlyOnce(DataSource dataSource) throws SQLException {
        createWithTenDays(dataSource, "manual_compress");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        long rows = count(dataSource, "manual_compress");
        List<String> old = chunksEndingBefore(dataSource, "manual_compress", "3 days");

        ChunkReport first = admin.compressChunks("manual_compress", Duration.ofDays(3));

        assertThat(first.table()).isEqualTo(TableName.parse("manual_compress"));
        assertThat(first.operation()).isEqualTo(ChunkReport.Operation.COMPRESS);
        assertThat(old).hasSizeGreaterThanOrEqualTo(6);
        assertThat(first.chunks()).isEqualTo(old).isEqualTo(compressedChunks(dataSource, "manual_compress"));

        ChunkReport second = admin.compressChunks("manual_compress", Duration.ofDays(1));

        List<String> newlyCompressed = new ArrayList<>(compressedChunks(dataSource, "manual_compress"));
        newlyCompressed.removeAll(first.chunks());
        assertThat(second.chunks()).isNotEmpty().doesNotContainAnyElementsOf(first.chunks())
                .isEqualTo(newlyCompressed);
        assertThat(admin.compressChunks("manual_compress", Duration.ofDays(3)).chunks()).isEmpty();
        assertThat(count(dataSource, "manual_compress")).isEqualTo(rows);
    }

    @Test
    void decompressChunksTouchesOnlyChunksOverlappingTheRange(DataSource dataSource) throws SQLException {
        createWithTenDays(dataSource, "manual_decompress");
        Db.execute(dataSource, "SELECT compress_chunk(c) FROM show_chunks('manual_decompress',"
                + " older_than => INTERVAL '1 day') c");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        List<String> compressed = compressedChunks(dataSource, "manual_decompress");
        long rows = count(dataSource, "manual_decompress");

        // [start of the 3rd chunk, start of the 5th): the 2nd ends where the range starts, the 5th starts at its end.
        ChunkReport report = admin.decompressChunks("manual_decompress", chunkStart(dataSource, "manual_decompress", 2),
                chunkStart(dataSource, "manual_decompress", 4));

        assertThat(report.operation()).isEqualTo(ChunkReport.Operation.DECOMPRESS);
        assertThat(report.chunks()).containsExactly(compressed.get(2), compressed.get(3));
        List<String> stillCompressed = new ArrayList<>(compressed);
        stillCompressed.removeAll(report.chunks());
        assertThat(compressedChunks(dataSource, "manual_decompress")).isEqualTo(stillCompressed);
        assertThat(count(dataSource, "manual_decompress")).isEqualTo(rows);

        Instant inside = chunkStart(dataSource, "manual_decompress", 5).plus(1, ChronoUnit.HOURS);
        assertThat(admin.decompressChunks("manual_decompress", inside, inside.plus(1, ChronoUnit.HOURS)).chunks())
                .containsExactly(compressed.get(5));
        assertThat(admin.decompressChunks("manual_decompress", chunkStart(dataSource, "manual_decompress", 2),
                chunkStart(dataSource, "manual_decompress", 4)).chunks()).isEmpty();
    }

    @Test
    void dropChunksRemovesExactlyTheOldChunksAndTheirRows(DataSource dataSource) throws SQLException {
        createWithTenDays(dataSource, "manual_drop");
        Db.execute(dataSource, "SELECT compress_chunk(c) FROM show_chunks('manual_drop',"
                + " older_than => INTERVAL '7 days') c");
        List<String> all = chunks(dataSource, "manual_drop");
        List<String> old = chunksEndingBefore(dataSource, "manual_drop", "5 days");
        long kept = Long.parseLong(Db.single(dataSource, "SELECT count(*) FROM manual_drop WHERE ts >= (SELECT"
                + " min(range_start) FROM timescaledb_information.chunks WHERE hypertable_name = 'manual_drop'"
                + " AND range_end > now() - INTERVAL '5 days')"));

        ChunkReport report = TimescaleAdmin.create(dataSource).dropChunks("manual_drop", Duration.ofDays(5));

        assertThat(report.operation()).isEqualTo(ChunkReport.Operation.DROP);
        assertThat(old).hasSizeGreaterThanOrEqualTo(4);
        assertThat(report.chunks()).containsExactlyInAnyOrderElementsOf(old);
        List<String> remaining = new ArrayList<>(all);
        remaining.removeAll(old);
        assertThat(chunks(dataSource, "manual_drop")).isEqualTo(remaining);
        assertThat(count(dataSource, "manual_drop")).isEqualTo(kept).isPositive();
        assertThat(TimescaleAdmin.create(dataSource).dropChunks("manual_drop", Duration.ofDays(5)).chunks()).isEmpty();
    }

    @Test
    void enforceRetentionDropsOnlyForSpecsThatDeclareRetention(DataSource dataSource) throws SQLException {
        createWithTenDays(dataSource, "manual_retained");
        createWithTenDays(dataSource, "manual_unretained");
        List<String> old = chunksEndingBefore(dataSource, "manual_retained", "4 days");
        List<String> untouched = chunks(dataSource, "manual_unretained");
        long unretainedRows = count(dataSource, "manual_unretained");

        List<ChunkReport> reports = TimescaleAdmin.create(dataSource).enforceRetention(List.of(
                PolicySpec.builder("manual_retained", "ts").retention(Duration.ofDays(4)).build(),
                PolicySpec.builder("manual_unretained", "ts").build()));

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.table()).isEqualTo(TableName.parse("manual_retained"));
            assertThat(r.operation()).isEqualTo(ChunkReport.Operation.DROP);
            assertThat(r.chunks()).isNotEmpty().containsExactlyInAnyOrderElementsOf(old);
        });
        assertThat(chunks(dataSource, "manual_retained")).doesNotContainAnyElementsOf(old).isNotEmpty();
        assertThat(chunks(dataSource, "manual_unretained")).isEqualTo(untouched);
        assertThat(count(dataSource, "manual_unretained")).isEqualTo(unretainedRows);
    }

    @Test
    void missingTableViewAndPlainTableAreNamedInTableNotFoundException(DataSource dataSource) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE manual_plain (ts timestamptz NOT NULL, value double precision)",
                "CREATE VIEW manual_view AS SELECT * FROM manual_plain");
        TimescaleAdmin admin = TimescaleAdmin.create(dataSource);
        Instant now = Instant.now();

        for (String table : List.of("manual_missing", "manual_view", "manual_plain")) {
            List<Consumer<String>> operations = List.of(t -> admin.compressChunks(t, Duration.ofDays(1)),
                    t -> admin.decompressChunks(t, now.minus(1, ChronoUnit.DAYS), now),
                    t -> admin.dropChunks(t, Duration.ofDays(1)),
                    t -> admin.enforceRetention(List.of(PolicySpec.builder(t, "ts").retention(Duration.ofDays(1))
                            .build())));
            for (Consumer<String> operation : operations) {
                assertThatThrownBy(() -> operation.accept(table)).isInstanceOfSatisfying(TableNotFoundException.class,
                        e -> {
                            assertThat(e.table()).isEqualTo(table);
                            assertThat(e.getMessage()).contains(table).contains(table.equals("manual_missing")
                                    ? "does not exist" : "is not a hypertable");
                        });
            }
        }
        assertThat(Db.single(dataSource, "SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = 'manual_plain'")).isEqualTo("0");
    }

    /** A compressible hypertable with 1-day chunks and a row per device every 30 minutes over the last 10 days. */
    private static void createWithTenDays(DataSource dataSource, String table) throws SQLException {
        Db.execute(dataSource, "CREATE TABLE " + table + " (ts timestamptz NOT NULL, device integer NOT NULL,"
                        + " value double precision)",
                "SELECT create_hypertable('" + table + "', by_range('ts', INTERVAL '1 day'))",
                "ALTER TABLE " + table + " SET (timescaledb.compress = true,"
                        + " timescaledb.compress_segmentby = 'device')",
                "INSERT INTO " + table + " SELECT t, d, d * 1.5 FROM generate_series(now() - INTERVAL '10 days', now(),"
                        + " INTERVAL '30 minutes') t, generate_series(1, 3) d");
        assertThat(chunks(dataSource, table)).hasSizeGreaterThanOrEqualTo(10);
    }

    private static List<String> chunks(DataSource dataSource, String table) throws SQLException {
        return Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name)"
                + " FROM timescaledb_information.chunks WHERE hypertable_name = ? ORDER BY range_start", table);
    }

    private static List<String> compressedChunks(DataSource dataSource, String table) throws SQLException {
        return Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name)"
                + " FROM timescaledb_information.chunks WHERE hypertable_name = ? AND is_compressed"
                + " ORDER BY range_start", table);
    }

    /** The chunks whose whole range is older than the age, i.e. those show_chunks(older_than) returns. */
    private static List<String> chunksEndingBefore(DataSource dataSource, String table, String age)
            throws SQLException {
        return Db.rows(dataSource, "SELECT format('%I.%I', chunk_schema, chunk_name)"
                + " FROM timescaledb_information.chunks WHERE hypertable_name = ? AND range_end <= now() - ?::interval"
                + " ORDER BY range_start", table, age);
    }

    /** The start of the table's chunk at this position, oldest first. */
    private static Instant chunkStart(DataSource dataSource, String table, int position) throws SQLException {
        return Instant.ofEpochSecond(Long.parseLong(Db.single(dataSource, "SELECT extract(epoch FROM range_start)"
                + "::bigint FROM timescaledb_information.chunks WHERE hypertable_name = ? ORDER BY range_start"
                + " OFFSET ? LIMIT 1", table, position)));
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        return Long.parseLong(Db.single(dataSource, "SELECT count(*) FROM " + table));
    }
}
