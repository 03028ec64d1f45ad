package dev.ms5.timescale;

import java.time.Duration;
import java.util.List;

/**
 * What a chunk operation did to a hypertable.
 *
 * @param table     the hypertable
 * @param operation what was done
 * @param chunks    the chunks it was done to, as {@code schema.name}, in the order done
 * @param skipped   the chunks it meant to do but left, with the reason (another session compressed or dropped
 *                  them meanwhile)
 * @param elapsed   how long it took
 */
public record ChunkReport(TableName table, Operation operation, List<String> chunks, List<Skipped> skipped,
                          Duration elapsed) {

    /**
     * Copies the lists.
     *
     * @param table     the table
     * @param operation the operation
     * @param chunks    the chunks
     * @param skipped   the chunks left out
     * @param elapsed   the time taken
     */
    public ChunkReport {
        chunks = List.copyOf(chunks);
        skipped = List.copyOf(skipped);
    }

    /**
     * Creates a report with nothing skipped.
     *
     * @param table     the table
     * @param operation the operation
     * @param chunks    the chunks
     * @param elapsed   the time taken
     */
    public ChunkReport(TableName table, Operation operation, List<String> chunks, Duration elapsed) {
        this(table, operation, chunks, List.of(), elapsed);
    }

    /** The chunk operations. */
    public enum Operation {
        /** Chunks were compressed (converted to the columnstore). */
        COMPRESS,
        /** Chunks were decompressed (converted back to the rowstore). */
        DECOMPRESS,
        /** Compressed chunks were compressed again with the table's current segment-by and order-by. */
        RECOMPRESS,
        /** Chunks were dropped, with their rows. */
        DROP
    }

    /**
     * A chunk an operation left out.
     *
     * @param chunk  the chunk, as {@code schema.name}
     * @param reason why, e.g. {@code dropped by another session meanwhile}
     */
    public record Skipped(String chunk, String reason) {
    }

    @Override
    public String toString() {
        return table + ": " + operation.name().toLowerCase(java.util.Locale.ROOT) + " " + chunks.size() + " chunk"
                + (chunks.size() == 1 ? "" : "s") + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped")
                + " in " + elapsed.toMillis() + " ms";
    }
}
