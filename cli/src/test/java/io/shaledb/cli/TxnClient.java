package io.shaledb.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How the transaction tests talk to a server: pgjdbc over the simple query protocol, the two
 * ways a client can make several statements one transaction, and probes for what the server
 * supports yet.
 *
 * <ul>
 *   <li><b>One query string</b> ({@link #runString}): the statements joined by {@code ;} travel in
 *       one Query message and form one implicit transaction, committed when the string ends and
 *       rolled back entirely on any error, as in PostgreSQL. Always available.
 *   <li><b>An explicit block</b> ({@link #runBlock}): {@code BEGIN}, each statement in its own
 *       round trip, {@code COMMIT}. Only where {@link #explicitBlocksAvailable} says the server
 *       parses {@code BEGIN}; tests skip those variants with a message otherwise.
 *   <li>Lock orders that can deadlock only where {@link #deadlocksDetected} saw the server break
 *       a deadlock with 40P01; otherwise a deadlock would hang the test (or, with
 *       {@code lock_timeout}, fail it) instead of testing the retry.
 * </ul>
 *
 * pgjdbc in {@code preferQueryMode=simple} sends an unparameterised multi-statement string as one
 * Query message; {@link #checkStringIsOneTransaction} proves it on the live server before a test
 * relies on it.
 */
final class TxnClient {
    /** Errors after which a transaction is simply tried again. */
    static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    /** What the server answers to {@code BEGIN} until the transaction statements are parsed. */
    private static final Set<String> NOT_YET = Set.of("0A000", "42601");

    private TxnClient() {}

    static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/shale?preferQueryMode=simple&connectTimeout=10&socketTimeout=120", "shale", "");
    }

    /** Runs one query string (any number of statements) and returns every statement's update count (-1 for queries). */
    static List<Integer> runString(Connection c, String sql) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            boolean isQuery = st.execute(sql);
            while (true) {
                int count = st.getUpdateCount();
                if (!isQuery && count == -1) {
                    return counts;
                }
                counts.add(isQuery ? -1 : count);
                isQuery = st.getMoreResults();
            }
        }
    }

    /**
     * Runs a string of queries and returns, for each result set in order, the first column of its
     * first row as a long (SQL NULL as 0). With REPEATABLE READ set, the queries of one string
     * share one snapshot.
     */
    static List<Long> firstValues(Connection c, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            boolean isQuery = st.execute(sql);
            while (isQuery || st.getUpdateCount() != -1) {
                if (isQuery) {
                    try (var rs = st.getResultSet()) {
                        values.add(rs.next() ? rs.getLong(1) : 0);
                    }
                }
                isQuery = st.getMoreResults();
            }
        }
        return values;
    }

    /** The statements as one implicit transaction: one query string. */
    static void runAsOneString(Connection c, List<String> statements) throws SQLException {
        runString(c, String.join(";\n", statements));
    }

    /**
     * The statements as an explicit block, one round trip each. On an error the block is rolled
     * back (when the connection still stands) and the error rethrown.
     */
    static void runBlock(Connection c, String begin, List<String> statements) throws SQLException {
        runString(c, begin);
        try {
            for (String s : statements) {
                runString(c, s);
            }
            runString(c, "COMMIT");
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    /** ROLLBACK after {@code cause}; a failure to roll back is attached to the cause, never lost. */
    static void rollbackQuietly(Connection c, SQLException cause) {
        if (isConnectionLoss(cause)) {
            return;
        }
        try {
            runString(c, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * True when the server runs {@code BEGIN ... ROLLBACK} blocks; false when it still answers
     * {@code BEGIN} with "not supported" (0A000) or a syntax error (42601).
     */
    static boolean explicitBlocksAvailable(Connection c) throws SQLException {
        try {
            runString(c, "BEGIN");
        } catch (SQLException e) {
            if (NOT_YET.contains(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        runString(c, "ROLLBACK");
        return true;
    }

    /**
     * Sets the session's default isolation level ({@code "serializable"}, ...); false when the
     * server refuses the setting (the test then falls back to its default).
     */
    static boolean setDefaultIsolation(Connection c, String level) throws SQLException {
        try {
            runString(c, "SET default_transaction_isolation = '" + level + "'");
            return true;
        } catch (SQLException e) {
            if (NOT_YET.contains(e.getSQLState()) || "42704".equals(e.getSQLState()) || "22023".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Fails unless a run-time error in the last statement of a string rolls back the first one:
     * the premise of every atomicity assertion that uses {@link #runAsOneString}.
     */
    static void checkStringIsOneTransaction(Connection c, String table, String row, String probeWhere) throws SQLException {
        try {
            runString(c, "INSERT INTO " + table + " VALUES " + row + "; SELECT 1/0");
            throw new AssertionError("SELECT 1/0 did not fail");
        } catch (SQLException e) {
            if (!"22012".equals(e.getSQLState())) {
                throw e;
            }
        }
        if (queryLong(c, "SELECT count(*) FROM " + table + " WHERE " + probeWhere) != 0) {
            throw new AssertionError("the INSERT before a failing statement in the same query string was committed: "
                    + "pgjdbc split the string, or the server does not run one string as one transaction");
        }
    }

    /**
     * Builds a two-transaction deadlock on {@code table} (created here, rows 1 and 2) with explicit
     * blocks and reports whether the server broke it with 40P01. False when it cannot tell: no
     * explicit blocks yet, or the wait ended in a lock timeout (55P03) instead — a lock manager
     * without deadlock detection. Tests use deadlock-prone lock orders only when this is true.
     */
    static boolean deadlocksDetected(int port, String table) throws Exception {
        try (Connection a = connect(port); Connection b = connect(port)) {
            if (!explicitBlocksAvailable(a)) {
                return false;
            }
            runString(a, "CREATE TABLE " + table + " (id int PRIMARY KEY, v int); INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
            runString(a, "SET lock_timeout = 5000");
            runString(b, "SET lock_timeout = 5000");
            runString(a, "BEGIN; UPDATE " + table + " SET v = 1 WHERE id = 1");
            runString(b, "BEGIN; UPDATE " + table + " SET v = 2 WHERE id = 2");
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> stateOf(a, "UPDATE " + table + " SET v = 1 WHERE id = 2"));
            Thread.sleep(200); // let a wait for b's row
            String second = stateOf(b, "UPDATE " + table + " SET v = 2 WHERE id = 1");
            String firstState = first.get(60, TimeUnit.SECONDS);
            runString(a, "ROLLBACK");
            runString(b, "ROLLBACK");
            return "40P01".equals(firstState) || "40P01".equals(second);
        }
    }

    /** Runs {@code sql}; the SQLSTATE it failed with, or "00000". */
    private static String stateOf(Connection c, String sql) {
        try {
            runString(c, sql);
            return "00000";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** The first column of the first row of {@code query} as a long (SQL NULL as 0); fails when there is no row. */
    static long queryLong(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(query)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + query);
            }
            return rs.getLong(1);
        }
    }

    /** A short random pause that grows with the attempts, so retried transactions stop colliding. */
    static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isRetryable(SQLException e) {
        return RETRYABLE.contains(e.getSQLState());
    }

    /** The connection is gone (08xxx), as after the server was killed. */
    static boolean isConnectionLoss(SQLException e) {
        String s = e.getSQLState();
        return s != null && s.startsWith("08");
    }

    /** "SQLSTATE: message" for failure lists. */
    static String describe(SQLException e) {
        return e.getSQLState() + ": " + e.getMessage();
    }
}
