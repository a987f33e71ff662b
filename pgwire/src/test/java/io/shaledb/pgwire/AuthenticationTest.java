package io.shaledb.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.pgwire.auth.FrontDoor;
import io.shaledb.pgwire.auth.HbaConfig;
import io.shaledb.pgwire.auth.RoleDirectory;
import io.shaledb.pgwire.auth.ServerTls;
import io.shaledb.pgwire.auth.TlsFiles;
import io.shaledb.sql.roles.Passwords;
import io.shaledb.testkit.client.PgRawClient;
import io.shaledb.testkit.client.Psql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Passwords, hba rules and TLS with unmodified clients (pgjdbc, psql) against the server on the
 * fake engine: each user name below has its own hba line, so one server covers every method.
 */
class AuthenticationTest {
    private static final String HBA = """
            hostssl all   tlsonly  127.0.0.1/32 scram-sha-256
            host    all   alice    127.0.0.1/32 scram-sha-256
            host    all   alicemd5 127.0.0.1/32 md5
            host    all   bob      127.0.0.1/32 md5
            host    all   bobscram 127.0.0.1/32 scram-sha-256
            host    all   carol    127.0.0.1/32 scram-sha-256
            host    all   dave     127.0.0.1/32 scram-sha-256
            host    all   erin     127.0.0.1/32 password
            host    all   nobody   127.0.0.1/32 reject
            host    open  all      127.0.0.1/32 trust
            """;

    @TempDir
    static Path dir;
    private static PgServer server;
    private static Path certificate;

