package dev.ms5.timescale.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A small pool configured as some hosts configure theirs: connections come with auto-commit off and
 * REPEATABLE READ, and are not rolled back or reset on return (Tomcat JDBC's default). On every return it
 * checks that the connection is as it was handed out, and records what was not, so a test can assert that the
 * library gives back what it borrows exactly as it came.
 */
final class StrictPool implements DataSource, AutoCloseable {

    private final PGSimpleDataSource target;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int borrowed;
    private int out;
    private int peak;

    StrictPool(String url) {
        target = new PGSimpleDataSource();
        target.setURL(url);
    }

    /** What was not as handed out when connections came back, one line per difference. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The most connections borrowed at one time. */
    synchronized int peak() {
        return peak;
    }

    /** How many connections were borrowed in all. */
    synchronized int borrowed() {
        return borrowed;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection physical = idle.pollFirst();
        if (physical == null || physical.isClosed()) {
            physical = target.getConnection();
            physical.setAutoCommit(false);
            physical.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            physical.commit();
            all.add(physical);
        }
        borrowed++;
        peak = Math.max(peak, ++out);
        return wrap(physical);
    }

    private Connection wrap(Connection physical) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(StrictPool.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!closed[0]) {
                                closed[0] = true;
                                giveBack(physical);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return closed[0] || physical.isClosed();
                        }
                        case "unwrap" -> {
                            return physical.unwrap((Class<?>) args[0]);
                        }
                        case "isWrapperFor" -> {
                            return physical.isWrapperFor((Class<?>) args[0]);
                        }
                        default -> {
                            if (closed[0]) {
                                throw new SQLException("connection given back to the pool", "08003");
                            }
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private synchronized void giveBack(Connection physical) throws SQLException {
        out--;
        if (physical.isClosed()) {
            return;
        }
        // The transaction state first: the checks below may start a transaction of their own.
        TransactionState state = physical.unwrap(BaseConnection.class).getTransactionState();
        List<String> found = new ArrayList<>();
        if (state != TransactionState.IDLE) {
            found.add("transaction left " + state);
        }
        if (physical.getAutoCommit()) {
            found.add("auto-commit turned on");
        }
        if (physical.isReadOnly()) {
            found.add("read-only turned on");
        }
        if (physical.getNetworkTimeout() != 0) {
            found.add("network timeout left at " + physical.getNetworkTimeout() + " ms");
        }
        if (state == TransactionState.IDLE && !physical.getAutoCommit()) {
            int isolation = physical.getTransactionIsolation();
            physical.rollback();
            if (isolation != Connection.TRANSACTION_REPEATABLE_READ) {
                found.add("isolation changed to " + isolation);
            }
        }
        int pid = physical.unwrap(PGConnection.class).getBackendPID();
        found.forEach(f -> violations.add(f + " (connection " + pid + ")"));
        idle.addFirst(physical);
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection connection : all) {
            connection.close();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
