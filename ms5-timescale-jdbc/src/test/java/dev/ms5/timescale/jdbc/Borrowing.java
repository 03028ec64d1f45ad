package dev.ms5.timescale.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A DataSource that hands out connections as a pool would and notes in what state each came back: every borrow
 * a new connection with the pool's auto-commit default, or always the same physical connection (a pool that
 * does not check its connections), whose {@code close()} then only gives it back.
 */
final class Borrowing {

    /** A connection's state when the borrower closed it. */
    record Returned(boolean autoCommit, TransactionState transaction) {
    }

    private final DataSource delegate;
    private final boolean autoCommit;
    private final Connection shared;
    private final List<Returned> returned = new CopyOnWriteArrayList<>();
    private int borrowed;

    private Borrowing(DataSource delegate, boolean autoCommit, Connection shared) {
        this.delegate = delegate;
        this.autoCommit = autoCommit;
        this.shared = shared;
    }

    /** Every borrow opens a connection, set to this auto-commit as a pool's default. */
    static Borrowing fresh(DataSource delegate, boolean autoCommit) {
        return new Borrowing(delegate, autoCommit, null);
    }

    /** Every borrow gets the same physical connection. */
    static Borrowing single(DataSource delegate) throws SQLException {
        return new Borrowing(delegate, true, delegate.getConnection());
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? borrow()
                        : invoke(method, delegate, args));
    }

    /** How many connections were borrowed. */
    synchronized int borrowed() {
        return borrowed;
    }

    /** The state of each connection when it was given back, in order. */
    List<Returned> returned() {
        return returned;
    }

    /** The physical connection a single-connection source hands out. */
    Connection shared() {
        return shared;
    }

    private synchronized Connection borrow() throws SQLException {
        Connection connection = shared != null ? shared : delegate.getConnection();
        if (shared == null) {
            connection.setAutoCommit(autoCommit);
        }
        borrowed++;
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? giveBack(connection)
                        : invoke(method, connection, args));
    }

    private Object giveBack(Connection connection) throws SQLException {
        boolean open = !connection.isClosed();
        returned.add(new Returned(open && connection.getAutoCommit(),
                open ? connection.unwrap(BaseConnection.class).getTransactionState() : null));
        if (shared == null) {
            connection.close();
        }
        return null;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
