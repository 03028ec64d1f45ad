package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.jdbc.BulkWriteException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** A failed batch tells what is committed, what failed and why, and where to start again. */
class BatchFailuresTest {

    @Test
    void serverErrorNamesBatchRowsCommittedPrefixAndTheRowTheServerPointsAt() {
        PSQLException e = server("ERROR", "23502", "null value in column \"ts\" of relation \"m\" violates not-null"
                + " constraint", "COPY m, line 50: \"...\"");

        BulkWriteException failure = BatchFailures.of("metric_hist", 3, 201, 300, 200,
                new Borrowed.Failure(e, Borrowed.Phase.WORK));

        assertThat(failure.getMessage()).isEqualTo("bulk writer for metric_hist: batch 3 (rows 201-300) failed and"
                + " is not committed; rows 1-200 (batches 1-2) are committed. SQLState 23502: null value in column"
                + " \"ts\" of relation \"m\" violates not-null constraint at row 250 (the server's COPY m, line 50)."
                + " Correct the cause and write again from row 201 with a new writer");
        assertThat(failure.committedRows()).isEqualTo(200);
        assertThat(failure.batch()).isEqualTo(3);
        assertThat(failure.firstRow()).isEqualTo(201);
        assertThat(failure.lastRow()).isEqualTo(300);
        assertThat(failure.sqlState()).isEqualTo("23502");
        assertThat(failure.commitOutcomeUnknown()).isFalse();
        assertThat(failure.getCause()).isSameAs(e);
    }

    @Test
    void lostConnectionSaysToWriteAgainOnceTheServerIsBack() {
        SQLException e = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);

        BulkWriteException failure = BatchFailures.of("m", 1, 1, 100, 0, new Borrowed.Failure(e, Borrowed.Phase.WORK));

        assertThat(failure.getMessage()).isEqualTo("bulk writer for m: batch 1 (rows 1-100) failed and is not"
                + " committed; no rows are committed. SQLState 08006: An I/O error occurred while sending to the"
                + " backend. The connection or the server went away; write again from row 1 with a new writer once"
                + " the server is reachable");
    }

    @Test
    void connectionLostDuringCommitLeavesTheOutcomeUnknown() {
        SQLException e = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);

        BulkWriteException failure = BatchFailures.of("m", 2, 11, 20, 10,
                new Borrowed.Failure(e, Borrowed.Phase.COMMIT));

        assertThat(failure.commitOutcomeUnknown()).isTrue();
        assertThat(failure.getMessage()).startsWith("bulk writer for m: the connection was lost during the COMMIT of"
                + " batch 2 (rows 11-20) (SQLState 08006: An I/O error").endsWith("so whether those rows are committed"
                + " is unknown; rows 1-10 (batches 1-1) are committed. Count the rows in m before writing again from"
                + " row 11, or write with onConflictDoNothing(true), which skips rows already there");
    }

    @Test
    void commitRefusedByTheServerIsKnownNotCommitted() {
        PSQLException e = server("ERROR", "40001", "could not serialize access", null);

        BulkWriteException failure = BatchFailures.of("m", 2, 11, 20, 10,
                new Borrowed.Failure(e, Borrowed.Phase.COMMIT));

        assertThat(failure.commitOutcomeUnknown()).isFalse();
        assertThat(failure.getMessage()).contains("batch 2 (rows 11-20) failed and is not committed");
    }

    @Test
    void noConnectionMeansNothingWasSent() {
        SQLException e = new SQLException("Connection refused", "08001");

        BulkWriteException failure = BatchFailures.of("m", 1, 1, 5, 0, new Borrowed.Failure(e, Borrowed.Phase.CONNECT));

        assertThat(failure.getMessage()).endsWith("SQLState 08001: Connection refused. No connection could be"
                + " borrowed, so nothing of it was sent; write again from row 1 with a new writer once the DataSource"
                + " gives connections");
    }

    private static PSQLException server(String severity, String state, String message, String where) {
        String fields = "S" + severity + "\0V" + severity + "\0C" + state + "\0M" + message + "\0"
                + (where == null ? "" : "W" + where + "\0");
        return new PSQLException(new ServerErrorMessage(fields));
    }
}