    @BeforeAll
    static void start() {
        String alice = Passwords.scramVerifier("wonderland");
        String bob = Passwords.md5Verifier("builder", "bob");
        Map<String, RoleDirectory.Credentials> roles = Map.of(
                "tlsonly", role("tlsonly", Passwords.scramVerifier("secret"), null, true),
                "alice", role("alice", alice, null, true),
                "alicemd5", role("alicemd5", Passwords.scramVerifier("wonderland"), null, true),
                "bob", role("bob", bob, null, true),
                "bobscram", role("bobscram", Passwords.md5Verifier("builder", "bobscram"), null, true),
                "carol", role("carol", Passwords.scramVerifier("x"), null, false),
                "dave", role("dave", Passwords.scramVerifier("old"), Instant.parse("2001-01-01T00:00:00Z"), true),
                "erin", role("erin", Passwords.scramVerifier("clear"), null, true));
        Path[] pair = TlsFiles.ensureSelfSigned(dir);
        certificate = pair[0];
        FrontDoor door = new FrontDoor(HbaConfig.parse(HBA, "test"), roles::get, ServerTls.ready(TlsFiles.context(pair[0], pair[1])), 100);
        server = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), new FakeSessions(), door);
        server.start();
    }

    private static RoleDirectory.Credentials role(String name, String verifier, Instant validUntil, boolean login) {
        return new RoleDirectory.Credentials(name, login, false, verifier, validUntil);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect(PgServer s, String user, String password, String database, String extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "20");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/" + database + extra, props);
    }

    private static Connection connect(String user, String password, String extra) throws SQLException {
        return connect(server, user, password, "test", extra);
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertRefused(String user, String password, String extra, String state, String message) {
        assertThatThrownBy(() -> connect(user, password, extra).close())
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo(state);
                    assertThat(e.getServerErrorMessage()).isNotNull();
                    assertThat(e.getServerErrorMessage().getSeverity()).isEqualTo("FATAL");
                    assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(message);
                });
    }

    @Test
    void scramWithTheRightPasswordGetsASession() throws SQLException {
        try (Connection c = connect("alice", "wonderland", "?sslmode=disable")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @Test
    void wrongPasswordMissingPasswordAndExpiredPasswordAre28P01() {
        assertRefused("alice", "rabbit", "?sslmode=disable", "28P01", "password authentication failed for user \"alice\"");
        assertRefused("dave", "old", "?sslmode=disable", "28P01", "password authentication failed for user \"dave\"");
        assertThatThrownBy(() -> connect("alice", null, "?sslmode=disable").close())
                .isInstanceOf(PSQLException.class).hasMessageContaining("password");
    }

    @Test
    void md5WorksAgainstAnMd5VerifierAndFallsBackToScramForAScramOne() throws SQLException {
        try (Connection c = connect("bob", "builder", "?sslmode=disable")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        assertRefused("bob", "buil", "?sslmode=disable", "28P01", "password authentication failed for user \"bob\"");
        try (Connection c = connect("alicemd5", "wonderland", "?sslmode=disable")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        // scram-sha-256 cannot use a password stored as md5, as in PostgreSQL
        assertRefused("bobscram", "builder", "?sslmode=disable", "28P01", "password authentication failed for user \"bobscram\"");
    }

    @Test
    void cleartextPasswordMethod() throws SQLException {
        try (Connection c = connect("erin", "clear", "?sslmode=disable")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        assertRefused("erin", "muddy", "?sslmode=disable", "28P01", "password authentication failed for user \"erin\"");
    }

    @Test
    void noRuleRejectRuleAndNoLoginAre28000() {
        assertRefused("stranger", "x", "?sslmode=disable", "28000",
                "no pg_hba.conf entry for host \"127.0.0.1\", user \"stranger\", database \"test\", no encryption");
        assertRefused("nobody", "x", "?sslmode=disable", "28000",
                "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"nobody\", database \"test\", no encryption");
        assertRefused("carol", "x", "?sslmode=disable", "28000", "role \"carol\" is not permitted to log in");
    }

    @Test
    void trustRuleNeedsNoPassword() throws SQLException {
        try (Connection c = connect(server, "anyone", null, "open", "?sslmode=disable")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @Test
    void hostsslRequiresTlsAndPgjdbcGetsIt() throws SQLException {
        assertRefused("tlsonly", "secret", "?sslmode=disable", "28000",
                "no pg_hba.conf entry for host \"127.0.0.1\", user \"tlsonly\", database \"test\", no encryption");
        try (Connection c = connect("tlsonly", "secret", "?ssl=true&sslmode=require")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        // verify-full: the generated certificate names 127.0.0.1, and the client trusts it as its root
        try (Connection c = connect("tlsonly", "secret", "?sslmode=verify-full&sslrootcert=" + certificate)) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        // TLS through a host rule works as well
        try (Connection c = connect("alice", "wonderland", "?sslmode=require")) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @Test
    void plaintextPipelinedBehindAnSslRequestIsRefused() throws Exception {
        try (PgRawClient c = new PgRawClient(server.port())) {
            byte[] startup = PgRawClient.startupPacket(196608, "user", "alice", "database", "test");
            // one write: the startup packet is already in the server's buffer when it reads the SSLRequest
            c.send(java.nio.ByteBuffer.allocate(8 + startup.length).putInt(8).putInt(80877103).put(startup).array());
            PgRawClient.Msg error = c.read();
            assertThat(error.type()).isEqualTo('E');
            assertThat(new String(error.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("08P01").contains("received unencrypted data after SSL request");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void psqlWithPasswordAndSslmodeRequire() {
        assumeTrue(Psql.available(), "psql is not installed");
        Psql.Result ok = new Psql(server.port()).with("-U", "tlsonly", "-d", "test", "-A", "-t")
                .withEnv("PGPASSWORD", "secret").withEnv("PGSSLMODE", "require").command("select 1");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout().strip()).isEqualTo("1");
        Psql.Result wrong = new Psql(server.port()).with("-U", "alice", "-d", "test")
                .withEnv("PGPASSWORD", "nope").withEnv("PGSSLMODE", "require").command("select 1");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).contains("FATAL:  password authentication failed for user \"alice\"");
        Psql.Result plain = new Psql(server.port()).with("-U", "tlsonly", "-d", "test")
                .withEnv("PGPASSWORD", "secret").withEnv("PGSSLMODE", "disable").command("select 1");
        assertThat(plain.stderr()).contains("no pg_hba.conf entry for host \"127.0.0.1\", user \"tlsonly\", database \"test\", no encryption");
    }

    @Test
    void theConnectionAfterMaxConnectionsGets53300() throws SQLException {
        PgServer small = new PgServer(PgServerConfig.defaults().withPort(0).withWorkerThreads(1), new FakeSessions(),
                FrontDoor.open().withMaxConnections(2));
        small.start();
        List<Connection> open = new ArrayList<>();
        try {
            open.add(connect(small, "u", null, "test", ""));
            open.add(connect(small, "u", null, "test", ""));
            assertThatThrownBy(() -> connect(small, "u", null, "test", "").close())
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("53300");
                        assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("sorry, too many clients already");
                    });
            open.remove(0).close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) { // the slot is given back once the server has seen the close
                try (Connection c = connect(small, "u", null, "test", "")) {
                    assertThat(selectOne(c)).isEqualTo(1);
                    break;
                } catch (PSQLException e) {
                    if (!"53300".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
            small.close();
        }
    }
}
