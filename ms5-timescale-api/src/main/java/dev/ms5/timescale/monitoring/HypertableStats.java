package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TableName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a hypertable stores.
 *
 * @param table                its name, with its schema
 * @param timeColumn           its time column
 * @param chunkInterval        its chunk interval, when the time column is a date or timestamp
 * @param integerChunkInterval its chunk interval in the column's units, when the time column is an integer
 * @param chunks               its chunks
 * @param compressedChunks     how many of them are compressed
 * @param sizes                the bytes it takes
 * @param approximateRows      its rows, as the catalog estimates them (compressed rows as counted when compressed)
 * @param compressionEnabled   whether compression (the columnstore) is enabled
 * @param policies             its policies, e.g. {@code compression after 7 days}, {@code retention 90 days
 *                             (paused)}
 */
public record HypertableStats(TableName table, String timeColumn, Optional<Duration> chunkInterval,
                              Optional<Long> integerChunkInterval, long chunks, long compressedChunks,
                              RelationSizes sizes, long approximateRows, boolean compressionEnabled,
                              List<String> policies) {

    /**
     * Copies the list.
     *
     * @param table                the table
     * @param timeColumn           the time column
     * @param chunkInterval        the chunk interval
     * @param integerChunkInterval the integer chunk interval
     * @param chunks               the chunks
     * @param compressedChunks     the compressed chunks
     * @param sizes                the sizes
     * @param approximateRows      the estimated rows
     * @param compressionEnabled   whether compression is on
     * @param policies             the policies
     */
    public HypertableStats {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(sizes, "sizes");
        policies = List.copyOf(policies);
    }
}
