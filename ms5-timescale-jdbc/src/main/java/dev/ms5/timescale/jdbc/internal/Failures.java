package dev.ms5.timescale.jdbc.internal;

import dev.ms5.timescale.TableFailure;
import java.sql.SQLException;

/** Turns server errors into failures that name the table, the SQLState and the fix. */
public final class Failures {

    private Failures() {
    }

    /**
     * Describes a failed statement.
     *
     * @param table the table, as displayed
     * @param what  what was being done
     * @param e     the server's error
     * @return the failure
     */
    public static TableFailure of(String table, String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = table + ": " + what + " failed: " + firstLine(e.getMessage());
        return switch (state) {
            case "55P03" -> new TableFailure(TableFailure.Kind.LOCK_TIMEOUT, state, message,
                    "another session holds a lock on " + table + " (see pg_locks); retry when it is done, or raise"
                            + " AdminOptions.lockTimeout");
            case "57014" -> new TableFailure(TableFailure.Kind.SQL_ERROR, state, message,
                    "the statement ran past statement_timeout; raise AdminOptions.statementTimeout");
            case "TS103" -> new TableFailure(TableFailure.Kind.SQL_ERROR, state, message,
                    "include the time column in " + table + "'s primary key and unique constraints, then apply"
                            + " again");
            case "0A000" -> new TableFailure(TableFailure.Kind.SQL_ERROR, state, message, unsupportedFix(e));
            default -> new TableFailure(TableFailure.Kind.SQL_ERROR, state, message,
                    "see the server's message; the library changed nothing on " + table);
        };
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
