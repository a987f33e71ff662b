package io.shaledb.pgwire;

import static io.shaledb.testkit.client.PgRawClient.message;
import static io.shaledb.testkit.client.PgRawClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.client.PgRawClient.Msg;
import io.shaledb.testkit.client.PgRawClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every ReadyForQuery carries the session's transaction status: 'I', 'T' or 'E'. */
class TransactionStatusTest {
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

    /** Sends {@code sql} and returns the status byte of the ReadyForQuery that ends the answer. */
    private static char statusAfter(PgRawClient c, String sql) throws Exception {
        c.send(query(sql));
        return status(c.readUntilReady());
    }

    private static char status(List<Msg> reply) {
        Msg ready = reply.getLast();
        assertThat(ready.type()).isEqualTo('Z');
        assertThat(ready.body()).hasSize(1);
        return (char) ready.body()[0];
    }

    @Test
    void theStatusByteFollowsTheSession() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            assertThat(status(c.startup())).isEqualTo('I');
            assertThat(statusAfter(c, "select 1")).isEqualTo('I');
            assertThat(statusAfter(c, "begin")).isEqualTo('T');
            assertThat(statusAfter(c, "select 1")).isEqualTo('T');
            assertThat(statusAfter(c, "fail transaction")).isEqualTo('E');
            assertThat(statusAfter(c, "rollback")).isEqualTo('I');
            // the status after a whole query string is the one its last statement left
            assertThat(statusAfter(c, "select 1; begin; select 1")).isEqualTo('T');
            assertThat(statusAfter(c, "commit")).isEqualTo('I');
            // an error outside a transaction block leaves the session idle
            assertThat(statusAfter(c, "fail transaction")).isEqualTo('I');
        }
    }

    @Test
    void syncAndUnsupportedMessagesReportTheStatusToo() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            c.startup();
            assertThat(statusAfter(c, "begin")).isEqualTo('T');
            c.send(message('S', new byte[0]));
            assertThat(status(c.readUntilReady())).isEqualTo('T');
            c.send(message('F', new byte[0])); // fastpath call: refused, its own cycle
            assertThat(status(c.readUntilReady())).isEqualTo('T');
            assertThat(statusAfter(c, "fail transaction")).isEqualTo('E');
            c.send(message('S', new byte[0]));
            assertThat(status(c.readUntilReady())).isEqualTo('E');
            assertThat(statusAfter(c, "rollback")).isEqualTo('I');
        }
    }
}
