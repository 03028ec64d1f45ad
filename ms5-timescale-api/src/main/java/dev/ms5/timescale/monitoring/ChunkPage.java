package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TableName;
import java.util.List;
import java.util.Optional;

/**
 * A page of chunks, newest first.
 *
 * @param table  the hypertable asked for, or empty for all
 * @param chunks the chunks of this page
 * @param total  the chunks there are in all
 * @param limit  the page size asked for
 * @param offset the chunks skipped before this page
 */
public record ChunkPage(Optional<TableName> table, List<ChunkInfo> chunks, long total, int limit, int offset) {

    /**
     * Copies the list.
     *
     * @param table  the table
     * @param chunks the chunks
     * @param total  the total
     * @param limit  the limit
     * @param offset the offset
     */
    public ChunkPage {
        chunks = List.copyOf(chunks);
    }
}
