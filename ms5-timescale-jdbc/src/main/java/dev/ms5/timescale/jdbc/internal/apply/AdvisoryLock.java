package dev.ms5.timescale.jdbc.internal.apply;

import dev.ms5.timescale.jdbc.internal.Interrupted;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The transaction-scoped advisory lock under which one table's policies are applied, so that instances booting
 * at the same moment apply each table once. It is taken with {@code pg_try_advisory_xact_lock} and retried up
 * to a deadline, never waited for in the server: a stuck holder makes that table fail, naming the holder,
 * instead of hanging boot.
 */
final class AdvisoryLock {

    /** The high 32 bits of every key: "MS5T", so the library's locks are recognisable in {@code pg_locks}. */
    private static final long NAMESPACE = 0x4D533554L;
    private static final String HOLDER = """
            SELECT a.pid, a.application_name, a.client_addr, a.state, a.xact_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database
                  WHERE datname = current_database())
              AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid AND l.objsubid = 1""";

    private AdvisoryLock() {
    }

    /**
     * Takes the lock of a table in the connection's transaction, retrying until the deadline.
     *
     * @param connection a connection inside a transaction
     * @param oid        the table's OID, which keys the lock
     * @param deadline   how long to keep trying
     * @return empty when taken; otherwise who holds it
     * @throws SQLException when the server cannot be asked
     */
    static Optional<String> take(Connection connection, long oid, Duration deadline) throws SQLException {
        long key = (NAMESPACE << 32) | oid;
        long end = System.nanoTime() + deadline.toNanos();
        long pause = 20;
        try (PreparedStatement attempt = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            attempt.setLong(1, key);
            while (true) {
                try (ResultSet rs = attempt.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return Optional.of(holder(connection, oid));
                }
                sleep(Math.min(Duration.ofNanos(left).toMillis() + 1,
                        pause + ThreadLocalRandom.current().nextLong(pause)));
                pause = Math.min(pause * 2, 500);
            }
        }
    }

    private static String holder(Connection connection, long oid) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(HOLDER)) {
            query.setLong(1, NAMESPACE);
            query.setLong(2, oid);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return "a session that has released it since";
                }
                return "session pid " + rs.getInt(1) + " (application '" + rs.getString(2) + "', client "
                        + (rs.getString(3) == null ? "local" : rs.getString(3)) + ", state " + rs.getString(4)
                        + ", transaction started " + rs.getObject(5) + ")";
            }
        }
    }

    private static void sleep(long millis) throws SQLException {
        Interrupted.sleep(millis, "the policy lock");
    }
}
