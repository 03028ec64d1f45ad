package dev.ms5.timescale.jdbc.internal.ingest;

import dev.ms5.timescale.jdbc.BulkWriteException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a failed batch into the exception the host sees: which batch and rows failed, what is committed, the
 * server's reason with its SQLState, and from which row to write again.
 */
public final class BatchFailures {

    /** PostgreSQL's context line for COPY, where "line" counts rows in binary format too. */
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^\\n]*?, line (\\d+)");

    private BatchFailures() {
    }

    /**
     * Describes a failed batch.
     *
     * @param table     the table, as the host named it
     * @param batch     the batch number, from 1
     * @param firstRow  its first row
     * @param lastRow   its last row
     * @param committed rows committed by the earlier batches
     * @param failure   what failed
     * @return the exception
     */
    public static BulkWriteException of(String table, long batch, long firstRow, long lastRow, long committed,
                                        Borrowed.Failure failure) {
        SQLException e = failure.sqlException();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String rows = "batch " + batch + " (rows " + firstRow + "-" + lastRow + ")";
        String done = committed == 0 ? "no rows are committed" : "rows 1-" + committed + " (batches 1-" + (batch - 1)
                + ") are committed";
        String reason = "SQLState " + (state.isEmpty() ? "none" : state) + ": "
                + reason(e, firstRow).replaceFirst("\\.$", "");
        String message;
        if (failure.outcomeUnknown()) {
            message = "bulk writer for " + table + ": the connection was lost during the COMMIT of " + rows + " ("
                    + reason + "), so whether those rows are committed is unknown; " + done + ". Count the rows in "
                    + table + " before writing again from row " + firstRow + ", or write with"
                    + " onConflictDoNothing(true), which skips rows already there";
        } else {
            message = "bulk writer for " + table + ": " + rows + " failed and is not committed; " + done + ". "
                    + reason + ". " + fix(failure, state, firstRow);
        }
        return new BulkWriteException(message, e, table, committed, batch, firstRow, lastRow, state,
                failure.outcomeUnknown());
    }

    private static String fix(Borrowed.Failure failure, String state, long firstRow) {
        String again = "write again from row " + firstRow + " with a new writer";
        if (failure.phase() == Borrowed.Phase.CONNECT) {
            return "No connection could be borrowed, so nothing of it was sent; " + again + " once the DataSource"
                    + " gives connections";
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return "The connection or the server went away; " + again + " once the server is reachable";
        }
        return "Correct the cause and " + again;
    }

    private static String reason(SQLException e, long firstRow) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return firstLine(e.getMessage());
        }
        StringBuilder reason = new StringBuilder(String.valueOf(server.getMessage()));
        if (server.getDetail() != null) {
            reason.append(" (").append(server.getDetail()).append(')');
        }
        if (server.getHint() != null) {
            reason.append(" (hint: ").append(server.getHint().replaceFirst("\\.$", "")).append(')');
        }
        Matcher line = COPY_LINE.matcher(server.getWhere() == null ? "" : server.getWhere());
        if (line.find()) {
            reason.append(" at row ").append(firstRow + Long.parseLong(line.group(1)) - 1)
                    .append(" (the server's ").append(line.group(0)).append(')');
        }
        return reason.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
