package io.shaledb.bench.txn;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's table, {@code accounts(aid int primary key, abalance int)} with rows
 * {@code (1, 0) .. (rows, 0)}, created the same way on every server through pgjdbc in simple query
 * mode: multi-row {@code INSERT ... VALUES} of {@value #BATCH} rows, each its own transaction
 * (neither ShaleDB nor the scripts need {@code COPY} or {@code generate_series}).
 */
public final class AccountsTable {

    /** Rows per INSERT statement. */
    static final int BATCH = 1000;

    private AccountsTable() {}

    /** Drops and recreates the table with {@code rows} rows, checks the count, then vacuums it. */
    public static void load(Endpoint to, int rows) throws IOException {
        try (Connection c = connect(to); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS accounts");
            s.execute("CREATE TABLE accounts (aid int PRIMARY KEY, abalance int)");
            for (int first = 1; first <= rows; first += BATCH) {
                s.execute(insert(first, Math.min(rows, first + BATCH - 1)));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
                long n = rs.next() ? rs.getLong(1) : -1;
                if (n != rows) {
                    throw new IOException("loaded " + rows + " accounts into " + to + " but count(*) says " + n);
                }
            }
            s.execute("VACUUM accounts");
        } catch (SQLException e) {
            throw new IOException("loading accounts into " + to + ": " + describe(e), e);
        }
    }

    /** {@code VACUUM accounts}: each cell starts without the previous cell's dead row versions. */
    public static void vacuum(Endpoint to) throws IOException {
        try (Connection c = connect(to); Statement s = c.createStatement()) {
            s.execute("VACUUM accounts");
        } catch (SQLException e) {
            throw new IOException("VACUUM accounts on " + to + ": " + describe(e), e);
        }
    }

    /** {@code INSERT INTO accounts (aid, abalance) VALUES (first, 0), ..., (last, 0)}. */
    static String insert(int first, int last) {
        StringBuilder sql = new StringBuilder(32 + 12 * (last - first + 1)).append("INSERT INTO accounts (aid, abalance) VALUES ");
        for (int aid = first; aid <= last; aid++) {
            sql.append(aid == first ? "" : ", ").append('(').append(aid).append(", 0)");
        }
        return sql.toString();
    }

    private static Connection connect(Endpoint to) throws SQLException {
        Connection c = DriverManager.getConnection(to.jdbcUrl(), to.user(), "");
        c.setAutoCommit(true);
        return c;
    }

    private static String describe(SQLException e) {
        return e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")";
    }
}
