package dev.ms5.timescale.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link BulkWriter} has committed so far: after {@link BulkWriter#close()}, everything it wrote.
 *
 * @param rowsCommitted     rows of committed batches: the host's rows 1 to this number are done
 * @param rowsWritten       rows the server inserted for them
 * @param duplicatesSkipped rows of committed batches not inserted because a row with the same unique key
 *                          existed (only with {@code onConflictDoNothing(true)}; otherwise 0)
 * @param batches           committed batches, each one transaction
 * @param writeTime         the time spent sending and committing batches (not the time the host took to produce
 *                          the rows)
 */
public record BulkWriteResult(long rowsCommitted, long rowsWritten, long duplicatesSkipped, long batches,
                              Duration writeTime) {

    /**
     * Validates the figures.
     *
     * @param rowsCommitted     rows of committed batches
     * @param rowsWritten       rows inserted
     * @param duplicatesSkipped rows skipped as duplicates
     * @param batches           committed batches
     * @param writeTime         time spent writing
     */
    public BulkWriteResult {
        Objects.requireNonNull(writeTime, "writeTime");
        if (rowsCommitted < 0 || rowsWritten < 0 || duplicatesSkipped < 0 || batches < 0 || writeTime.isNegative()) {
            throw new dev.ms5.timescale.InvalidArgumentException("bulk write figures cannot be negative: rowsCommitted=" + rowsCommitted
                    + ", rowsWritten=" + rowsWritten + ", duplicatesSkipped=" + duplicatesSkipped + ", batches="
                    + batches + ", writeTime=" + writeTime);
        }
    }

    /**
     * Returns the rate of committed rows over {@link #writeTime()}.
     *
     * @return rows per second, 0 when nothing was written
     */
    public double rowsPerSecond() {
        long nanos = writeTime.toNanos();
        return nanos == 0 ? 0 : rowsCommitted * 1e9 / nanos;
    }
}
