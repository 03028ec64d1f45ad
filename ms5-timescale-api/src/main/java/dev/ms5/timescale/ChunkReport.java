package dev.ms5.timescale;

import java.time.Duration;
import java.util.List;

/**
 * What a chunk operation did to a hypertable.
 *
 * @param table     the hypertable
 * @param operation what was done
 * @param chunks    the chunks it was done to, as {@code schema.name}
 * @param elapsed   how long it took
 */
public record ChunkReport(TableName table, Operation operation, List<String> chunks, Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param table     the table
     * @param operation the operation
     * @param chunks    the chunks
     * @param elapsed   the time taken
     */
    public ChunkReport {
        chunks = List.copyOf(chunks);
    }

    /** The chunk operations. */
    public enum Operation {
        /** Chunks were compressed (converted to the columnstore). */
        COMPRESS,
        /** Chunks were decompressed (converted back to the rowstore). */
        DECOMPRESS,
        /** Chunks were dropped, with their rows. */
        DROP
    }

    @Override
    public String toString() {
        return table + ": " + operation.name().toLowerCase(java.util.Locale.ROOT) + " " + chunks.size() + " chunk"
                + (chunks.size() == 1 ? "" : "s") + " in " + elapsed.toMillis() + " ms";
    }
}
