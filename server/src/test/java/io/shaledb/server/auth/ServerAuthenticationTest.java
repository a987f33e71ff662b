package io.shaledb.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.sql.catalog.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** Roles from the SQL catalog behind the server's front door: first start, passwords, TLS, timeouts. */
class ServerAuthenticationTest {
    @TempDir
    Path tmp;

    private static Connection connect(ShaleServer server, String user, String password, String extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale" + extra, props);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void firstStartWritesHbaAndCreatesOneSuperuserThatSurvivesRestarts() throws Exception {
        Path data = tmp.resolve("data");
        ServerConfig config = ServerConfig.defaults().withDataDir(data).withPgPort(0);
        String verifier;
        try (ShaleServer server = ShaleServer.start(config)) {
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("127.0.0.1/32  trust").contains("0.0.0.0/0     scram-sha-256");
            Role shale = server.database().catalog().role(null, "shale");
            assertThat(shale).isNotNull();
            assertThat(shale.superuser()).isTrue();
            assertThat(shale.login()).isTrue();
            assertThat(shale.password()).startsWith("SCRAM-SHA-256$4096:");
            verifier = shale.password();
            try (Connection c = connect(server, "whoever", null, "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT rolname, rolsuper, rolcanlogin FROM pg_roles")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("shale");
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
        try (ShaleServer again = ShaleServer.start(config)) {
            assertThat(again.database().catalog().roles(null)).hasSize(1);
            assertThat(again.database().catalog().role(null, "shale").password()).isEqualTo(verifier);
        }
    }

    @Test
    void catalogRolesLogInWithScramAndMd5AndAlterRoleChangesThePassword() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("pg_hba.conf"), """
                host all alice 127.0.0.1/32 scram-sha-256
                host all bob   127.0.0.1/32 md5
                host all all   127.0.0.1/32 trust
                """);
        try (ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(data).withPgPort(0));
                Connection admin = connect(server, "shale", null, "")) {
            exec(admin, "CREATE ROLE alice LOGIN PASSWORD 'wonderland'");
            exec(admin, "SET password_encryption = 'md5'");
            exec(admin, "CREATE USER bob PASSWORD 'builder'");
            try (Connection c = connect(server, "alice", "wonderland", "")) {
                exec(c, "SELECT 1");
            }
            try (Connection c = connect(server, "bob", "builder", "")) {
                exec(c, "SELECT 1");
            }
            // stored as md5 (the session's password_encryption), alice could not pass scram-sha-256, as in PostgreSQL
            exec(admin, "ALTER ROLE alice PASSWORD 'looking-glass'");
            assertThatThrownBy(() -> connect(server, "alice", "looking-glass", "").close())
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            exec(admin, "RESET password_encryption");
            exec(admin, "ALTER ROLE alice PASSWORD 'looking-glass'");
            assertThatThrownBy(() -> connect(server, "alice", "wonderland", "").close())
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            try (Connection c = connect(server, "alice", "looking-glass", "")) {
                exec(c, "SELECT 1");
            }
            exec(admin, "ALTER ROLE alice NOLOGIN");
            assertThatThrownBy(() -> connect(server, "alice", "looking-glass", "").close())
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getMessage())
                            .contains("role \"alice\" is not permitted to log in"));
            exec(admin, "DROP ROLE bob");
            assertThatThrownBy(() -> connect(server, "bob", "builder", "").close())
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        }
    }

    @Test
    void tlsWithAGeneratedCertificate() throws Exception {
        Path data = tmp.resolve("data");
        ServerConfig config = ServerConfig.defaults().withDataDir(data).withPgPort(0)
                .withSecurity(new ServerConfig.Security(true, null, null, 100));
        try (ShaleServer server = ShaleServer.start(config);
                Connection c = connect(server, "shale", null, "?ssl=true&sslmode=require")) {
            assertThat(Files.exists(data.resolve("server.crt"))).isTrue();
            assertThat(Files.exists(data.resolve("server.key"))).isTrue();
            exec(c, "SELECT 1");
        }
    }

    @Test
    void idleInTransactionTimeoutClosesTheConnectionWith25P03() throws Exception {
        try (ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0));
                Connection c = connect(server, "shale", null, "")) {
            exec(c, "SET idle_in_transaction_session_timeout = '300ms'");
            exec(c, "SELECT 1"); // outside a transaction the timeout does not apply
            Thread.sleep(500);
            exec(c, "BEGIN");
            exec(c, "SELECT 1");
            Thread.sleep(1_000);
            assertThatThrownBy(() -> exec(c, "SELECT 1"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("25P03");
                        assertThat(e.getMessage()).contains("terminating connection due to idle-in-transaction timeout");
                    });
        }
    }
}
