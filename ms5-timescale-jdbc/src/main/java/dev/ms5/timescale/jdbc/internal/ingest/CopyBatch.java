package dev.ms5.timescale.jdbc.internal.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A batch sent with binary {@code COPY ... FROM STDIN}, encoded as rows arrive. With {@code onConflictDoNothing}
 * the rows are copied into a temporary staging table and moved into the table with
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, in the same transaction.
 */
public final class CopyBatch implements Batch {

    private final Target target;
    private final boolean onConflictDoNothing;
    private final CopyEncoder encoder;
    private final CopyBuffer buffer = new CopyBuffer();
    private final String copySql;
    private int rows;

    /**
     * Creates an empty batch.
     *
     * @param target              the table and columns
     * @param onConflictDoNothing whether to skip rows that conflict with existing ones
     */
    public CopyBatch(Target target, boolean onConflictDoNothing) {
        this.target = target;
        this.onConflictDoNothing = onConflictDoNothing;
        this.encoder = new CopyEncoder(target.types());
        this.copySql = target.copySql(onConflictDoNothing);
    }

    @Override
    public void add(Object[] values) {
        long mark = buffer.mark();
        try {
            encoder.tuple(values, buffer);
        } catch (RuntimeException | Error e) {
            buffer.reset(mark); // never leave half a row in the stream
            throw e;
        }
        rows++;
    }

    @Override
    public int size() {
        return rows;
    }

    @Override
    public Counts send(Connection connection) throws SQLException {
        if (onConflictDoNothing) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(target.stagingSql());
            }
        }
        long copied = copy(connection);
        if (!onConflictDoNothing) {
            return new Counts(rows, copied);
        }
        try (Statement statement = connection.createStatement()) {
            return new Counts(rows, statement.executeUpdate(target.fromStagingSql()));
        }
    }

    private long copy(Connection connection) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            CopyBuffer.Sink sink = (bytes, length) -> copy.writeToCopy(bytes, 0, length);
            CopyEncoder.header(sink);
            buffer.drainTo(sink);
            CopyEncoder.trailer(sink);
            return copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    @Override
    public void clear() {
        buffer.clear();
        rows = 0;
    }

    @Override
    public String describe() {
        return onConflictDoNothing ? target.stagingSql() + "\n" + copySql + "\n" + target.fromStagingSql() : copySql;
    }
}
