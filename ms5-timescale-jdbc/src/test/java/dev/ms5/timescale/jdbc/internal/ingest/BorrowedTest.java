package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A connection is given back as it came, and the first failure wins: a rollback, restore or close that fails
 * after it is added to it as suppressed.
 */
class BorrowedTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void committedWorkRestoresAutoCommitAndCloses() throws Borrowed.Failure {
        String result = Borrowed.commit(dataSource(true, Set.of()), "t", c -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(calls).containsExactly("getAutoCommit", "setAutoCommit(false)", "commit", "setAutoCommit(true)",
                "close");
    }

    @Test
    void readingOnAConnectionWithoutAutoCommitEndsItsTransactionAndLeavesAutoCommitAlone() throws Borrowed.Failure {
        Borrowed.read(dataSource(false, Set.of()), "t", c -> null);

        assertThat(calls).containsExactly("getAutoCommit", "rollback", "rollback", "close");
    }

    @Test
    void aTransactionThePoolsLastUserLeftOpenIsRolledBackBeforeTheWorkNotCommittedWithIt() throws Borrowed.Failure {
        Borrowed.commit(dataSource(false, Set.of()), "t", c -> {
            calls.add("work");
            return null;
        });

        assertThat(calls).containsExactly("getAutoCommit", "rollback", "work", "commit", "close");
    }

    @Test
    void failedWorkIsRolledBackAndReportedAsSuch() {
        SQLException refused = new SQLException("refused", "23502");

        Borrowed.Failure failure = catchThrowableOfType(Borrowed.Failure.class,
                () -> Borrowed.commit(dataSource(true, Set.of()), "t", c -> {
                    throw refused;
                }));

        assertThat((Throwable) failure.sqlException()).isSameAs(refused);
        assertThat(failure.phase()).isEqualTo(Borrowed.Phase.WORK);
        assertThat(failure.outcomeUnknown()).isFalse();
        assertThat(calls).containsExactly("getAutoCommit", "setAutoCommit(false)", "rollback", "setAutoCommit(true)",
                "close");
    }

    @Test
    void commitLostWithTheConnectionKeepsItsErrorFirstAndTheCleanupFailuresSuppressed() {
        Borrowed.Failure failure = catchThrowableOfType(Borrowed.Failure.class,
                () -> Borrowed.commit(dataSource(true, Set.of("commit", "rollback", "setAutoCommit(true)", "close")),
                        "t", c -> null));

        assertThat(failure.phase()).isEqualTo(Borrowed.Phase.COMMIT);
        assertThat(failure.outcomeUnknown()).isTrue();
        assertThat(failure.sqlException().getMessage()).isEqualTo("commit failed");
        assertThat(failure.sqlException().getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("rollback failed", "setAutoCommit(true) failed", "close failed");
        assertThat(calls).containsExactly("getAutoCommit", "setAutoCommit(false)", "commit", "rollback",
                "setAutoCommit(true)", "close");
    }

    @Test
    void noConnectionIsAFailureBeforeAnythingWasSent() {
        DataSource none = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection refused", "08001");
                });

        Borrowed.Failure failure = catchThrowableOfType(Borrowed.Failure.class,
                () -> Borrowed.commit(none, "t", c -> null));

        assertThat(failure.phase()).isEqualTo(Borrowed.Phase.CONNECT);
        assertThat(failure.outcomeUnknown()).isFalse();
    }

    @Test
    void givingBackThatFailsAfterACommitLeavesTheResultStanding() throws Borrowed.Failure {
        String result = Borrowed.commit(dataSource(true, Set.of("setAutoCommit(true)", "close")), "t", c -> "kept");

        assertThat(result).isEqualTo("kept");
    }

    /** A fake pool: one connection that records calls and fails the named ones with an I/O error. */
    private DataSource dataSource(boolean autoCommit, Set<String> failing) {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String call = method.getName() + (args == null ? "" : "(" + args[0] + ")");
                    calls.add(call);
                    if (failing.contains(call)) {
                        throw new PSQLException(call + " failed", PSQLState.CONNECTION_FAILURE);
                    }
                    return method.getName().equals("getAutoCommit") ? autoCommit : null;
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> connection);
    }
}
