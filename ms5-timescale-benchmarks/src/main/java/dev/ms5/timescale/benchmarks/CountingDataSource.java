package dev.ms5.timescale.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A data source whose connections count the statements they send to the server, placed between a pool and the
 * driver so that the pool's own statements are counted too.
 *
 * <p>Counted, one each, as PostgreSQL's JDBC driver (42.7) sends them (checked against the server's statement
 * log):
 * <ul>
 *     <li>{@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate} of a
 *     {@code Statement}, {@code PreparedStatement} or {@code CallableStatement}; {@code executeBatch} counts one per
 *     batched entry;</li>
 *     <li>the {@code BEGIN} the driver sends before the first statement of a transaction when auto-commit is
 *     off;</li>
 *     <li>{@code COMMIT} and {@code ROLLBACK}, from {@code commit()}, {@code rollback()} or
 *     {@code setAutoCommit(true)}, when a transaction is open (otherwise the driver sends nothing);</li>
 *     <li>{@code SHOW TRANSACTION ISOLATION LEVEL} from {@code getTransactionIsolation()} and
 *     {@code SET SESSION CHARACTERISTICS ...} from {@code setTransactionIsolation(...)}, which the driver sends on
 *     every call;</li>
 *     <li>the empty statement of {@code isValid(...)}.</li>
 * </ul>
 * Not counted: the driver's {@code SET application_name} when a connection opens (before any benchmark call), and
 * statements sent through the driver's own API after {@code unwrap} (COPY), which the library's policy calls do
 * not use. {@code setReadOnly} and {@code setAutoCommit(false)} send nothing in this driver.
 */
public final class CountingDataSource implements DataSource {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate");
    private static final Set<String> BATCH = Set.of("executeBatch", "executeLargeBatch");

    private final DataSource delegate;
    private final StatementCounter counter;

    /**
     * Wraps a data source.
     *
     * @param delegate the driver's data source
     * @param counter  where the statements are counted
     */
    public CountingDataSource(DataSource delegate, StatementCounter counter) {
        this.delegate = delegate;
        this.counter = counter;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return wrap(delegate.getConnection(user, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class ConnectionHandler implements InvocationHandler {

        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "commit", "rollback" -> countIfOpen();
                case "setAutoCommit" -> {
                    if ((Boolean) args[0] && !connection.getAutoCommit()) {
                        countIfOpen();
                    }
                }
                case "getTransactionIsolation", "setTransactionIsolation", "isValid" -> counter.add(1);
                default -> {
                }
            }
            Object result = CountingDataSource.invoke(method, connection, args);
            if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {method.getReturnType()},
                        new StatementHandler(connection, statement));
            }
            return result;
        }

        private void countIfOpen() throws SQLException {
            if (state(connection) != TransactionState.IDLE) {
                counter.add(1);
            }
        }
    }

    private final class StatementHandler implements InvocationHandler {

        private final Connection connection;
        private final Statement statement;
        private long batched;

        StatementHandler(Connection connection, Statement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batched++;
            } else if (name.equals("clearBatch")) {
                batched = 0;
            } else if (EXECUTE.contains(name) || BATCH.contains(name)) {
                long sent = BATCH.contains(name) ? batched : 1;
                if (sent > 0 && !connection.getAutoCommit() && state(connection) == TransactionState.IDLE) {
                    counter.add(1); // the driver's BEGIN
                }
                counter.add(sent);
                batched = 0;
            }
            return CountingDataSource.invoke(method, statement, args);
        }
    }

    private static TransactionState state(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState();
    }
}
