package dev.ms5.timescale.jdbc;

import dev.ms5.timescale.TableName;
import dev.ms5.timescale.jdbc.internal.ingest.Batch;
import dev.ms5.timescale.jdbc.internal.ingest.BatchFailures;
import dev.ms5.timescale.jdbc.internal.ingest.Borrowed;
import dev.ms5.timescale.jdbc.internal.ingest.ColumnNames;
import dev.ms5.timescale.jdbc.internal.ingest.CopyBatch;
import dev.ms5.timescale.jdbc.internal.ingest.InsertBatch;
import dev.ms5.timescale.jdbc.internal.ingest.RowValidator;
import dev.ms5.timescale.jdbc.internal.ingest.Target;
import dev.ms5.timescale.jdbc.internal.ingest.TargetReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows to a table or hypertable in batches, each batch one transaction, with PostgreSQL's binary
 * {@code COPY} (or multi-row INSERTs). Rows are checked as they are given and held until a batch is full;
 * {@link #close()} sends the rest.
 *
 * <pre>{@code
 * try (BulkWriter writer = BulkWriter.builder(dataSource, "factory_telemetry.metric_hist")
 *         .column("metric_def_id", ColumnType.UUID)
 *         .column("ts", ColumnType.TIMESTAMPTZ)
 *         .column("value_real", ColumnType.DOUBLE)
 *         .build()) {
 *     for (Reading r : readings) {
 *         writer.row(r.metricId(), r.time(), r.value());
 *     }
 * }
 * }</pre>
 *
 * <p>Rows are numbered from 1 in the order the writer accepts them. When a batch fails, the batches before it
 * stay committed and a {@link BulkWriteException} says how many rows are committed and which rows failed, so
 * that a new writer can start again from the failed batch's first row. A row that cannot be written is refused
 * in {@link #row(Object...)} with an {@link InvalidRowException}, before anything of it is sent. Each batch
 * borrows a connection from the {@code DataSource} and gives it back as it came; use a pooled one.
 *
 * <p>Not thread-safe: one writer serves one thread at a time.
 */
public final class BulkWriter implements AutoCloseable {

    /** How batches are sent. */
    public enum Mode {
        /** Binary {@code COPY ... FROM STDIN}: the fastest way into PostgreSQL. */
        COPY,
        /** Multi-row {@code INSERT ... VALUES}, for connections that cannot COPY (some proxies and poolers). */
        INSERT
    }

    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);

    private final DataSource dataSource;
    private final Target target;
    private final RowValidator validator;
    private final Batch batch;
    private final int batchSize;
    private long accepted;
    private long committed;
    private long written;
    private long skipped;
    private long batches;
    private long writeNanos;
    private BulkWriteException failure;
    private boolean closed;

    private BulkWriter(DataSource dataSource, Target target, Batch batch, int batchSize) {
        this.dataSource = dataSource;
        this.target = target;
        this.validator = new RowValidator(target.display(), target.columns(), target.types());
        this.batch = batch;
        this.batchSize = batchSize;
    }

    /**
     * Starts describing a writer.
     *
     * @param dataSource where each batch borrows its connection
     * @param table      the table as SQL names it: {@code metric_hist}, {@code factory_telemetry.metric_hist},
     *                   {@code "MixedCase"}
     * @return the builder
     * @throws dev.ms5.timescale.InvalidPolicyException when the table name is not valid SQL
     */
    public static Builder builder(DataSource dataSource, String table) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), TableName.parse(table));
    }

    /**
     * Adds a row; sends the batch when it is full.
     *
     * @param values one value per declared column, in order; {@code null} for NULL
     * @throws InvalidRowException   when a value cannot be written; the row is not added, the writer stays usable
     * @throws BulkWriteException    when the batch this row completed failed; the writer then accepts no more rows
     * @throws BulkWriterClosedException when the writer is closed or a batch failed before
     */
    public void row(Object... values) {
        ensureUsable();
        validator.check(accepted + 1, values);
        batch.add(values);
        accepted++;
        if (batch.size() >= batchSize) {
            send();
        }
    }

    /**
     * Sends the rows held, as one batch, now.
     *
     * @return what is committed so far
     * @throws BulkWriteException    when the batch failed; the writer then accepts no more rows
     * @throws BulkWriterClosedException when the writer is closed or a batch failed before
     */
    public BulkWriteResult flush() {
        ensureUsable();
        if (batch.size() > 0) {
            send();
        }
        return result();
    }

    /**
     * Returns what is committed so far.
     *
     * @return the figures
     */
    public BulkWriteResult result() {
        return new BulkWriteResult(committed, written, skipped, batches, Duration.ofNanos(writeNanos));
    }

    /**
     * Sends the rows held and closes the writer, also when a try-with-resources block ends with an exception
     * (the rows held were accepted). After a failed batch it only closes: the failed rows were reported then.
     * Closing twice does nothing.
     *
     * @throws BulkWriteException when the last batch failed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null && batch.size() > 0) {
                send();
            }
        } finally {
            closed = true;
            batch.clear();
            logClosed();
        }
    }

    private void send() {
        long number = batches + 1;
        long first = committed + 1;
        long last = accepted;
        long start = System.nanoTime();
        Batch.Counts counts;
        try {
            counts = Borrowed.commit(dataSource, target.display(), batch::send);
        } catch (Borrowed.Failure f) {
            batch.clear();
            failure = BatchFailures.of(target.display(), number, first, last, committed, f);
            throw failure;
        } finally {
            writeNanos += System.nanoTime() - start;
        }
        batch.clear();
        batches = number;
        committed = last;
        written += counts.inserted();
        skipped += counts.rows() - counts.inserted();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: batch {} (rows {}-{}) committed in {} ms: {} inserted, {} skipped as duplicates",
                    target.display(), number, first, last, (System.nanoTime() - start) / 1_000_000,
                    counts.inserted(), counts.rows() - counts.inserted());
        }
    }

    private void ensureUsable() {
        if (failure != null) {
            throw new BulkWriterClosedException(target.display(), "bulk writer for " + target.display()
                    + " accepts no more rows: batch "
                    + failure.batch() + " failed (" + failure.getMessage() + "). Write again from row "
                    + failure.firstRow() + " with a new writer", failure);
        }
        if (closed) {
            throw new BulkWriterClosedException(target.display(), "bulk writer for " + target.display()
                    + " is closed; " + committed + " rows were committed. Fix: build a new writer to write more", null);
        }
    }

    private void logClosed() {
        BulkWriteResult result = result();
        if (failure != null) {
            LOG.info("{}: bulk writer closed after a failed batch; {} rows committed in {} batches", target.display(),
                    committed, batches);
            return;
        }
        LOG.info("{}: bulk writer closed: {} rows committed in {} batches ({} inserted, {} skipped as duplicates),"
                        + " {} ms writing, {} rows/s", target.display(), committed, batches, written, skipped,
                result.writeTime().toMillis(), Math.round(result.rowsPerSecond()));
    }

    /**
     * Describes a writer: its columns, batch size and mode. {@link #build()} checks them against the table.
     */
    public static final class Builder {

        private final DataSource dataSource;
        private final TableName table;
        private final List<String> columns = new ArrayList<>();
        private final List<ColumnType> types = new ArrayList<>();
        private int batchSize = 10_000;
        private Mode mode = Mode.COPY;
        private boolean onConflictDoNothing;

        private Builder(DataSource dataSource, TableName table) {
            this.dataSource = dataSource;
            this.table = table;
        }

        /**
         * Declares the next column of a row.
         *
         * @param name the column as SQL names it: {@code value_real}, {@code "Value"}
         * @param type its type, which must be the column's type in the table
         * @return this builder
         * @throws BulkWriterSetupException when the name is not valid SQL or is declared twice, or the type is null
         */
        public Builder column(String name, ColumnType type) {
            String raw = ColumnNames.parse(name, table.toString());
            if (type == null) {
                throw new BulkWriterSetupException(table.toString(), "bulk writer for " + table + ": column "
                        + ColumnNames.display(raw) + " has no type; pass its ColumnType, e.g. ColumnType.TEXT");
            }
            if (columns.contains(raw)) {
                throw new BulkWriterSetupException(table.toString(), "bulk writer for " + table + ": column "
                        + ColumnNames.display(raw) + " is declared twice; declare each column once");
            }
            columns.add(raw);
            types.add(type);
            return this;
        }

        /**
         * Sets how many rows make a batch, each batch one transaction (default: 10,000).
         *
         * @param rows the rows per batch, at least 1
         * @return this builder
         */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new BulkWriterSetupException(table.toString(), "bulk writer for " + table + ": batchSize "
                        + rows + " is not positive; use at least 1 (default: 10,000)");
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * Sets how batches are sent (default: {@link Mode#COPY}).
         *
         * @param mode COPY or INSERT
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Skips rows equal, by a unique index or primary key, to rows already in the table, so that a batch
         * written again adds no duplicates (default: false). The table needs a unique index on columns the writer
         * writes. Skipped rows are counted in {@link BulkWriteResult#duplicatesSkipped()}.
         *
         * @param skip whether to add {@code ON CONFLICT DO NOTHING}
         * @return this builder
         */
        public Builder onConflictDoNothing(boolean skip) {
            this.onConflictDoNothing = skip;
            return this;
        }

        /**
         * Checks the table and columns in the catalog (one query on a borrowed connection, given back at once) and
         * returns the writer. No connection is held between batches.
         *
         * @return the writer
         * @throws dev.ms5.timescale.TableNotFoundException when the table does not exist or is not a table
         * @throws BulkWriterSetupException                 when no column is declared, a column is missing or of
         *                                                  another type, or no unique index serves
         *                                                  {@code onConflictDoNothing}
         */
        public BulkWriter build() {
            if (columns.isEmpty()) {
                throw new BulkWriterSetupException(table.toString(), "bulk writer for " + table + ": no column is"
                        + " declared; declare each written column with .column(name, ColumnType)");
            }
            Target target = TargetReader.read(dataSource, table, columns, types, onConflictDoNothing);
            Batch batch = mode == Mode.COPY ? new CopyBatch(target, onConflictDoNothing)
                    : new InsertBatch(target, onConflictDoNothing, batchSize);
            LOG.debug("{}: bulk writer in {} mode, batches of {} rows:\n{}", target.display(), mode, batchSize,
                    batch.describe());
            return new BulkWriter(dataSource, target, batch, batchSize);
        }
    }
}
