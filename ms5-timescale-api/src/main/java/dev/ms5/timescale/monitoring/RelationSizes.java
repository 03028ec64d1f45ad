package dev.ms5.timescale.monitoring;

/**
 * The bytes a hypertable (its chunks and their compressed chunks) takes.
 *
 * @param tableBytes the tables' heap
 * @param indexBytes their indexes
 * @param toastBytes their TOAST tables and indexes
 * @param estimated  {@code true} when read from the catalog's estimates ({@code pg_class.relpages}, refreshed by
 *                   VACUUM and ANALYZE: new chunks may count as empty until then); {@code false} when measured
 *                   on disk
 */
public record RelationSizes(long tableBytes, long indexBytes, long toastBytes, boolean estimated) {

    /**
     * Returns the sum of the parts.
     *
     * @return table, index and TOAST bytes together
     */
    public long totalBytes() {
        return tableBytes + indexBytes + toastBytes;
    }
}
