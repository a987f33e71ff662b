package io.shaledb.bench.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite (the xerial JDBC driver's bundled native library) as a key-value store: one
 * {@code WITHOUT ROWID} table whose primary key is the {@code BLOB} key, so the table itself is the
 * B-tree ordered by key (memcmp order, the same as ShaleDB's), and prepared statements reused
 * across calls. Each put is an auto-committed {@code INSERT ... ON CONFLICT DO UPDATE}.
 *
 * <p>Both levels use {@code journal_mode=WAL}. Relaxed: {@code synchronous=OFF} (SQLite never
 * syncs; a crash of the machine, not of the process, can lose recent commits). Durable:
 * {@code synchronous=FULL} (the WAL is synced at every commit).
 */
final class SqliteStore implements KvStore {

    private static final int LOAD_TRANSACTION = 10_000;

    private final Connection connection;
    private final PreparedStatement get;
    private final PreparedStatement put;
    private final PreparedStatement scan;

    SqliteStore(Path dir, Durability durability, long cacheBytes) {
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bench.sqlite"));
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (durability == Durability.DURABLE ? "FULL" : "OFF"));
                s.execute("PRAGMA cache_size=-" + Math.max(1, cacheBytes >> 10)); // negative: KiB
                s.execute("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID");
            }
            get = connection.prepareStatement("SELECT v FROM kv WHERE k = ?");
            put = connection.prepareStatement("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v");
            scan = connection.prepareStatement("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT ?");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            get.setBytes(1, key);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            put.setBytes(1, key);
            put.setBytes(2, value);
            put.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public long scan(byte[] from, int limit) {
        long sum = 0;
        try {
            scan.setBytes(1, from);
            scan.setInt(2, limit);
            try (ResultSet rs = scan.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getBytes(1).length + rs.getBytes(2).length;
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return sum;
    }

    @Override
    public void load(Dataset data, long count) {
        try {
            connection.setAutoCommit(false);
            for (long i = 0; i < count; i++) {
                put.setBytes(1, Dataset.key(i));
                put.setBytes(2, data.value(i));
                put.executeUpdate();
                if ((i + 1) % LOAD_TRANSACTION == 0) {
                    connection.commit();
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        try {
            get.close();
            put.close();
            scan.close();
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(SQLException e) {
        return new IllegalStateException("sqlite: " + e.getMessage(), e);
    }
}
