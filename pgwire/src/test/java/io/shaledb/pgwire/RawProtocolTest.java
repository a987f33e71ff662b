package io.shaledb.pgwire;

import static io.shaledb.testkit.client.PgRawClient.message;
import static io.shaledb.testkit.client.PgRawClient.query;
import static io.shaledb.testkit.client.PgRawClient.startupPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.client.PgRawClient.Msg;
import io.shaledb.testkit.client.PgRawClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Byte-level conversations, many of them hostile. After each test a brand-new connection must
 * still get a normal answer, and no SQL session may be left open.
 */
class RawProtocolTest {
    private static final int PROTOCOL_3_0 = 196608;
    private static FakeSessions sessions;
    private static PgServer server;

    @BeforeAll
    static void startServer() {
        sessions = new FakeSessions();
        server = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), sessions);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void serverStillServesNewConnections() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            assertThat(c.startup()).last().extracting(Msg::type).isEqualTo('Z');
            c.send(query("select 1"));
            List<Msg> reply = c.readUntilReady();
            assertThat(reply).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
            c.send(message('X', new byte[0]));
            assertThat(c.closedByServer()).isTrue();
        }
        awaitTrue("all sessions closed", () -> sessions.live() == 0 && server.connectionCount() == 0);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what
                        + " (live sessions " + sessions.live() + ", connections " + server.connectionCount() + ")");
            }
            Thread.sleep(10);
        }
    }

    private static void assertFatal(PgRawClient c, String code, String messagePart) throws IOException {
        Msg m = c.read();
        assertThat(m.type()).isEqualTo('E');
        Map<Character, String> f = m.fields();
        assertThat(f.get('S')).isEqualTo("FATAL");
        assertThat(f.get('V')).isEqualTo("FATAL");
        assertThat(f.get('C')).isEqualTo(code);
        assertThat(f.get('M')).contains(messagePart);
        assertThat(c.closedByServer()).as("server closes after FATAL").isTrue();
    }

    // ---- startup ----

    @Test
    void startupReportsParametersAndUniqueKeys() throws Exception {
        Map<String, String> status = new HashMap<>();
        int[] pids = new int[2];
        for (int i = 0; i < 2; i++) {
            try (PgRawClient c = new PgRawClient(server.port())) {
                List<Msg> messages = c.startup();
                assertThat(messages.getFirst().type()).isEqualTo('R');
                assertThat(messages.getFirst().int32(0)).isZero();          // AuthenticationOk
                for (Msg m : messages) {
                    if (m.type() == 'S') {
                        status.put(m.strings().get(0), m.strings().get(1));
                    } else if (m.type() == 'K') {
                        pids[i] = m.int32(0);
                    }
                }
                assertThat(messages.getLast().body()).containsExactly('I');  // ReadyForQuery, idle
            }
        }
        assertThat(pids[0]).isPositive().isNotEqualTo(pids[1]);
        assertThat(status).containsEntry("server_version", PgServer.SERVER_VERSION)
                .containsEntry("server_encoding", "UTF8")
                .containsEntry("client_encoding", "UTF8")
                .containsEntry("DateStyle", "ISO, MDY")
                .containsEntry("standard_conforming_strings", "on")
                .containsEntry("integer_datetimes", "on")
                .containsEntry("application_name", "raw")
                .containsEntry("session_authorization", "tester")
                .containsKeys("TimeZone", "IntervalStyle", "is_superuser");
    }

    @Test
    void sslRequestIsAnsweredNAndStartupFollows() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(ByteBuffer.allocate(8).putInt(8).putInt(80877103).array());
            assertThat(c.readByte()).isEqualTo('N');
            assertThat(c.startup()).last().extracting(Msg::type).isEqualTo('Z');
        }
    }

    @Test
    void gssEncRequestThenSslRequestThenStartup() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(ByteBuffer.allocate(8).putInt(8).putInt(80877104).array());
            assertThat(c.readByte()).isEqualTo('N');
            c.send(ByteBuffer.allocate(8).putInt(8).putInt(80877103).array());
            assertThat(c.readByte()).isEqualTo('N');
            assertThat(c.startup()).last().extracting(Msg::type).isEqualTo('Z');
        }
    }

    @Test
    void cancelRequestIsAcceptedAndClosedQuietly() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(ByteBuffer.allocate(16).putInt(16).putInt(80877102).putInt(1234).putInt(5678).array());
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void protocolVersion4IsRefusedWith0A000() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(startupPacket(4 << 16, "user", "tester"));
            assertFatal(c, "0A000", "unsupported frontend protocol 4.0: server supports 3.0 to 3.0");
        }
    }

    @Test
    void protocolVersion2GetsAnErrorItCanRead() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(startupPacket(2 << 16, "user", "tester"));
            byte[] reply = c.readAll();
            assertThat(new String(reply, StandardCharsets.UTF_8))
                    .isEqualTo("EFATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n\0");
        }
    }

    @Test
    void minorVersionAndProtocolOptionsAreNegotiatedDown() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(startupPacket(PROTOCOL_3_0 + 2, "user", "tester", "_pq_.fancy", "1"));
            Msg v = c.read();
            assertThat(v.type()).isEqualTo('v');
            assertThat(v.int32(0)).isEqualTo(PROTOCOL_3_0);
            assertThat(v.int32(4)).isEqualTo(1);
            assertThat(c.readUntilReady()).first().extracting(Msg::type).isEqualTo('R');
        }
    }

    @Test
    void startupWithoutUserIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(startupPacket(PROTOCOL_3_0, "database", "test"));
            assertFatal(c, "28000", "no PostgreSQL user name specified in startup packet");
        }
    }

    @Test
    void foreignClientEncodingIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(startupPacket(PROTOCOL_3_0, "user", "tester", "client_encoding", "LATIN1"));
            assertFatal(c, "22023", "client_encoding");
        }
    }

    // ---- garbage and lies about lengths ----

    @Test
    void garbageInsteadOfStartupIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertFatal(c, "08P01", "invalid length of startup packet");
        }
    }

    @Test
    void startupPacketWithoutTerminatorIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            byte[] body = "user\0tester".getBytes(StandardCharsets.US_ASCII);
            c.send(ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).putInt(PROTOCOL_3_0).put(body).array());
            assertFatal(c, "08P01", "invalid startup packet layout");
        }
    }

    @Test
    void oneGibibyteClaimIsRefusedFromTheHeaderAlone() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("the test JVM heap is smaller than the claimed message, so buffering it would blow up")
                .isLessThan(1L << 30);
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            long start = System.nanoTime();
            c.send(new byte[] {'Q'}, ByteBuffer.allocate(4).putInt(1 << 30).array());
            assertFatal(c, "08P01", "invalid message length");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void lengthBelowFourIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(new byte[] {'Q', 0, 0, 0, 3});
            assertFatal(c, "08P01", "invalid message length");
        }
    }

    @Test
    void negativeLengthIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(new byte[] {'Q', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
            assertFatal(c, "08P01", "invalid message length");
        }
    }

    @Test
    void unknownMessageTypeIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(message('?', new byte[0]));
            assertFatal(c, "08P01", "invalid frontend message type 63");
        }
    }

    @Test
    void resultsOfEarlierQueriesComeBeforeTheFatalError() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(query("select 1"), message('?', new byte[0]));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
            assertFatal(c, "08P01", "invalid frontend message type");
        }
    }

    @Test
    void lengthLargerThanTheDataThenClose() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(new byte[] {'Q'}, ByteBuffer.allocate(4).putInt(100).array(), "select".getBytes(StandardCharsets.US_ASCII));
        } // closes mid-message; @AfterEach checks the session was closed and the server still answers
    }

    @Test
    void disconnectInTheMiddleOfTheHeader() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(new byte[] {'Q', 0, 0});
        }
    }

    @Test
    void disconnectInTheMiddleOfTheStartupPacket() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.send(new byte[] {0, 0, 0, 40, 0, 3, 0, 0, 'u', 's'});
        }
    }

    @Test
    void disconnectInTheMiddleOfAResultAbandonsTheStatement() throws Exception {
        long before = sessions.rowsProduced.get();
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.socket.setReceiveBufferSize(4096);
            c.send(query("generate 20000000"));
            assertThat(c.read().type()).isEqualTo('T');
            c.socket.setSoLinger(true, 0); // reset, like a killed client
        }
        awaitTrue("the abandoned session is closed", () -> sessions.live() == 0);
        assertThat(sessions.rowsProduced.get() - before).as("rows produced for a vanished client").isLessThan(20_000_000);
    }

    @Test
    void aClientThatStopsReadingStallsOnlyItsOwnStatement() throws Exception {
        int rows = 1_000_000;
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(query("generate " + rows));
            // Not reading: socket buffers and the 1 MiB write watermark fill up, then production stops.
            long produced = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (produced != sessions.rowsProduced.get() && System.nanoTime() < deadline) {
                produced = sessions.rowsProduced.get();
                Thread.sleep(250);
            }
            assertThat(produced).as("production is stalled by backpressure").isLessThan(rows);
            // Meanwhile another client is served normally.
            try (PgRawClient other = new PgRawClient(server.port())) {
                other.startup();
                other.send(query("select 1"));
                assertThat(other.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
            }
            // Draining the socket lets the statement finish, with every row intact.
            int dataRows = 0;
            Msg m;
            while ((m = c.read()).type() != 'Z') {
                if (m.type() == 'D') {
                    dataRows++;
                } else if (m.type() == 'C') {
                    assertThat(m.strings()).containsExactly("SELECT " + rows);
                }
            }
            assertThat(dataRows).isEqualTo(rows);
        }
    }

    // ---- well-framed but broken content: an ERROR, and the connection lives on ----

    @Test
    void invalidUtf8InAQueryIsAnErrorNotADisconnect() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(message('Q', new byte[] {'s', 'e', 'l', (byte) 0xFF, (byte) 0xFE, 0}));
            List<Msg> reply = c.readUntilReady();
            assertThat(reply).extracting(Msg::type).containsExactly('E', 'Z');
            assertThat(reply.getFirst().fields()).containsEntry('S', "ERROR").containsEntry('C', "22021")
                    .containsEntry('M', "invalid byte sequence for encoding \"UTF8\": 0xff");
            c.send(query("select 1"));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
        }
    }

    @Test
    void queryWithoutTerminatorIsAnError() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(message('Q', "select 1".getBytes(StandardCharsets.US_ASCII)));
            List<Msg> reply = c.readUntilReady();
            assertThat(reply).extracting(Msg::type).containsExactly('E', 'Z');
            assertThat(reply.getFirst().fields()).containsEntry('C', "08P01").containsEntry('M', "invalid string in message");
        }
    }

    // ---- the simple query cycle ----

    @Test
    void rowDescriptionDataRowAndNulls() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(query("select * from people"));
            List<Msg> reply = c.readUntilReady();
            assertThat(reply).extracting(Msg::type).containsExactly('T', 'D', 'D', 'D', 'C', 'Z');
            ByteBuffer t = ByteBuffer.wrap(reply.getFirst().body());
            assertThat(t.getShort()).isEqualTo((short) 5);
            assertThat(cstring(t)).isEqualTo("id");
            assertThat(t.getInt()).isEqualTo(FakeSessions.PEOPLE_OID);   // table OID
            assertThat(t.getShort()).isEqualTo((short) 1);                // attnum
            assertThat(t.getInt()).isEqualTo(23);                         // int4
            assertThat(t.getShort()).isEqualTo((short) 4);                // typlen
            assertThat(t.getInt()).isEqualTo(-1);                         // typmod
            assertThat(t.getShort()).isEqualTo((short) 0);                // text
            ByteBuffer d = ByteBuffer.wrap(reply.get(2).body());
            assertThat(d.getShort()).isEqualTo((short) 5);
            assertThat(d.getInt()).isEqualTo(1);
            assertThat(d.get()).isEqualTo((byte) '2');
            for (int i = 0; i < 4; i++) {
                assertThat(d.getInt()).isEqualTo(-1);
            }
            assertThat(reply.get(4).strings()).containsExactly("SELECT 3");
        }
    }

    @Test
    void errorFieldsAndEmptyQuery() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(query("select 1; select * from missing"));
            List<Msg> reply = c.readUntilReady();
            assertThat(reply).extracting(Msg::type).containsExactly('T', 'D', 'C', 'E', 'Z');
            assertThat(reply.get(3).fields()).containsEntry('S', "ERROR").containsEntry('V', "ERROR")
                    .containsEntry('C', "42P01").containsEntry('P', "25");
            c.send(query(""));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('I', 'Z');
            c.send(query(" ; "));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('I', 'Z');
        }
    }

    @Test
    void pipelinedQueriesAreAnsweredInOrder() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            byte[][] queries = new byte[200][];
            for (int i = 0; i < queries.length; i++) {
                queries[i] = query(i % 2 == 0 ? "generate " + (i + 1) : "insert into t values (1)");
            }
            c.send(queries);
            for (int i = 0; i < queries.length; i++) {
                List<Msg> reply = c.readUntilReady();
                Msg complete = reply.get(reply.size() - 2);
                assertThat(complete.strings()).containsExactly(i % 2 == 0 ? "SELECT " + (i + 1) : "INSERT 0 1");
            }
        }
    }

    @Test
    void answersBeforeTerminateAreDelivered() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(query("select 1"), query("generate 3"), message('X', new byte[0]));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'D', 'D', 'C', 'Z');
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aSessionWithoutPreparedStatementsGetsOneErrorPerBatchAndResyncsAtSync() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            byte[] parse = message('P', "\0select 1\0\0\0".getBytes(StandardCharsets.US_ASCII));
            byte[] bind = message('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
            byte[] execute = message('E', new byte[] {0, 0, 0, 0, 0});
            c.send(parse, bind, execute, message('S', new byte[0]));
            List<Msg> reply = c.readUntilReady();
            assertThat(reply).extracting(Msg::type).containsExactly('E', 'Z');
            assertThat(reply.getFirst().fields()).containsEntry('C', "0A000")
                    .containsEntry('M', "prepared statements are not supported by this session");
            c.send(query("select 1"));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
            // As in PostgreSQL, everything up to the Sync is discarded after the error, a Query too.
            c.send(parse, query("select 1"), message('S', new byte[0]));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('E', 'Z');
        }
    }

    @Test
    void copyMessagesOutsideCopyAreIgnored() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            c.send(message('d', new byte[] {1, 2, 3}), message('c', new byte[0]), query("select 1"));
            assertThat(c.readUntilReady()).extracting(Msg::type).containsExactly('T', 'D', 'C', 'Z');
        }
    }

    @Test
    void serverCloseTellsClientsWhy() throws Exception {
        FakeSessions own = new FakeSessions();
        PgServer other = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), own);
        other.start();
        try (PgRawClient c = new PgRawClient(other.port())) {
            c.startup();
            other.close();
            assertFatal(c, "57P01", "terminating connection due to administrator command");
        } finally {
            other.close();
        }
        assertThat(own.live()).isZero();
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }
}
