package io.shaledb.server.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.client.Psql;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * COPY over the wire against the real server: pgjdbc's CopyManager both ways, a million-row
 * COPY FROM STDIN that streams, CopyFail, bad rows, a client that vanishes mid-copy, COPY inside a
 * multi-statement query, and psql's {@code \copy}.
 */
class CopyProtocolTest {

    @TempDir
    static Path tmp;
    static ShaleServer server;
    static String url;

    @BeforeAll
    static void start() {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
        url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "u", "");
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void copyManagerInAndOutInTextAndCsv() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE cm (id int PRIMARY KEY, name text, score double precision)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long n = copy.copyIn("COPY cm FROM STDIN WITH (FORMAT csv, HEADER true)",
                    new StringReader("id,name,score\n1,plain,1.5\n2,\"with, comma\",\n3,\"multi\nline \"\"quoted\"\"\",-2\n4,,0\n"));
            assertThat(n).isEqualTo(4);
            long m = copy.copyIn("COPY cm (id, name) FROM STDIN", new StringReader("5\ttab\\there\n6\t\\N\n"));
            assertThat(m).isEqualTo(2);

            StringWriter text = new StringWriter();
            assertThat(copy.copyOut("COPY cm TO STDOUT", text)).isEqualTo(6);
            assertThat(text.toString()).isEqualTo("1\tplain\t1.5\n2\twith, comma\t\\N\n3\tmulti\\nline \"quoted\"\t-2\n"
                    + "4\t\\N\t0\n5\ttab\\there\t\\N\n6\t\\N\t\\N\n");
            StringWriter csv = new StringWriter();
            copy.copyOut("COPY (SELECT id, name FROM cm WHERE id <= 3) TO STDOUT (FORMAT csv, HEADER)", csv);
            assertThat(csv.toString()).isEqualTo("id,name\n1,plain\n2,\"with, comma\"\n3,\"multi\nline \"\"quoted\"\"\"\n");
        }
    }

    @Test
    void aMillionRowsStreamIntoTheTableWhileTheClientIsStillSending() throws Exception {
        int rows = 1_000_000;
        AtomicLong seenMidway = new AtomicLong(-1);
        try (Connection c = connect(); Statement st = c.createStatement(); Connection peek = connect();
                Statement peekSt = peek.createStatement()) {
            st.execute("CREATE TABLE big (id int PRIMARY KEY, payload text)");
            peekSt.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
            Reader data = new GeneratedRows(rows, i -> {
                if (i == rows * 3 / 4) {
                    // Three quarters sent, the rest not yet generated: a dirty read shows the server
                    // has been inserting all along rather than buffering the input.
                    try {
                        seenMidway.set(count(peekSt, "big"));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY big FROM STDIN", data, 64 * 1024);
            assertThat(n).isEqualTo(rows);
            assertThat(count(st, "big")).isEqualTo(rows);
        }
        assertThat(seenMidway.get()).isGreaterThan(rows / 4L).isLessThan(rows);
    }

    @Test
    void copyFailAbortsTheWholeCopy() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE cf (id int PRIMARY KEY)");
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY cf FROM STDIN");
            byte[] rows = "1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(rows, 0, rows.length);
            in.flushCopy();
            in.cancelCopy();
            assertThat(count(st, "cf")).isZero();
            st.execute("INSERT INTO cf VALUES (1)"); // no lock or row of the failed copy is left
        }
    }

    @Test
    void badRowsFailWithPostgresCodesAndContextAndInsertNothing() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bad (id int PRIMARY KEY, name text NOT NULL)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertCopyFails(copy, "1\ta\n2\tb\tc\n", "22P04", "extra data after last expected column", "COPY bad, line 2: \"2\tb\tc\"");
            assertCopyFails(copy, "1\ta\n2\n", "22P04", "missing data for column \"name\"", "COPY bad, line 2: \"2\"");
            assertCopyFails(copy, "1\ta\nx\tb\n", "22P02", "invalid input syntax for type integer: \"x\"",
                    "COPY bad, line 2, column id: \"x\"");
            assertCopyFails(copy, "1\ta\n2\t\\N\n", "23502", "null value in column \"name\"", "COPY bad, line 2: \"2\t\\N\"");
            assertCopyFails(copy, "1\ta\n2\tb\n1\tc\n", "23505", "duplicate key value violates unique constraint \"bad_pkey\"",
                    "COPY bad, line 3");
            assertThat(count(st, "bad")).isZero();
            assertThat(copy.copyIn("COPY bad FROM STDIN", new StringReader("1\ta\n"))).isEqualTo(1);
        }
    }

    private static void assertCopyFails(CopyManager copy, String data, String state, String message, String where) {
        assertThatThrownBy(() -> copy.copyIn("COPY bad FROM STDIN", new StringReader(data)))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo(state);
                    assertThat(e.getServerErrorMessage().getMessage()).contains(message);
                    assertThat(e.getServerErrorMessage().getWhere()).startsWith(where);
                });
    }

    @Test
    void aCopyInsideATransactionBlockFollowsItsRules() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE blk (id int PRIMARY KEY)");
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY blk FROM STDIN", new StringReader("1\n2\n"));
            assertThat(count(st, "blk")).isEqualTo(2);
            c.rollback();
            assertThat(count(st, "blk")).isZero();
            copy.copyIn("COPY blk FROM STDIN", new StringReader("1\n"));
            assertThatThrownBy(() -> copy.copyIn("COPY blk FROM STDIN", new StringReader("2\nx\n")))
                    .hasMessageContaining("invalid input syntax");
            assertThatThrownBy(() -> count(st, "blk")).hasMessageContaining("current transaction is aborted");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(st, "blk")).isZero();
        }
    }

    @Test
    void aClientThatDisconnectsMidCopyLeavesNothingBehind() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE gone (id int PRIMARY KEY)");
            try (RawConnection raw = new RawConnection(server.pgPort())) {
                raw.query("COPY gone FROM STDIN");
                assertThat(raw.readUntil('G')).isNotNull();
                raw.copyData("1\n2\n3\n");
                raw.sync(); // ignored during a copy; makes sure the rows were taken
                Thread.sleep(100);
            } // socket closed without CopyDone
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    st.execute("INSERT INTO gone VALUES (1)"); // waits for, then finds no trace of, the copy
                    break;
                } catch (SQLException e) {
                    Thread.sleep(50);
                }
            }
            assertThat(count(st, "gone")).isEqualTo(1);
        }
    }

    @Test
    void aQueryInTheMiddleOfACopyIsAProtocolErrorAndTheConnectionCarriesOn() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE mid (id int PRIMARY KEY)");
            try (RawConnection raw = new RawConnection(server.pgPort())) {
                raw.query("COPY mid FROM STDIN");
                raw.readUntil('G');
                raw.copyData("1\n");
                raw.query("SELECT 1");
                assertThatThrownBy(raw::tagsUntilReady).hasMessageContaining("08P01")
                        .hasMessageContaining("unexpected message type 0x51 during COPY from stdin");
                raw.readUntil('Z');
                raw.query("SELECT 2");
                assertThat(raw.tagsUntilReady()).containsExactly("SELECT 1");
            }
            assertThat(count(st, "mid")).isZero();
        }
    }

    @Test
    void copyIsOneStatementOfAMultiStatementQuery() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ms (id int PRIMARY KEY)");
            try (RawConnection raw = new RawConnection(server.pgPort())) {
                raw.query("INSERT INTO ms VALUES (1); COPY ms FROM STDIN; INSERT INTO ms VALUES (9)");
                raw.readUntil('G'); // after the first INSERT's CommandComplete
                raw.copyData("2\n3\n");
                raw.copyDone();
                assertThat(raw.tagsUntilReady()).containsExactly("COPY 2", "INSERT 0 1");
                raw.query("SELECT 1; COPY ms TO STDOUT; SELECT 2");
                assertThat(raw.tagsUntilReady()).containsExactly("SELECT 1", "COPY 4", "SELECT 1");
            }
            assertThat(count(st, "ms")).isEqualTo(4);
        }
    }

    @Test
    void psqlBackslashCopyBothWays() throws Exception {
        assumeTrue(Psql.available(), "psql is not installed");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE pc (id int PRIMARY KEY, name text)");
        }
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "id,name\n1,one\n2,\"t,wo\"\n3,\n");
        Path out = tmp.resolve("out.txt");
        Psql psql = new Psql(server.pgPort()).with("-v", "ON_ERROR_STOP=1");
        assertThat(psql.command("\\copy pc from '" + in + "' csv header").assertSuccess().stdout()).contains("COPY 3");
        psql.command("\\copy pc to '" + out + "'").assertSuccess();
        assertThat(Files.readString(out)).isEqualTo("1\tone\n2\tt,wo\n3\t\\N\n");
        Psql.Result bad = new Psql(server.pgPort()).command("COPY pc FROM '/etc/passwd'");
        assertThat(bad.stderr()).contains("COPY FROM a file is not supported").contains("\\copy");
    }

    /** A Reader producing "i\tpayload-i\n" rows on demand, calling {@code progress} with each row number. */
    private static final class GeneratedRows extends Reader {
        private final int rows;
        private final java.util.function.IntConsumer progress;
        private int next;
        private String pending = "";
        private int at;

        GeneratedRows(int rows, java.util.function.IntConsumer progress) {
            this.rows = rows;
            this.progress = progress;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (at == pending.length()) {
                if (next == rows) {
                    return -1;
                }
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 1000 && next < rows; k++, next++) {
                    progress.accept(next);
                    sb.append(next).append("\tpayload-").append(next).append('\n');
                }
                pending = sb.toString();
                at = 0;
            }
            int n = Math.min(len, pending.length() - at);
            pending.getChars(at, at + n, buf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {}
    }

    /** Just enough of the protocol to misbehave on purpose. */
    private static final class RawConnection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        RawConnection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
            byte[] params = "user\0u\0database\0db\0\0".getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + params.length);
            out.writeInt(3 << 16);
            out.write(params);
            out.flush();
            readUntil('Z');
        }

        void query(String sql) throws IOException {
            byte[] b = (sql + "\0").getBytes(StandardCharsets.UTF_8);
            out.writeByte('Q');
            out.writeInt(4 + b.length);
            out.write(b);
            out.flush();
        }

        void copyData(String data) throws IOException {
            byte[] b = data.getBytes(StandardCharsets.UTF_8);
            out.writeByte('d');
            out.writeInt(4 + b.length);
            out.write(b);
            out.flush();
        }

        void copyDone() throws IOException {
            out.writeByte('c');
            out.writeInt(4);
            out.flush();
        }

        void sync() throws IOException {
            out.writeByte('S');
            out.writeInt(4);
            out.flush();
        }

        /** Reads messages up to and including one of {@code type}; returns its body. */
        byte[] readUntil(char type) throws IOException {
            while (true) {
                char t = (char) in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (t == 'E') {
                    throw new AssertionError("error: " + new String(body, StandardCharsets.UTF_8));
                }
                if (t == type) {
                    return body;
                }
            }
        }

        /** The CommandComplete tags up to ReadyForQuery. */
        List<String> tagsUntilReady() throws IOException {
            List<String> tags = new ArrayList<>();
            while (true) {
                char t = (char) in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                switch (t) {
                    case 'C' -> tags.add(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                    case 'E' -> throw new AssertionError("error: " + new String(body, StandardCharsets.UTF_8));
                    case 'Z' -> {
                        return tags;
                    }
                    default -> { }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
