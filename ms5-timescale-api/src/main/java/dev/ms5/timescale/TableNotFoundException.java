package dev.ms5.timescale;

/**
 * A table named in a call does not exist, is not a table (a view, say), or is not a hypertable where one is
 * needed. The message names the table and what it is.
 */
public class TableNotFoundException extends TimescaleException {

    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates the exception.
     *
     * @param table   the table as the caller named it
     * @param message what the name refers to and the fix
     */
    public TableNotFoundException(String table, String message) {
        super(message);
        this.table = table;
    }

    /**
     * Returns the table as the caller named it.
     *
     * @return the table
     */
    public String table() {
        return table;
    }
}
