package io.shaledb.server.extended;

import static io.shaledb.testkit.client.PgRawClient.bind;
import static io.shaledb.testkit.client.PgRawClient.cancelRequest;
import static io.shaledb.testkit.client.PgRawClient.copyData;
import static io.shaledb.testkit.client.PgRawClient.copyDone;
import static io.shaledb.testkit.client.PgRawClient.execute;
import static io.shaledb.testkit.client.PgRawClient.flush;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session-level parts of the protocol, byte by byte against a real server: CancelRequest and
 * statement_timeout stopping long scans, joins, sorts and aggregates with 57014; ParameterStatus
 * when a reported setting changes (SET, SET LOCAL, set_config, RESET, startup parameters);
 * NoticeResponse under client_min_messages; Bind errors and their recovery at Sync; Flush; COPY
 * run by Execute; a suspended portal fetched in pieces and closed by COMMIT.
 */
class ProtocolSessionTest {
    @TempDir
    static Path tmp;
    private static ShaleServer server;

    /** Queries that run for minutes unless stopped: nested loop, hash join, sort, aggregate. */
    private static final String[] LONG_QUERIES = {
        "SELECT count(*) FROM w a, w b, w c",
        "SELECT count(*) FROM w a JOIN w b ON a.k = b.k JOIN w c ON b.k = c.k JOIN w d ON c.k = d.k",
        "SELECT x FROM (SELECT a.s || b.s || c.s AS x FROM w a, w b, w c) q ORDER BY x LIMIT 1",
        "SELECT count(DISTINCT a.s || b.s || c.s) FROM w a, w b, w c",
    };

