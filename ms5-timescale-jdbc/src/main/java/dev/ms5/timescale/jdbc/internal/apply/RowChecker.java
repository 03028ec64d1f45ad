package dev.ms5.timescale.jdbc.internal.apply;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.jdbc.internal.Sql;
import dev.ms5.timescale.jdbc.internal.Tx;
import dev.ms5.timescale.jdbc.internal.plan.Planner;
import dev.ms5.timescale.jdbc.internal.plan.StateReader;
import dev.ms5.timescale.jdbc.internal.plan.TableState;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells, while planning, whether plain tables have rows. It borrows one connection when first asked and keeps
 * it for the other tables; a check that loses its connection fails only that table, and the next check borrows
 * a new one. Only one connection is held at a time, so a pool of one suffices.
 */
final class RowChecker implements Planner.RowCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RowChecker.class);

    private final DataSource dataSource;
    private final StateReader reader;
    private final AdminOptions options;
    private Connection connection;

    RowChecker(DataSource dataSource, StateReader reader, AdminOptions options) {
        this.dataSource = dataSource;
        this.reader = reader;
        this.options = options;
    }

    @Override
    public boolean hasRows(TableState.Relation relation) throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        try {
            return Tx.read(connection, options.lockTimeout(), options.statementTimeout(),
                    c -> reader.hasRows(c, relation));
        } catch (SQLException e) {
            if (Sql.isConnectionFailure(e)) {
                close(e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        close(null);
    }

    private void close(SQLException first) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            if (first != null) {
                first.addSuppressed(e);
            } else {
                LOG.debug("closing the connection of the row checks failed", e);
            }
        } finally {
            connection = null;
        }
    }
}
