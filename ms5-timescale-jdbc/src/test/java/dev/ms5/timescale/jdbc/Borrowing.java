package dev.ms5.timescale.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A DataSource that hands out the connections of another as a pool would, and remembers them: each with a
 * chosen auto-commit setting, or always the same one (a pool that does not check its connections), whose
 * {@code close()} then only gives it back.
 */
final class Borrowing {

    private final DataSource delegate;
    private final boolean autoCommit;
    private final Connection shared;
    private final List<Connection> handedOut = new CopyOnWriteArrayList<>();

    private Borrowing(DataSource delegate, boolean autoCommit, Connection shared) {
        this.delegate = delegate;
        this.autoCommit = autoCommit;
        this.shared = shared;
    }

    /** Every borrow opens a connection, set to this auto-commit as a pool's default. */
    static Borrowing fresh(DataSource delegate, boolean autoCommit) {
        return new Borrowing(delegate, autoCommit, null);
    }

    /** Every borrow gets the same physical connection back. */
    static Borrowing single(DataSource delegate) throws SQLException {
        return new Borrowing(delegate, true, delegate.getConnection());
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? borrow()
                        : invoke(method, delegate, args));
    }

    /** The connections handed out, as the writer saw them. */
    List<Connection> handedOut() {
        return handedOut;
    }

    /** The physical connection a single-connection source hands out. */
    Connection shared() {
        return shared;
    }

    private Connection borrow() throws SQLException {
        Connection connection = shared != null ? unclosable(shared) : delegate.getConnection();
        if (shared == null) {
            connection.setAutoCommit(autoCommit);
        }
        handedOut.add(connection);
        return connection;
    }

    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Borrowing.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : invoke(method, connection, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
