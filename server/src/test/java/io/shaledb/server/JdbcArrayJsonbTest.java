package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgjdbc reads int4[], text[] and jsonb columns from the wire: type OIDs and text forms as PostgreSQL sends them. */
class JdbcArrayJsonbTest {

    @TempDir
    Path tmp;

    @Test
    void pgjdbcReadsArraysAndJsonb() throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0);
        try (ShaleServer server = ShaleServer.start(config)) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple";
            try (Connection c = DriverManager.getConnection(url, "u", "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE d (id int PRIMARY KEY, nums int[], names text[], body jsonb)");
                st.execute("INSERT INTO d VALUES (1, '{1,NULL,3}', ARRAY['a b', 'c', NULL], '{\"b\": [1, 2], \"a\": \"x\"}')");
                try (ResultSet rs = st.executeQuery("SELECT nums, names, body, body ->> 'a' FROM d")) {
                    assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.ARRAY);
                    assertThat(rs.next()).isTrue();
                    Array nums = rs.getArray(1);
                    assertThat((Object[]) nums.getArray()).containsExactly(1, null, 3);
                    assertThat(rs.getString(1)).isEqualTo("{1,NULL,3}");
                    Array names = rs.getArray(2);
                    assertThat((Object[]) names.getArray()).containsExactly("a b", "c", null);
                    assertThat(rs.getString(3)).isEqualTo("{\"a\": \"x\", \"b\": [1, 2]}");
                    assertThat(rs.getString(4)).isEqualTo("x");
                }
            }
        }
    }
}
