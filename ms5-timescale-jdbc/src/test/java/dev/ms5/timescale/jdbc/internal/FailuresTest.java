package dev.ms5.timescale.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableFailure.Kind;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** What a failure tells the operator, for each kind of error the server or the driver raises. */
class FailuresTest {

    @Test
    void aTerminatedSessionIsAConnectionLossNamingTheStepAndTheServersMessage() {
        TableFailure failure = Failures.of("public.t", "compression: segment by device",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.sqlState()).isEqualTo("57P01");
        assertThat(failure.message()).isEqualTo("public.t: compression: segment by device failed: FATAL: terminating"
                + " connection due to administrator command");
        assertThat(failure.fix()).contains("rolled back", "apply again");
    }

    @Test
    void aReadTimeOutNamesTheSocketsCause() {
        PSQLException e = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));

        TableFailure failure = Failures.of("t", "taking the policy lock", e);

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.sqlState()).isEqualTo("08006");
        assertThat(failure.message()).isEqualTo("t: taking the policy lock failed: An I/O error occurred while"
                + " sending to the backend. (SocketTimeoutException: Read timed out)");
    }

    @Test
    void aCommitLostInFlightHasAnUnknownOutcome() {
        SQLException lost = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);

        TableFailure failure = Failures.of("t", "committing", new Tx.CommitOutcomeUnknown(lost));

        assertThat(failure.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
        assertThat(failure.message()).startsWith("t: unknown outcome: the connection failed while the commit was in"
                + " flight").endsWith("the commit may have been applied");
        assertThat(failure.fix()).startsWith("apply again to converge");
    }

    @Test
    void anInterruptionHasNoServerState() {
        Interrupted interrupted = new Interrupted("the policy lock", new InterruptedException());
        Thread.interrupted();

        TableFailure failure = Failures.of("t", "taking the policy lock", interrupted);

        assertThat(failure.kind()).isEqualTo(Kind.INTERRUPTED);
        assertThat(failure.sqlState()).isEmpty();
        assertThat(failure.toString()).doesNotContain("SQLState", "server's message")
                .contains("interrupted while waiting for the policy lock");
    }

    @Test
    void otherServerErrorsKeepTheirStateAndFix() {
        assertThat(Failures.of("t", "x", new SQLException("canceling statement due to lock timeout", "55P03")))
                .extracting(TableFailure::kind, TableFailure::sqlState).containsExactly(Kind.LOCK_TIMEOUT, "55P03");
        assertThat(Failures.of("t", "x", new SQLException("deadlock detected", "40P01")).fix())
                .contains("conflicted", "apply again");
        assertThat(Failures.of("t", "x", new SQLException("cannot execute create_hypertable() in a read-only"
                + " transaction", "25006"))).extracting(TableFailure::kind).isEqualTo(Kind.READ_ONLY_SERVER);
        assertThat(Failures.of("t", "x", new SQLException("functionality not supported under the current"
                + " \"apache\" license", "0A000")).fix()).contains("Timescale-License edition");
        assertThat(Failures.of("t", "x", new SQLException("boom\nDETAIL: more", "XX000")))
                .extracting(TableFailure::kind, TableFailure::message).containsExactly(Kind.SQL_ERROR,
                        "t: x failed: boom");
    }
}
