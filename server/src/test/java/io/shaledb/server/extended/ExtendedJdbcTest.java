package io.shaledb.server.extended;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PSQLException;

/**
 * pgjdbc in its default mode (extended query protocol, server-side prepared statements, binary
 * transfer) against a real ShaleDB server: every built-in type through a PreparedStatement in
 * text and binary, batches, generated keys, fetch-size cursors, transactions, savepoints, and
 * recovery from errors in the middle of a batch.
 */
class ExtendedJdbcTest {
    @TempDir
    static Path tmp;
    private static ShaleServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id int PRIMARY KEY, v text)");
            s.execute("CREATE TABLE typed (id int PRIMARY KEY, b boolean, i2 smallint, i4 int, i8 bigint, f4 real, f8 double precision,"
                    + " n numeric(12,3), t text, vc varchar(20), bc char(5), by bytea, d date, tm time, ts timestamp,"
                    + " tz timestamptz, iv interval, u uuid, j jsonb, ai int[], at text[])");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Default pgjdbc settings, plus {@code extra} ("prepareThreshold=1&binaryTransfer=true"...). */
    static Connection connect(String extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "u");
        props.setProperty("socketTimeout", "30");
        String url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db" + (extra.isEmpty() ? "" : "?" + extra);
        return DriverManager.getConnection(url, props);
    }

    @Test
    void defaultModeRunsPreparedStatementsPastThePrepareThreshold() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DELETE FROM kv");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO kv VALUES (?, ?)");
                    PreparedStatement sel = c.prepareStatement("SELECT v FROM kv WHERE id = ?")) {
                for (int i = 1; i <= 12; i++) { // the statement becomes a named server-side one at the 5th use
                    ins.setInt(1, i);
                    ins.setString(2, "v" + i);
                    assertThat(ins.executeUpdate()).isEqualTo(1);
                    sel.setInt(1, i);
                    try (ResultSet rs = sel.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("v" + i);
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM kv")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(12);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=1&binaryTransfer=true", "prepareThreshold=1&binaryTransfer=false",
            "prepareThreshold=0"})
    void everyTypeRoundTrips(String settings) throws SQLException {
        int id = Math.abs(settings.hashCode());
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        try (Connection c = connect(settings)) {
            for (int round = 0; round < 3; round++) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM typed WHERE id = ?")) {
                    del.setInt(1, id);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?::interval, ?, ?::jsonb, ?, ?)")) {
                    ins.setInt(1, id);
                    ins.setBoolean(2, true);
                    ins.setShort(3, (short) -7);
                    ins.setInt(4, 123456);
                    ins.setLong(5, 9_000_000_000L);
                    ins.setFloat(6, 1.5f);
                    ins.setDouble(7, -2.25e10);
                    ins.setBigDecimal(8, new BigDecimal("-12345.678"));
                    ins.setString(9, "héllo 'quoted'");
                    ins.setString(10, "varchar");
                    ins.setString(11, "ab");
                    ins.setBytes(12, new byte[] {0, 1, (byte) 0xFF, 10});
                    ins.setObject(13, LocalDate.of(2024, 2, 29));
                    ins.setObject(14, LocalTime.of(13, 14, 15, 123_456_000));
                    ins.setObject(15, LocalDateTime.of(1999, 12, 31, 23, 59, 58, 500_000_000));
                    ins.setObject(16, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
                    // (setObject(PGInterval) looks the type up in pg_type, which ShaleDB does not have yet)
                    ins.setString(17, new PGInterval(1, 2, 3, 4, 5, 6.5).getValue());
                    ins.setObject(18, uuid);
                    ins.setString(19, "{\"b\": [1, 2], \"a\": null}");
                    ins.setArray(20, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                    ins.setArray(21, c.createArrayOf("text", new String[] {"x y", "", "z"}));
                    assertThat(ins.executeUpdate()).isEqualTo(1);
                }
                try (PreparedStatement sel = c.prepareStatement("SELECT * FROM typed WHERE id = ? AND i8 > ? AND b = ?")) {
                    sel.setInt(1, id);
                    sel.setLong(2, 0);
                    sel.setBoolean(3, true);
                    try (ResultSet rs = sel.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt("id")).isEqualTo(id);
                        assertThat(rs.getBoolean("b")).isTrue();
                        assertThat(rs.getShort("i2")).isEqualTo((short) -7);
                        assertThat(rs.getInt("i4")).isEqualTo(123456);
                        assertThat(rs.getLong("i8")).isEqualTo(9_000_000_000L);
                        assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
                        assertThat(rs.getDouble("f8")).isEqualTo(-2.25e10);
                        assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("-12345.678");
                        assertThat(rs.getBigDecimal("n").scale()).isEqualTo(3);
                        assertThat(rs.getString("t")).isEqualTo("héllo 'quoted'");
                        assertThat(rs.getString("vc")).isEqualTo("varchar");
                        assertThat(rs.getString("bc")).isEqualTo("ab   ");
                        assertThat(rs.getBytes("by")).containsExactly(0, 1, 0xFF, 10);
                        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                        assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(13, 14, 15, 123_456_000));
                        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 58, 500_000_000));
                        assertThat(rs.getObject("tz", OffsetDateTime.class).toInstant())
                                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC).toInstant());
                        assertThat(rs.getString("iv")).isEqualTo("1 year 2 mons 3 days 04:05:06.5");
                        assertThat(rs.getObject("u")).isEqualTo(uuid);
                        assertThat(rs.getString("j")).isEqualTo("{\"a\": null, \"b\": [1, 2]}");
                        Array ai = rs.getArray("ai");
                        assertThat((Object[]) ai.getArray()).containsExactly(1, null, 3);
                        assertThat((Object[]) rs.getArray("at").getArray()).containsExactly("x y", "", "z");
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void nullsAndDatesThroughLegacyJdbcTypes() throws SQLException {
        try (Connection c = connect("prepareThreshold=1&binaryTransfer=true");
                PreparedStatement ps = c.prepareStatement("SELECT ?::int AS a, ?::text AS b, ?::date AS c, ?::timestamp AS d, ?::numeric AS e")) {
            for (int round = 0; round < 3; round++) {
                ps.setNull(1, Types.INTEGER);
                ps.setNull(2, Types.VARCHAR);
                ps.setDate(3, Date.valueOf("2001-02-03"));
                ps.setTimestamp(4, Timestamp.valueOf("2001-02-03 04:05:06.789"));
                ps.setBigDecimal(5, new BigDecimal("0.00012"));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1)).isNull();
                    assertThat(rs.getString(2)).isNull();
                    assertThat(rs.getDate(3)).isEqualTo(Date.valueOf("2001-02-03"));
                    assertThat(rs.getTimestamp(4)).isEqualTo(Timestamp.valueOf("2001-02-03 04:05:06.789"));
                    assertThat(rs.getBigDecimal(5)).isEqualTo(new BigDecimal("0.00012"));
                    assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
                }
            }
            ps.close();
            try (PreparedStatement t = c.prepareStatement("SELECT ?::time")) {
                t.setTime(1, Time.valueOf("10:11:12"));
                try (ResultSet rs = t.executeQuery()) {
                    rs.next();
                    assertThat(rs.getTime(1)).isEqualTo(Time.valueOf("10:11:12"));
                }
            }
        }
    }

    @Test
    void numericsOfEveryShapeSurviveBinaryTransfer() throws SQLException {
        String[] values = {"0", "1", "-1", "10000", "9999.9999", "0.0001", "123456789012345678901234567890.5", "-0.5", "100.00"};
        try (Connection c = connect("prepareThreshold=1&binaryTransfer=true");
                PreparedStatement ps = c.prepareStatement("SELECT ?::numeric")) {
            for (String v : values) {
                ps.setBigDecimal(1, new BigDecimal(v));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBigDecimal(1)).as(v).isEqualTo(new BigDecimal(v));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "reWriteBatchedInserts=true"})
    void batchesInsertEveryRow(String settings) throws SQLException {
        try (Connection c = connect(settings); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_" + (settings.isEmpty() ? "plain" : "rewritten") + " (id int PRIMARY KEY, name text)");
            String table = "batch_" + (settings.isEmpty() ? "plain" : "rewritten");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
                for (int i = 0; i < 250; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "n" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertThat(counts).hasSize(250);
                int total = 0;
                for (int n : counts) {
                    total += n == Statement.SUCCESS_NO_INFO ? 1 : n;
                }
                assertThat(total).isEqualTo(250);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM " + table)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(250);
                assertThat(rs.getLong(2)).isEqualTo(249 * 250 / 2);
            }
        }
    }

    @Test
    void generatedKeysComeFromReturning() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gen (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gen (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                List<Long> keys = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    ps.setString(1, "g" + i);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        assertThat(rs.next()).isTrue();
                        keys.add(rs.getLong("id"));
                    }
                }
                assertThat(keys).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gen (name) VALUES (?) RETURNING id, upper(name) AS up")) {
                ps.setString(1, "r");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(8);
                    assertThat(rs.getString("up")).isEqualTo("R");
                }
            }
        }
    }

    @Test
    void fetchSizeSuspendsThePortalInsideATransaction() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE many (id int PRIMARY KEY)");
            s.execute("INSERT INTO many SELECT g FROM generate_series(1, 1000) g");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM many WHERE id > ? ORDER BY id")) {
                ps.setFetchSize(64);
                ps.setInt(1, 10);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    int last = 10;
                    while (rs.next()) {
                        assertThat(rs.getInt(1)).isEqualTo(last + 1);
                        last = rs.getInt(1);
                        n++;
                        if (n == 100) {
                            // another statement while the cursor is open: the portal keeps its place
                            try (Statement other = c.createStatement(); ResultSet count = other.executeQuery("SELECT count(*) FROM many")) {
                                count.next();
                                assertThat(count.getLong(1)).isEqualTo(1000);
                            }
                        }
                    }
                    assertThat(n).isEqualTo(990);
                }
            }
            c.commit();
        }
    }

    @Test
    void transactionsAndSavepoints() throws SQLException {
        try (Connection c = connect("prepareThreshold=1"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE acct (id int PRIMARY KEY, bal int)");
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO acct VALUES (?, ?)")) {
                ins.setInt(1, 1);
                ins.setInt(2, 100);
                ins.executeUpdate();
                Savepoint sp = c.setSavepoint("before_two");
                ins.setInt(1, 2);
                ins.setInt(2, 200);
                ins.executeUpdate();
                c.rollback(sp);
                ins.setInt(1, 3);
                ins.setInt(2, 300);
                ins.executeUpdate();
            }
            c.commit();
            try (PreparedStatement upd = c.prepareStatement("UPDATE acct SET bal = bal + ? WHERE id = ?")) {
                upd.setInt(1, 5);
                upd.setInt(2, 1);
                assertThat(upd.executeUpdate()).isEqualTo(1);
            }
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT id, bal FROM acct ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).isEqualTo(100);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void anErrorMidBatchFailsTheBatchAndTheConnectionRecovers() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE uniq (id int PRIMARY KEY)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO uniq VALUES (?)")) {
                for (int id : new int[] {1, 2, 2, 3}) {
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                assertThatThrownBy(ps::executeBatch).isInstanceOf(BatchUpdateException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM uniq")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the batch ran in one implicit transaction").isZero();
            }
            // in a transaction block: the error fails the block until rollback
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO uniq VALUES (?)")) {
                ps.setInt(1, 1);
                ps.executeUpdate();
                ps.setInt(1, 1);
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(PSQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
                ps.setInt(1, 2);
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(PSQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
                c.rollback();
                ps.setInt(1, 5);
                assertThat(ps.executeUpdate()).isEqualTo(1);
                c.commit();
            }
            c.setAutoCommit(true);
            try (PreparedStatement bad = c.prepareStatement("SELECT * FROM no_such_table WHERE id = ?")) {
                bad.setInt(1, 1);
                assertThatThrownBy(bad::executeQuery).isInstanceOf(PSQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM uniq")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void ddlThatChangesTheResultShapeInvalidatesTheStatement() throws SQLException {
        try (Connection c = connect("prepareThreshold=1"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE shape (id int PRIMARY KEY, a text)");
            s.execute("INSERT INTO shape VALUES (1, 'x')");
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM shape WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
                s.execute("ALTER TABLE shape ADD COLUMN b int");
                // pgjdbc sees 0A000 "cached plan must not change result type", re-prepares and retries
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
                }
            }
        }
    }

    @Test
    void utilityStatementsAndJsonParametersWork() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            try (PreparedStatement ps = c.prepareStatement("SHOW TimeZone"); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotEmpty();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ? AS untyped, length(?) AS len")) {
                ps.setObject(1, "abc", Types.OTHER);
                ps.setString(2, "four");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("abc");
                    assertThat(rs.getInt(2)).isEqualTo(4);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT (?::jsonb) ->> 'k'")) {
                ps.setString(1, "{\"k\": 1}");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("1");
                }
            }
        }
    }

    @Test
    void statementCancelAndQueryTimeoutStopALongQueryWith57014() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE spin (id int PRIMARY KEY, k int)");
            s.execute("INSERT INTO spin SELECT g, g % 7 FROM generate_series(1, 1000) g");
            String endless = "SELECT count(*) FROM spin a, spin b, spin c";
            // Statement.cancel(): pgjdbc opens a second connection and sends a CancelRequest
            Thread canceller = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(500);
                    s.cancel();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.executeQuery(endless)).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(e.getMessage()).contains("canceling statement due to user request");
            });
            canceller.join();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
            // setQueryTimeout: pgjdbc's timer cancels the same way, here through a PreparedStatement
            try (PreparedStatement ps = c.prepareStatement(endless + " WHERE a.k = ?")) {
                ps.setQueryTimeout(1);
                ps.setInt(1, 3);
                assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(PSQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            }
            // statement_timeout, set through set_config
            try (ResultSet rs = s.executeQuery("SELECT set_config('statement_timeout', '300ms', false)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("300ms");
            }
            assertThatThrownBy(() -> s.executeQuery(endless)).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getMessage()).contains("canceling statement due to statement timeout"));
            s.execute("RESET statement_timeout");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM spin")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1000);
            }
        }
    }

    @Test
    void prepareThresholdMinusOneForcesBinaryFromTheFirstExecution() throws SQLException {
        try (Connection c = connect("prepareThreshold=-1");
                PreparedStatement ps = c.prepareStatement("SELECT ?::int8 + 1, ?::numeric * 2, ?::timestamptz, ?::uuid, ?::float8")) {
            UUID u = UUID.randomUUID();
            OffsetDateTime t = OffsetDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000, ZoneOffset.UTC);
            ps.setLong(1, 41);
            ps.setBigDecimal(2, new BigDecimal("1.25"));
            ps.setObject(3, t);
            ps.setObject(4, u);
            ps.setDouble(5, 0.1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(42);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("2.50");
                assertThat(rs.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(t.toInstant());
                assertThat(rs.getObject(4)).isEqualTo(u);
                assertThat(rs.getDouble(5)).isEqualTo(0.1);
            }
        }
    }

    @Test
    void settingsReachTheDriverAndNoticesBecomeWarnings() throws SQLException {
        try (Connection c = connect("ApplicationName=first"); Statement s = c.createStatement()) {
            assertThat(c.getClientInfo("ApplicationName")).isEqualTo("first");
            try (ResultSet rs = s.executeQuery("SHOW application_name")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("first");
            }
            // pgjdbc learns the new value from ParameterStatus
            s.execute("SET application_name = 'second'");
            assertThat(c.getClientInfo("ApplicationName")).isEqualTo("second");
            s.execute("DROP TABLE IF EXISTS no_such_table");
            assertThat((Object) s.getWarnings()).isNotNull();
            assertThat(s.getWarnings().getMessage()).isEqualTo("table \"no_such_table\" does not exist, skipping");
            s.execute("SET client_min_messages = warning");
            s.execute("DROP TABLE IF EXISTS no_such_table");
            assertThat((Object) s.getWarnings()).isNull();
            c.setAutoCommit(false);
            s.execute("SET LOCAL search_path = pg_catalog");
            try (ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("pg_catalog");
            }
            c.commit();
            try (ResultSet rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("\"$user\", public");
            }
        }
    }

    @Test
    void copyManagerCopiesInAndOut() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copied (id int PRIMARY KEY, v text)");
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            long in = copy.copyIn("COPY copied FROM STDIN (FORMAT csv)", new java.io.StringReader("1,one\n2,two\n3,\"th,ree\"\n"));
            assertThat(in).isEqualTo(3);
            java.io.StringWriter out = new java.io.StringWriter();
            long n = copy.copyOut("COPY (SELECT * FROM copied ORDER BY id) TO STDOUT", out);
            assertThat(n).isEqualTo(3);
            assertThat(out.toString()).isEqualTo("1\tone\n2\ttwo\n3\tth,ree\n");
        }
    }

    @Test
    void sslModeRequireCarriesPreparedStatementsCursorsAndCancel() throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("tls")).withPgPort(0)
                .withSecurity(new ServerConfig.Security(true, null, null, 20));
        try (ShaleServer tls = ShaleServer.start(config)) {
            Properties props = new Properties();
            props.setProperty("user", "shale");
            props.setProperty("socketTimeout", "30");
            // sslmode=require refuses to go on in clear, so a working connection is a TLS one
            String url = "jdbc:postgresql://127.0.0.1:" + tls.pgPort() + "/db?sslmode=require&prepareThreshold=-1";
            try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE secret (id int PRIMARY KEY, v text)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO secret VALUES (?, ?)")) {
                    for (int i = 1; i <= 300; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "v" + i);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("SELECT id, v FROM secret WHERE id > ? ORDER BY id")) {
                    ps.setFetchSize(50);
                    ps.setInt(1, 0);
                    try (ResultSet rs = ps.executeQuery()) {
                        int n = 0;
                        while (rs.next()) {
                            n++;
                            assertThat(rs.getString(2)).isEqualTo("v" + rs.getInt(1));
                        }
                        assertThat(n).isEqualTo(300);
                    }
                }
                c.commit();
                Thread canceller = Thread.ofPlatform().start(() -> {
                    try {
                        Thread.sleep(300);
                        s.cancel(); // the CancelRequest goes on a connection of its own, in clear or TLS as pgjdbc likes
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM secret a, secret b, secret c, secret d"))
                        .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
                canceller.join();
                c.rollback();
            }
        }
    }
}
