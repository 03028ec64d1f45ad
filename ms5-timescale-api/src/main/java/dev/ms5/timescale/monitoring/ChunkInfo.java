package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TableName;
import java.util.Objects;

/**
 * One chunk of a hypertable.
 *
 * @param hypertable the hypertable
 * @param chunk      the chunk, as {@code schema.name}
 * @param rangeStart the start of its time range, inclusive: ISO-8601 for time columns, the value for integers
 * @param rangeEnd   the end, exclusive, likewise
 * @param compressed whether it is compressed
 * @param bytes      its bytes (with its compressed chunk, indexes and TOAST), estimated from the catalog
 */
public record ChunkInfo(TableName hypertable, String chunk, String rangeStart, String rangeEnd, boolean compressed,
                        long bytes) {

    /**
     * Checks the parts.
     *
     * @param hypertable the hypertable
     * @param chunk      the chunk
     * @param rangeStart the range start
     * @param rangeEnd   the range end
     * @param compressed whether compressed
     * @param bytes      the bytes
     */
    public ChunkInfo {
        Objects.requireNonNull(hypertable, "hypertable");
        Objects.requireNonNull(chunk, "chunk");
    }
}
