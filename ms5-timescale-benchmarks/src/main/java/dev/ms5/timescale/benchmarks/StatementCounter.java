package dev.ms5.timescale.benchmarks;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SQL statements that connections of a {@link CountingDataSource} send to the server.
 */
public final class StatementCounter {

    private final LongAdder statements = new LongAdder();

    /**
     * Returns the statements counted so far.
     *
     * @return the count
     */
    public long count() {
        return statements.sum();
    }

    void add(long n) {
        statements.add(n);
    }
}