    @BeforeAll
    static void start() throws IOException {
        server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
        try (PgRawClient c = connect()) {
            c.send(query("CREATE TABLE w (id int PRIMARY KEY, k int, s text);"
                    + " INSERT INTO w SELECT g, g % 10, md5(g::text) FROM generate_series(1, 1000) g;"
                    + " CREATE TABLE c (id int, v text)"));
            assertThat(types(c.readUntilReady())).doesNotContain("E");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aCancelRequestOnASecondConnectionStopsTheRunningQuery(int shape) throws Exception {
        try (PgRawClient c = new PgRawClient(server.pgPort(), 60_000)) {
            int[] key = backendKey(c.startup("raw", "db"));
            c.send(query(LONG_QUERIES[shape]));
            Thread.sleep(300);
            long sent = System.nanoTime();
            try (PgRawClient canceller = new PgRawClient(server.pgPort())) {
                canceller.send(cancelRequest(key[0], key[1]));
                assertThat(canceller.closedByServer()).isTrue(); // PostgreSQL never answers a CancelRequest
            }
            List<Msg> reply = c.readUntilReady();
            long millis = (System.nanoTime() - sent) / 1_000_000;
            Msg error = reply.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
            assertThat(error.fields()).containsEntry('C', "57014").containsEntry('M', "canceling statement due to user request");
            assertThat(millis).as("time from CancelRequest to the error").isLessThan(10_000);
            // the session carries on, and a cancel that arrives while idle changes nothing
            try (PgRawClient canceller = new PgRawClient(server.pgPort())) {
                canceller.send(cancelRequest(key[0], key[1]));
                canceller.closedByServer();
            }
            c.send(query("SELECT count(*) FROM w"));
            assertThat(c.readUntilReady().get(1).values()).containsExactly("1000");
        }
    }

    @Test
    void aCancelRequestWithTheWrongKeyIsIgnored() throws Exception {
        try (PgRawClient c = new PgRawClient(server.pgPort(), 30_000)) {
            int[] key = backendKey(c.startup("raw", "db"));
            c.send(query("SET statement_timeout = 1500; " + LONG_QUERIES[0]));
            Thread.sleep(200);
            try (PgRawClient canceller = new PgRawClient(server.pgPort())) {
                canceller.send(cancelRequest(key[0], key[1] + 1));
                canceller.closedByServer();
            }
            Msg error = c.readUntilReady().stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
            assertThat(error.fields().get('M')).isEqualTo("canceling statement due to statement timeout");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void statementTimeoutStopsLongQueries(int shape) throws IOException {
        try (PgRawClient c = new PgRawClient(server.pgPort(), 60_000)) {
            c.startup("raw", "db");
            c.send(query("SET statement_timeout = '250ms'"));
            c.readUntilReady();
            long start = System.nanoTime();
            c.send(query(LONG_QUERIES[shape]));
            List<Msg> reply = c.readUntilReady();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Msg error = reply.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
            assertThat(error.fields()).containsEntry('C', "57014").containsEntry('M', "canceling statement due to statement timeout");
            assertThat(millis).isLessThan(10_000);
            // in the extended protocol too
            c.send(parse("", LONG_QUERIES[shape]), bind("", ""), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12EZ");
            assertThat(reply.get(2).fields()).containsEntry('C', "57014");
        }
    }

    @Test
    void reportedSettingsAreAnnouncedWhenTheyChange() throws IOException {
        try (PgRawClient c = new PgRawClient(server.pgPort(), 10_000)) {
            c.send(PgRawClient.startupPacket(196608, "user", "raw", "database", "db", "application_name", "first",
                    "TimeZone", "Europe/Paris", "DateStyle", "ISO", "options", "-c search_path=app,public --extra-float-digits=3"));
            Map<String, String> startup = parameterStatus(c.readUntilReady());
            assertThat(startup).containsEntry("application_name", "first").containsEntry("TimeZone", "Europe/Paris")
                    .containsEntry("DateStyle", "ISO, MDY").containsEntry("client_encoding", "UTF8");
            c.send(query("SHOW search_path; SHOW extra_float_digits"));
            List<Msg> shown = c.readUntilReady();
            assertThat(shown.get(1).values()).containsExactly("app,public"); // as given, like PostgreSQL
            assertThat(shown.get(4).values()).containsExactly("3");

            c.send(query("SET application_name = 'second'"));
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("CSZ"); // PostgreSQL 14+: right before ReadyForQuery
            assertThat(parameterStatus(reply)).containsExactly(Map.entry("application_name", "second"));

            c.send(query("SET extra_float_digits = 2")); // not a reported setting
            assertThat(types(c.readUntilReady())).isEqualTo("CZ");

            c.send(query("BEGIN; SET LOCAL TimeZone = 'UTC'"));
            assertThat(parameterStatus(c.readUntilReady())).containsExactly(Map.entry("TimeZone", "UTC"));
            c.send(query("COMMIT"));
            assertThat(parameterStatus(c.readUntilReady())).containsExactly(Map.entry("TimeZone", "Europe/Paris"));

            c.send(query("BEGIN; SET application_name = 'rolled back'; ROLLBACK"));
            assertThat(types(c.readUntilReady())).isEqualTo("CCCZ"); // nothing changed in the end

            c.send(query("SELECT set_config('application_name', 'third', false)"));
            reply = c.readUntilReady();
            assertThat(reply.get(1).values()).containsExactly("third");
            assertThat(parameterStatus(reply)).containsExactly(Map.entry("application_name", "third"));

            c.send(query("RESET application_name; SET IntervalStyle = iso_8601; SET DateStyle = 'SQL, DMY'"));
            assertThat(parameterStatus(c.readUntilReady())).containsExactly(Map.entry("application_name", "first"),
                    Map.entry("DateStyle", "SQL, DMY"), Map.entry("IntervalStyle", "iso_8601"));

            // SET LOCAL outside a block: PostgreSQL's WARNING, and nothing lasts
            c.send(query("SET LOCAL application_name = 'x'"));
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("NCZ");
            assertThat(reply.getFirst().fields()).containsEntry('S', "WARNING").containsEntry('C', "25P01")
                    .containsEntry('M', "SET LOCAL can only be used in transaction blocks");

            // current_setting, with and without missing_ok; set_config(..., true) lasts for the transaction
            c.send(query("BEGIN; SELECT set_config('app.tenant', '42', true), current_setting('app.tenant'),"
                    + " current_setting('app.nope', true); COMMIT; SELECT current_setting('app.tenant', true)"));
            reply = c.readUntilReady();
            assertThat(reply.stream().filter(m -> m.type() == 'D').map(Msg::values).toList())
                    .containsExactly(java.util.Arrays.asList("42", "42", null), java.util.Collections.singletonList(""));
            c.send(query("SELECT current_setting('no_such_setting')"));
            assertThat(c.readUntilReady().stream().filter(m -> m.type() == 'E').findFirst().orElseThrow().fields()).containsEntry('C', "42704")
                    .containsEntry('M', "unrecognized configuration parameter \"no_such_setting\"");
        }
    }

    @Test
    void anUnknownStartupParameterRefusesTheConnection() throws IOException {
        try (PgRawClient c = new PgRawClient(server.pgPort(), 10_000)) {
            c.send(PgRawClient.startupPacket(196608, "user", "raw", "database", "db", "no_such_setting", "1"));
            Msg m = c.read();
            assertThat(m.type()).isEqualTo('E');
            assertThat(m.fields()).containsEntry('S', "FATAL").containsEntry('C', "42704");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void noticesFollowClientMinMessages() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(query("DROP TABLE IF EXISTS nothere"));
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("NCZ");
            assertThat(reply.getFirst().fields()).containsEntry('S', "NOTICE").containsEntry('C', "00000")
                    .containsEntry('M', "table \"nothere\" does not exist, skipping");
            c.send(query("CREATE TABLE IF NOT EXISTS w (id int)"));
            assertThat(c.readUntilReady().getFirst().fields()).containsEntry('C', "42P07")
                    .containsEntry('M', "relation \"w\" already exists, skipping");
            c.send(query("SET client_min_messages = warning; DROP TABLE IF EXISTS nothere; DROP INDEX IF EXISTS nothere"));
            assertThat(types(c.readUntilReady())).isEqualTo("CCCZ");
            c.send(query("SET client_min_messages = notice"));
            c.readUntilReady();
            c.send(parse("", "DROP SEQUENCE IF EXISTS nothere"), bind("", ""), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12NCZ");
            assertThat(reply.get(2).fields()).containsEntry('M', "sequence \"nothere\" does not exist, skipping");
        }
    }

    @Test
    void bindErrorsAreReportedAtBindAndTheBatchRecoversAtSync() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(parse("s", "SELECT id FROM w WHERE id = $1", 23), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("1Z");
            // wrong parameter count
            c.send(bind("", "s", "1", "2"), execute("", 0), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "08P01")
                    .containsEntry('M', "bind message supplies 2 parameters, but prepared statement \"s\" requires 1");
            // a binary int4 of three bytes
            c.send(bind("", "s", new short[] {1}, new byte[][] {{0, 0, 1}}, new short[] {}), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "22P03");
            // a text value int4 cannot read: at Bind, as in PostgreSQL
            c.send(bind("", "s", "abc"), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "22P02")
                    .containsEntry('M', "invalid input syntax for type integer: \"abc\"");
            // and the statement still works
            c.send(bind("", "s", "7"), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("2DCZ");
            assertThat(reply.get(1).values()).containsExactly("7");
        }
    }

    @Test
    void flushSendsWhatIsPendingWithoutEndingTheBatch() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(parse("", "SELECT 41 + 1"), bind("", ""), execute("", 0), flush());
            List<Msg> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(c.read());
            }
            assertThat(types(got)).isEqualTo("12DC");
            assertThat(got.get(2).values()).containsExactly("42");
            c.send(sync());
            assertThat(types(c.readUntilReady())).isEqualTo("Z");
        }
    }

    @Test
    void copyRunsThroughTheExtendedProtocol() throws IOException {
        try (PgRawClient c = connect()) {
            // libpq's way: Parse/Bind/Execute/Sync, then the data, CopyDone and another Sync
            c.send(parse("", "COPY c FROM STDIN"), bind("", ""), execute("", 0), sync());
            assertThat(types(List.of(c.read(), c.read(), c.read()))).isEqualTo("12G");
            c.send(copyData("1\tone\n2\t"), copyData("two\n"), copyDone(), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("CZ");
            assertThat(reply.getFirst().strings()).containsExactly("COPY 2");

            c.send(parse("", "COPY (SELECT * FROM c ORDER BY id) TO STDOUT"), bind("", ""), execute("", 0), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12HddcCZ");
            assertThat(new String(reply.get(3).body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("1\tone\n");

            // a failing COPY discards up to the Sync; the data that follows is ignored
            c.send(parse("", "COPY c FROM STDIN"), bind("", ""), execute("", 0), sync());
            assertThat(types(List.of(c.read(), c.read(), c.read()))).isEqualTo("12G");
            c.send(copyData("x\tbad\n"), copyDone(), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "22P02");
            c.send(query("SELECT count(*) FROM c"));
            assertThat(c.readUntilReady().get(1).values()).containsExactly("2");
        }
    }

    @Test
    void aSuspendedPortalIsFetchedInPiecesAndClosedByCommit() throws IOException {
        try (PgRawClient c = connect()) {
            c.send(query("BEGIN"));
            c.readUntilReady();
            c.send(parse("q", "SELECT id FROM w WHERE id <= 7 ORDER BY id"), bind("p", "q"), execute("p", 3), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12DDDsZ");
            c.send(query("SELECT 'in between'")); // another statement while the portal waits
            c.readUntilReady();
            c.send(execute("p", 3), execute("p", 3), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("DDDsDCZ");
            assertThat(reply.get(4).values()).containsExactly("7");
            assertThat(reply.get(5).strings()).containsExactly("SELECT 1");
            c.send(bind("p2", "q"), execute("p2", 2), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("2DDsZ");
            c.send(query("COMMIT"));
            c.readUntilReady();
            c.send(execute("p2", 2), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("EZ");
            assertThat(reply.getFirst().fields()).containsEntry('C', "34000");
        }
    }

    @Test
    void aSuspendedPortalComputesOnlyWhatIsFetched() throws IOException {
        try (PgRawClient c = connect()) {
            long start = System.nanoTime();
            c.send(query("BEGIN"));
            c.readUntilReady();
            // a billion rows: only a lazily run portal can answer the first fetches at once
            c.send(parse("bigq", "SELECT a.id, b.id, c.id FROM w a, w b, w c"), bind("big", "bigq"), execute("big", 5), sync());
            List<Msg> reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("12DDDDDsZ");
            c.send(execute("big", 2), sync());
            reply = c.readUntilReady();
            assertThat(types(reply)).isEqualTo("DDsZ");
            // closing it stops the query; the transaction carries on
            c.send(PgRawClient.close('P', "big"), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("3Z");
            c.send(query("SELECT count(*) FROM w; COMMIT"));
            reply = c.readUntilReady();
            assertThat(reply.get(1).values()).containsExactly("1000");
            assertThat(reply.getLast().body()).containsExactly('I');
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            // so does the end of the transaction, and the end of the connection
            c.send(query("BEGIN"));
            c.readUntilReady();
            c.send(bind("big2", "bigq"), execute("big2", 3), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("2DDDsZ");
            c.send(query("ROLLBACK"));
            assertThat(types(c.readUntilReady())).isEqualTo("CZ");
            c.send(query("BEGIN"));
            c.readUntilReady();
            c.send(bind("big3", "bigq"), execute("big3", 3), sync());
            assertThat(types(c.readUntilReady())).isEqualTo("2DDDsZ");
        }
        try (PgRawClient c = connect()) { // the connection that left mid-portal did not take the server with it
            c.send(query("SELECT count(*) FROM w"));
            assertThat(c.readUntilReady().get(1).values()).containsExactly("1000");
        }
    }

    // ---- helpers ----

    private static PgRawClient connect() throws IOException {
        PgRawClient c = new PgRawClient(server.pgPort(), 30_000);
        c.startup("raw", "db");
        return c;
    }

    private static int[] backendKey(List<Msg> startup) {
        Msg k = startup.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(k.body());
        return new int[] {b.getInt(), b.getInt()};
    }

    private static Map<String, String> parameterStatus(List<Msg> messages) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Msg m : messages) {
            if (m.type() == 'S') {
                out.put(m.strings().get(0), m.strings().get(1));
            }
        }
        return out;
    }
}
