package io.shaledb.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * GRANT / REVOKE seen from pgjdbc: two roles logged in with passwords (SCRAM) get 42501 for what
 * they may not do, their connections stay usable, and the privileges survive a restart.
 */
class PrivilegesJdbcTest {
    @TempDir
    Path tmp;

    private static Connection connect(ShaleServer server, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale", props);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static void denied(Connection c, String sql, String message) {
        assertThatThrownBy(() -> exec(c, sql)).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(message);
        });
    }

    @Test
    void grantsAreEnforcedForPasswordRolesAndSurviveARestart() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("pg_hba.conf"), """
                host all alice 127.0.0.1/32 scram-sha-256
                host all bob   127.0.0.1/32 scram-sha-256
                host all all   127.0.0.1/32 trust
                """);
        ServerConfig config = ServerConfig.defaults().withDataDir(data).withPgPort(0);
        try (ShaleServer server = ShaleServer.start(config); Connection admin = connect(server, "shale", null)) {
            exec(admin, "CREATE ROLE alice LOGIN PASSWORD 'wonderland'");
            exec(admin, "CREATE ROLE bob LOGIN PASSWORD 'builder'");
            exec(admin, "CREATE TABLE accounts (id int PRIMARY KEY, balance int)");
            exec(admin, "INSERT INTO accounts VALUES (1, 100), (2, 200)");
            exec(admin, "GRANT SELECT, UPDATE ON accounts TO alice");

            try (Connection alice = connect(server, "alice", "wonderland"); Connection bob = connect(server, "bob", "builder")) {
                assertThat(one(alice, "SELECT current_user")).isEqualTo("alice");
                assertThat(one(bob, "SELECT session_user")).isEqualTo("bob");
                // alice reads and updates through prepared statements (extended protocol)
                try (PreparedStatement ps = alice.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                    ps.setInt(1, 5);
                    ps.setInt(2, 1);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                assertThat(one(alice, "SELECT balance FROM accounts WHERE id = 1")).isEqualTo("105");
                denied(alice, "DELETE FROM accounts WHERE id = 2", "permission denied for table accounts");
                denied(alice, "INSERT INTO accounts VALUES (3, 0)", "permission denied for table accounts");
                denied(alice, "DROP TABLE accounts", "must be owner of table accounts");
                denied(bob, "SELECT * FROM accounts", "permission denied for table accounts");
                denied(bob, "CREATE TABLE mine (x int)", "permission denied for schema public");
                // the connections stay usable, also after an error inside a transaction block
                assertThat(one(bob, "SELECT has_table_privilege('accounts', 'SELECT')")).isEqualTo("f");
                alice.setAutoCommit(false);
                denied(alice, "TRUNCATE accounts", "permission denied for table accounts");
                alice.rollback();
                alice.setAutoCommit(true);
                assertThat(one(alice, "SELECT count(*) FROM accounts")).isEqualTo("2");

                exec(admin, "GRANT SELECT ON accounts TO bob");
                assertThat(one(bob, "SELECT sum(balance) FROM accounts")).isEqualTo("305");
                exec(admin, "REVOKE SELECT ON accounts FROM bob");
                denied(bob, "SELECT * FROM accounts", "permission denied for table accounts");
            }
        }
        try (ShaleServer server = ShaleServer.start(config);
                Connection alice = connect(server, "alice", "wonderland");
                Connection bob = connect(server, "bob", "builder")) {
            assertThat(one(alice, "SELECT balance FROM accounts WHERE id = 2")).isEqualTo("200");
            denied(alice, "DELETE FROM accounts", "permission denied for table accounts");
            denied(bob, "SELECT * FROM accounts", "permission denied for table accounts");
            assertThat(one(alice, "SELECT has_table_privilege('bob', 'accounts', 'SELECT')")).isEqualTo("f");
            assertThat(io.shaledb.sql.privileges.Acl.relationAcl(server.database().catalog(), null,
                    server.database().catalog().table("accounts").id())).isEqualTo("{shale=arwdDxt/shale,alice=rw/shale}");
            assertThat(io.shaledb.sql.privileges.Acl.relationOwner(server.database().catalog(), null,
                    server.database().catalog().table("accounts").id())).isEqualTo("shale");
            assertThat(one(bob, "SELECT pg_get_userbyid(oid) FROM pg_roles WHERE rolname = 'alice'")).isEqualTo("alice");
            // membership: bob gets alice's privileges, and pg_auth_members' rows are there for the catalog views
            try (Connection admin = connect(server, "shale", null)) {
                exec(admin, "GRANT alice TO bob");
            }
            assertThat(one(bob, "SELECT balance FROM accounts WHERE id = 1")).isEqualTo("105");
            assertThat(io.shaledb.sql.privileges.Acl.memberships(server.database().catalog(), null)).hasSize(1);
        }
    }
}
