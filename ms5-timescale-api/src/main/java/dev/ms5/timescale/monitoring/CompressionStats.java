package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TableName;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How well a hypertable compresses, from the sizes TimescaleDB records when it compresses a chunk.
 *
 * @param table                   the hypertable
 * @param enabled                 whether compression is enabled
 * @param chunks                  its chunks
 * @param compressedChunks        how many are compressed
 * @param bytesBefore             the compressed chunks' bytes before compression
 * @param bytesAfter              their bytes after
 * @param segmentBy               the table's segment-by columns now
 * @param orderBy                 its order-by now, e.g. {@code ts DESC}
 * @param chunksWithOtherSettings compressed chunks compressed with other settings than these (after a change;
 *                                {@code TimescaleAdmin.recompressChunks} converts them)
 */
public record CompressionStats(TableName table, boolean enabled, long chunks, long compressedChunks,
                               long bytesBefore, long bytesAfter, List<String> segmentBy, List<String> orderBy,
                               long chunksWithOtherSettings) {

    /**
     * Copies the lists.
     *
     * @param table                   the table
     * @param enabled                 whether enabled
     * @param chunks                  the chunks
     * @param compressedChunks        the compressed chunks
     * @param bytesBefore             bytes before
     * @param bytesAfter              bytes after
     * @param segmentBy               the segment-by
     * @param orderBy                 the order-by
     * @param chunksWithOtherSettings chunks with other settings
     */
    public CompressionStats {
        Objects.requireNonNull(table, "table");
        segmentBy = List.copyOf(segmentBy);
        orderBy = List.copyOf(orderBy);
    }

    /**
     * Returns the share of bytes compression saved on the compressed chunks.
     *
     * @return e.g. {@code 93.5}; negative when the compressed data is larger; empty when nothing is compressed
     */
    public OptionalDouble percentSaved() {
        return bytesBefore <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * (bytesBefore - bytesAfter) / bytesBefore);
    }

    /**
     * Returns whether the compressed data takes more room than it did before: the segment-by or order-by do not
     * suit the data.
     *
     * @return {@code true} when bytes after exceed bytes before
     */
    public boolean larger() {
        return compressedChunks > 0 && bytesAfter > bytesBefore;
    }
}
