package io.shaledb.server.extended;

import static io.shaledb.testkit.client.PgRawClient.close;
import static io.shaledb.testkit.client.PgRawClient.describe;
import static io.shaledb.testkit.client.PgRawClient.execute;
import static io.shaledb.testkit.client.PgRawClient.message;
import static io.shaledb.testkit.client.PgRawClient.parse;
import static io.shaledb.testkit.client.PgRawClient.query;
import static io.shaledb.testkit.client.PgRawClient.sync;
import static io.shaledb.testkit.client.PgRawClient.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.client.PgRawClient;
import io.shaledb.testkit.client.PgRawClient.Msg;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-built extended-protocol frames against a real server: exactly which messages come back,
 * in which order, for error recovery up to Sync, Describe, Close, the unnamed statement's reuse,
 * row-limited Execute, binary formats and out-of-order messages.
 */
class ExtendedRawProtocolTest {
    @TempDir
    static Path tmp;
    private static ShaleServer server;

    @BeforeAll
    static void start() throws IOException {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
        try (PgRawClient c = connect()) {
            c.send(query("CREATE TABLE t (id int PRIMARY KEY, name text); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')"));
            c.readUntilReady();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void describeOfAStatementInfersParameterTypesAndColumns() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(parse("s1", "SELECT id, name FROM t WHERE id = $1 AND name <> $2 LIMIT $3"), describe('S', "s1"), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("1tTZ");
            ByteBuffer params = ByteBuffer.wrap(reply.get(1).body());
            assertThat(params.getShort()).isEqualTo((short) 3);
            assertThat(new int[] {params.getInt(), params.getInt(), params.getInt()}).containsExactly(23, 25, 20);
            assertThat(reply.get(2).columnTypes()).containsExactly(23, 25);
            // an explicit type in Parse wins over inference; an unconstrained parameter is text
            c.send(parse("s2", "SELECT $1, $2", 20), describe('S', "s2"), sync());
            reply = c.readUntilReady();
            params = ByteBuffer.wrap(reply.get(1).body());
            assertThat(params.getShort()).isEqualTo((short) 2);
            assertThat(new int[] {params.getInt(), params.getInt()}).containsExactly(20, 25);
            // a statement without rows: NoData; an empty one too
            c.send(parse("s3", "UPDATE t SET name = $2 WHERE id = $1"), describe('S', "s3"), parse("", ""), describe('S', ""),
                    sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("1tn1tnZ");
            params = ByteBuffer.wrap(reply.get(1).body());
            assertThat(params.getShort()).isEqualTo((short) 2);
            assertThat(new int[] {params.getInt(), params.getInt()}).containsExactly(23, 25);
        }
    }

    @Test
    void anErrorDiscardsMessagesUntilSync() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(parse("", "SELECT nope FROM t"), bind("", "", new byte[][] {}), execute("", 0),
                    parse("", "SELECT 1"), bind("", "", new byte[][] {}), execute("", 0), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "42703");
            assertThat(reply.getLast().body()).containsExactly('I');
            // the connection is usable again after the Sync
            c.send(parse("", "SELECT name FROM t WHERE id = $1"), bind("", "", new byte[][] {text("2")}), describe('P', ""),
                    execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12TDCZ");
            assertThat(reply.get(3).values()).containsExactly("two");
            assertThat(reply.get(4).strings()).containsExactly("SELECT 1");
        }
    }

    @Test
    void unknownStatementsAndPortalsAreErrors() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(bind("", "missing", new byte[][] {}), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "26000")
                    .containsEntry('M', "prepared statement \"missing\" does not exist");
            c.send(execute("nowhere", 0), sync());
            reply = c.readUntilReady();
            assertThat(reply.getFirst().fields()).containsEntry('C', "34000")
                    .containsEntry('M', "portal \"nowhere\" does not exist");
            c.send(describe('S', "gone"), sync());
            assertThat(c.readUntilReady().getFirst().fields()).containsEntry('C', "26000");
            c.send(parse("dup", "SELECT 1"), parse("dup", "SELECT 2"), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("1EZ");
            assertThat(reply.get(1).fields()).containsEntry('C', "42P05");
            c.send(parse("", "SELECT 1; SELECT 2"), sync());
            assertThat(c.readUntilReady().getFirst().fields()).containsEntry('C', "42601")
                    .containsEntry('M', "cannot insert multiple commands into a prepared statement");
            // a Bind that claims 1000 parameters and carries none: 08P01, then the batch is skipped
            byte[] lying = {0, 'd', 'u', 'p', 0, 0, 0, 1000 >> 8, (byte) (1000 & 0xff)}; // portal "", statement "dup", 0 formats, 1000 values
            c.send(message('B', lying), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "08P01").containsEntry('M', "insufficient data left in message");
            c.send(parse("two", "SELECT $1::int + $2::int"), bind("", "two", new byte[][] {text("1")}), sync());
            assertThat(c.readUntilReady().get(1).fields()).containsEntry('C', "08P01")
                    .containsEntry('M', "bind message supplies 1 parameters, but prepared statement \"two\" requires 2");
        }
    }

