package io.shaledb.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.pgwire.auth.FrontDoor;
import io.shaledb.pgwire.auth.GatedFiles;
import io.shaledb.pgwire.auth.ServerTls;
import io.shaledb.testkit.client.PgRawClient;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener is open before its TLS context is made: a client asking for TLS waits for it and
 * gets 'S', never 'N'; when it cannot be made, such a client gets PostgreSQL's FATAL and plain
 * clients carry on.
 */
class TlsInTheBackgroundTest {
    private static final int SSL_REQUEST = 80877103;

    @TempDir
    Path dir;

    @Test
    void anSslRequestWaitsForTheContextAndIsAnsweredS() throws Exception {
        GatedFiles gate = new GatedFiles(dir);
        ServerTls tls = ServerTls.inBackground("test", gate);
        try (PgServer server = start(FrontDoor.open().withTls(tls));
                PgRawClient c = new PgRawClient(server.port(), 300)) {
            c.send(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST).array());
            // no answer while the context is held back (an 'N' now would send the client on in clear)
            assertThatThrownBy(c::readByte).isInstanceOf(SocketTimeoutException.class);
            gate.open();
            c.socket.setSoTimeout(10_000);
            assertThat(c.readByte()).isEqualTo('S');
            try (Connection jdbc = connect(server, "?sslmode=require")) {
                assertThat(selectOne(jdbc)).isEqualTo(1);
            }
        } finally {
            gate.open();
            tls.close();
        }
    }

    @Test
    void whenTlsCannotBeSetUpAnSslRequestGetsFatalF0000AndPlainClientsCarryOn() throws Exception {
        ServerTls tls = ServerTls.inBackground("test", () -> {
            throw new IllegalStateException("could not write a self-signed TLS certificate to /nowhere: disk full");
        });
        try (PgServer server = start(FrontDoor.open().withTls(tls));
                PgRawClient c = new PgRawClient(server.port())) {
            c.send(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST).array());
            PgRawClient.Msg error = c.read();
            assertThat(error.type()).isEqualTo('E');
            assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "F0000")
                    .containsEntry('M', "TLS is unavailable: the server could not set up its certificate and key")
                    .containsEntry('H', "The server log has the details.");
            assertThat(c.closedByServer()).isTrue();

            assertThatThrownBy(() -> connect(server, "?sslmode=require").close()).isInstanceOf(SQLException.class);
            try (Connection jdbc = connect(server, "?sslmode=disable")) {
                assertThat(selectOne(jdbc)).isEqualTo(1);
            }
        } finally {
            tls.close();
        }
    }

    private static PgServer start(FrontDoor door) {
        PgServer server = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), new FakeSessions(), door);
        server.start();
        return server;
    }

    private static Connection connect(PgServer server, String extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "tester");
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "20");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/test" + extra, props);
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
