package dev.ms5.timescale.jdbc.internal;

import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableFailure.Kind;
import java.sql.SQLException;

/** Turns server and connection errors into failures that name the table, the step, the SQLState and the fix. */
public final class Failures {

    private Failures() {
    }

    /**
     * Describes a failed step of a table.
     *
     * @param table the table, as displayed
     * @param what  the step that was running, e.g. {@code compression: segment by device}
     * @param e     the error
     * @return the failure
     */
    public static TableFailure of(String table, String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = table + ": " + what + " failed: " + describe(e);
        if (e instanceof Interrupted) {
            return new TableFailure(Kind.INTERRUPTED, "", message, "nothing of " + table + " was changed; the"
                    + " host is shutting down or cancelled the call; apply again at the next start");
        }
        if (e instanceof Tx.CommitOutcomeUnknown) {
            return new TableFailure(Kind.OUTCOME_UNKNOWN, state, table + ": unknown outcome: the connection failed"
                    + " while the commit was in flight (" + describe(e) + "); the commit may have been applied",
                    "apply again to converge (applying is idempotent); plan() shows what is left");
        }
        if (Sql.isConnectionFailure(e)) {
            return new TableFailure(Kind.CONNECTION_LOST, state, message, "the connection was lost; the"
                    + " transaction of " + table + " was rolled back; apply again once the server answers"
                    + " (applying is idempotent)");
        }
        return switch (state) {
            case "55P03" -> new TableFailure(Kind.LOCK_TIMEOUT, state, message,
                    "another session holds a lock on " + table + " (see pg_locks); retry when it is done, or raise"
                            + " AdminOptions.lockTimeout");
            case "57014" -> new TableFailure(Kind.SQL_ERROR, state, message,
                    "the statement ran past statement_timeout; raise AdminOptions.statementTimeout");
            case "40P01", "40001" -> new TableFailure(Kind.LOCK_TIMEOUT, state, message,
                    "another transaction (often a TimescaleDB background job) conflicted twice with the changes of "
                            + table + "; nothing was changed; apply again");
            case "25006" -> new TableFailure(Kind.READ_ONLY_SERVER, state, message,
                    "the server is read-only; apply policies on the primary");
            case "TS103" -> new TableFailure(Kind.SQL_ERROR, state, message,
                    "include the time column in " + table + "'s primary key and unique constraints, then apply"
                            + " again");
            case "0A000" -> new TableFailure(Kind.SQL_ERROR, state, message, unsupportedFix(e));
            default -> new TableFailure(Kind.SQL_ERROR, state, message,
                    "see the server's message; the library changed nothing on " + table);
        };
    }

    /**
     * Describes an error for a message: the first line of its text, then, when the driver wrapped a lower
     * cause (a socket read that timed out, a refused connection), that cause's text.
     *
     * @param e the error
     * @return e.g. {@code An I/O error occurred while sending to the backend. (Read timed out)}
     */
    public static String describe(SQLException e) {
        String text = firstLine(e.getMessage());
        Throwable cause = e.getCause();
        while (cause instanceof SQLException inner && inner.getCause() != null) {
            cause = inner.getCause();
        }
        if (cause != null && !(cause instanceof SQLException) && cause.getMessage() != null
                && !text.contains(cause.getMessage())) {
            text += " (" + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + ")";
        }
        return text;
    }

    private static String unsupportedFix(SQLException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (text.contains("license")) {
            return "use a server with the Timescale-License edition, or leave this part out of the spec";
        }
        if (text.contains("compressed chunks")) {
            return "TimescaleDB before 2.14 cannot change compression settings while compressed chunks exist:"
                    + " decompress them (TimescaleAdmin.decompressChunks), apply, and compress again";
        }
        return "the server does not support this; see its message";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