    @Test
    void closeForgetsAndTheUnnamedStatementIsReused() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(parse("named", "SELECT 1"), close('S', "named"), close('S', "never-existed"), bind("", "named", new byte[][] {}),
                    sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("133EZ");
            assertThat(reply.get(3).fields()).containsEntry('C', "26000");
            // the unnamed statement is replaced by the next Parse of it; both run
            c.send(parse("", "SELECT 'a'"), bind("", "", new byte[][] {}), execute("", 0),
                    parse("", "SELECT 'b'"), bind("", "", new byte[][] {}), execute("", 0),
                    bind("", "", new byte[][] {}), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12DC12DC2DCZ");
            assertThat(reply.get(2).values()).containsExactly("a");
            assertThat(reply.get(6).values()).containsExactly("b");
            assertThat(reply.get(9).values()).containsExactly("b");
            // closing a portal
            c.send(parse("", "SELECT 1"), bind("p", "", new byte[][] {}), close('P', "p"), execute("p", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("123EZ");
            assertThat(reply.get(3).fields()).containsEntry('C', "34000");
        }
    }

    @Test
    void executeWithARowLimitSuspendsThePortal() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(query("BEGIN"));
            c.readUntilReady();
            c.send(parse("", "SELECT id FROM t ORDER BY id"), bind("cur", "", new byte[][] {}), execute("cur", 2), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12DDsZ");
            assertThat(reply.getLast().body()).containsExactly('T');
            c.send(execute("cur", 2), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("DCZ");
            assertThat(reply.get(0).values()).containsExactly("3");
            assertThat(reply.get(1).strings()).containsExactly("SELECT 1");
            c.send(query("COMMIT"));
            c.readUntilReady();
            // outside a transaction block the portal ends with the batch's implicit transaction
            c.send(parse("", "SELECT id FROM t ORDER BY id"), bind("cur2", "", new byte[][] {}), execute("cur2", 1), sync(),
                    execute("cur2", 1), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12DsZ");
            reply = c.readUntilReady();
            assertThat(reply.getFirst().fields()).containsEntry('C', "34000");
        }
    }

    @Test
    void binaryParametersAndResults() throws IOException {
        try (PgRawClient c = connect()) {
            byte[] four = ByteBuffer.allocate(4).putInt(2).array();
            c.send(parse("", "SELECT id, name, id::bigint * 10 AS big FROM t WHERE id = $1", 23),
                    bindFormats("", "", new short[] {1}, new byte[][] {four}, new short[] {1}), describe('P', ""), execute("", 0), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12TDCZ");
            ByteBuffer row = ByteBuffer.wrap(reply.get(3).body());
            assertThat(row.getShort()).isEqualTo((short) 3);
            assertThat(row.getInt()).isEqualTo(4);
            assertThat(row.getInt()).isEqualTo(2);
            int n = row.getInt();
            byte[] name = new byte[n];
            row.get(name);
            assertThat(new String(name, StandardCharsets.UTF_8)).isEqualTo("two");
            assertThat(row.getInt()).isEqualTo(8);
            assertThat(row.getLong()).isEqualTo(20);
            // a bad binary value: 22P03
            c.send(parse("", "SELECT $1::int", 23), bindFormats("", "", new short[] {1}, new byte[][] {{1, 2}}, new short[] {}),
                    sync());
            assertThat(c.readUntilReady().get(1).fields()).containsEntry('C', "22P03");
        }
    }

    @Test
    void oneSyncBatchIsOneImplicitTransaction() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(query("CREATE TABLE batch (id int PRIMARY KEY)"));
            c.readUntilReady();
            c.send(parse("ins", "INSERT INTO batch VALUES ($1)"),
                    bind("", "ins", new byte[][] {text("1")}), execute("", 0),
                    bind("", "ins", new byte[][] {text("2")}), execute("", 0),
                    bind("", "ins", new byte[][] {text("1")}), execute("", 0),
                    bind("", "ins", new byte[][] {text("3")}), execute("", 0), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12C2C2EZ");
            assertThat(reply.get(2).strings()).containsExactly("INSERT 0 1");
            assertThat(reply.get(6).fields()).containsEntry('C', "23505");
            c.send(query("SELECT count(*) FROM batch"));
            assertThat(c.readUntilReady().get(1).values()).as("the failed batch rolled back as a whole").containsExactly("0");
            c.send(bind("", "ins", new byte[][] {text("1")}), execute("", 0), bind("", "ins", new byte[][] {text("2")}),
                    execute("", 0), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("2C2CZ");
            c.send(query("SELECT count(*) FROM batch"));
            assertThat(c.readUntilReady().get(1).values()).containsExactly("2");
            // an empty statement answers EmptyQueryResponse
            c.send(parse("", "  "), bind("", "", new byte[][] {}), execute("", 0), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("12IZ");
        }
    }

    // ---- frames ----

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bind(String portal, String statement, byte[][] values) {
        return PgRawClient.bind(portal, statement, new short[] {}, values, new short[] {});
    }

    static byte[] bindFormats(String portal, String statement, short[] paramFormats, byte[][] values, short[] resultFormats) {
        return PgRawClient.bind(portal, statement, paramFormats, values, resultFormats);
    }

    /** A raw connection, started up as user raw on database db. */
    private static PgRawClient connect() throws IOException {
        PgRawClient c = new PgRawClient(server.pgPort(), 10_000);
        c.startup("raw", "db");
        return c;
    }
}
