package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.monitoring.ChunkInfo;
import dev.ms5.timescale.monitoring.ChunkPage;
import dev.ms5.timescale.monitoring.CompressionStats;
import dev.ms5.timescale.monitoring.ConfigurationReport;
import dev.ms5.timescale.monitoring.DatabaseInfo;
import dev.ms5.timescale.monitoring.ExtensionInfo;
import dev.ms5.timescale.monitoring.HypertableStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of each answer, field by field: snake_case names (documented in the README and the OpenAPI document),
 * times and durations in ISO-8601, sizes in bytes. Explicit on purpose: renaming a record component must not
 * rename a field operators' tools read.
 */
final class Views {

    private Views() {
    }

    static Map<String, Object> status(HealthReport.Status status) {
        return Map.of("status", status.name());
    }

    static Map<String, Object> database(DatabaseInfo info) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", info.database());
        out.put("postgres_version", info.postgresVersion());
        out.put("size_bytes", info.sizeBytes());
        out.put("connections", info.connections());
        out.put("max_connections", info.maxConnections());
        out.put("round_trip", info.roundTrip());
        return out;
    }

    static Map<String, Object> health(HealthReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", report.status().name());
        out.put("elapsed", report.elapsed());
        out.put("checks", report.checks().stream().map(Views::check).toList());
        return out;
    }

    private static Map<String, Object> check(HealthReport.Check check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", check.name());
        out.put("status", check.status().name());
        out.put("detail", check.detail());
        out.put("elapsed", check.elapsed());
        out.put("data", plain(check.data()));
        return out;
    }

    static Map<String, Object> extensionStatus(ExtensionInfo extension, HealthReport.Status status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("installed", extension.installed());
        out.put("version", extension.installedVersion());
        out.put("newest_available", extension.newestAvailable());
        out.put("update_available", extension.updateAvailable());
        out.put("library_matches", extension.libraryMatches());
        out.put("edition", extension.edition().map(TimescaleEdition::license));
        out.put("status", status.name());
        return out;
    }

    static Map<String, Object> hypertables(List<HypertableStats> tables) {
        return Map.of("hypertables", tables.stream().map(Views::hypertable).toList());
    }

    private static Map<String, Object> hypertable(HypertableStats stats) {
        Map<String, Object> out = table(stats.table());
        out.put("time_column", stats.timeColumn());
        out.put("chunk_interval", stats.chunkInterval());
        out.put("integer_chunk_interval", stats.integerChunkInterval());
        out.put("chunks", stats.chunks());
        out.put("compressed_chunks", stats.compressedChunks());
        out.put("table_bytes", stats.sizes().tableBytes());
        out.put("index_bytes", stats.sizes().indexBytes());
        out.put("toast_bytes", stats.sizes().toastBytes());
        out.put("total_bytes", stats.sizes().totalBytes());
        out.put("sizes_estimated", stats.sizes().estimated());
        out.put("approximate_rows", stats.approximateRows());
        out.put("compression_enabled", stats.compressionEnabled());
        out.put("policies", stats.policies());
        return out;
    }

    static Map<String, Object> compression(List<CompressionStats> tables) {
        return Map.of("hypertables", tables.stream().map(Views::compressionOf).toList());
    }

    private static Map<String, Object> compressionOf(CompressionStats stats) {
        Map<String, Object> out = table(stats.table());
        out.put("enabled", stats.enabled());
        out.put("chunks", stats.chunks());
        out.put("compressed_chunks", stats.compressedChunks());
        out.put("bytes_before", stats.bytesBefore());
        out.put("bytes_after", stats.bytesAfter());
        out.put("percent_saved", stats.percentSaved().isPresent() ? stats.percentSaved().getAsDouble() : null);
        out.put("larger_than_before", stats.larger());
        out.put("segment_by", stats.segmentBy());
        out.put("order_by", stats.orderBy());
        out.put("chunks_with_other_settings", stats.chunksWithOtherSettings());
        return out;
    }

    static Map<String, Object> chunks(ChunkPage page) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", page.table().map(TableName::toString));
        out.put("total", page.total());
        out.put("limit", page.limit());
        out.put("offset", page.offset());
        out.put("chunks", page.chunks().stream().map(Views::chunk).toList());
        return out;
    }

    private static Map<String, Object> chunk(ChunkInfo chunk) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hypertable", chunk.hypertable().toString());
        out.put("chunk", chunk.chunk());
        out.put("range_start", chunk.rangeStart());
        out.put("range_end", chunk.rangeEnd());
        out.put("compressed", chunk.compressed());
        out.put("bytes", chunk.bytes());
        return out;
    }

    static Map<String, Object> configuration(ConfigurationReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", report.database().map(dev.ms5.timescale.jdbc.internal.Secrets::mask));
        out.put("settings", report.settings());
        out.put("tables", report.tables().stream().map(Views::declared).toList());
        return out;
    }

    private static Map<String, Object> declared(ConfigurationReport.TableConfiguration table) {
        Map<String, Object> out = table(table.table());
        out.put("declared", table.declared());
        out.put("in_place", table.inPlace());
        out.put("differences", table.differences());
        out.put("unsupported", table.unsupported());
        out.put("failure", table.failure());
        return out;
    }

    /** {@code table} as in SQL (quoted where needed), then its {@code schema} and {@code name} as they are. */
    private static Map<String, Object> table(TableName name) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", name.toString());
        out.put("schema", name.schema());
        out.put("name", name.name());
        return out;
    }

    /**
     * Makes a check's facts writable whatever a check puts there: strings, numbers and booleans as they are,
     * lists and maps element by element, times and durations in ISO-8601, anything else as its text.
     */
    static Object plain(Object value) {
        if (value instanceof Optional<?> optional) {
            return plain(optional.orElse(null));
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Views::plain).toList();
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof Enum<?>) {
            return value.toString();
        }
        return String.valueOf(value);
    }
}
