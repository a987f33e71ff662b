package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.server.EngineKind;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.testkit.server.ServerProcess;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flipped bit on disk must surface as a clear error naming the file and the page, never as
 * silently wrong rows, and must not take the server down.
 */
class CorruptionTest {

    @TempDir
    Path tmp;

    @Test
    void aFlippedBitInADataPageIsReportedWithFileAndPage() throws Exception {
        Path dataDir = tmp.resolve("data");
        int rows = 5000;
        try (ServerProcess server = ServerProcess.builder(dataDir).start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE victim (id int PRIMARY KEY, body text)");
                insertRows(st, 0, rows);
            }
            server.stop(); // clean shutdown: everything is in the data file, nothing left to redo

            Path file = EngineKind.BTREE.directory(dataDir).resolve(BTreeEngine.DATA_FILE);
            long pageSize = 8192;
            long page;
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                // a page in the middle: a leaf full of rows (the last one holds the commit log, 'x' keys sort after rows)
                page = raf.length() / pageSize / 2;
                long offset = page * pageSize + pageSize / 2;
                raf.seek(offset);
                int b = raf.read();
                raf.seek(offset);
                raf.write(b ^ 0x10);
            }

            server.restart();
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> {
                    try (ResultSet rs = st.executeQuery("SELECT id, body FROM victim")) {
                        while (rs.next()) {
                            assertThat(rs.getString(2)).isEqualTo("body of row " + rs.getInt(1));
                        }
                    }
                }).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("XX001");
                    assertThat(e.getMessage()).contains(BTreeEngine.DATA_FILE).contains(Long.toString(page));
                });
                // the server and the connection are still there
                try (ResultSet rs = st.executeQuery("SELECT 1 + 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
            }
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void aFlippedBitInAnSstableDataBlockIsReportedWithFileAndOffset() throws Exception {
        Path dataDir = tmp.resolve("lsm-data");
        try (ServerProcess server = ServerProcess.builder(dataDir).args("--engine", "lsm", "--lsm-memtable-size", "65536").start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE victim (id int PRIMARY KEY, body text)");
                for (int batch = 0; batch < 10; batch++) {
                    insertRows(st, batch * 500, (batch + 1) * 500);
                }
            }
            server.stop();

            Path sst;
            try (var files = java.nio.file.Files.list(EngineKind.LSM.directory(dataDir))) {
                sst = files.filter(f -> f.getFileName().toString().endsWith(".sst"))
                        .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
            }
            try (RandomAccessFile raf = new RandomAccessFile(sst.toFile(), "rw")) {
                long offset = 100; // inside the first data block
                raf.seek(offset);
                int b = raf.read();
                raf.seek(offset);
                raf.write(b ^ 0x01);
            }

            server.restart();
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> {
                    try (ResultSet rs = st.executeQuery("SELECT id, body FROM victim")) {
                        while (rs.next()) {
                            assertThat(rs.getString(2)).isEqualTo("body of row " + rs.getInt(1));
                        }
                    }
                }).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("XX001");
                    assertThat(e.getMessage()).contains(sst.getFileName().toString()).contains("offset");
                });
                try (ResultSet rs = st.executeQuery("SELECT 1 + 1")) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(server.isAlive()).isTrue();
        }
    }

    /** Inserts rows {@code from} (inclusive) to {@code to} (exclusive) in one statement. */
    private static void insertRows(Statement st, int from, int to) throws SQLException {
        StringBuilder insert = new StringBuilder("INSERT INTO victim VALUES ");
        for (int i = from; i < to; i++) {
            insert.append(i == from ? "" : ",").append("(").append(i).append(", 'body of row ").append(i).append("')");
        }
        st.execute(insert.toString());
    }

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple",
                "shale", "");
    }
}
