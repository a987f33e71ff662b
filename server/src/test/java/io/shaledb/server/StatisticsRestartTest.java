package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ANALYZE's statistics are catalog rows of the durable catalog engine: they survive a restart of
 * the server (tables on both engines), a rolled-back ANALYZE leaves nothing, and DROP TABLE takes
 * them along.
 */
class StatisticsRestartTest {

    @TempDir
    Path tmp;

    private static List<String> rows(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    @Test
    void statisticsSurviveARestart() throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0);
        String stats = "SELECT tablename, attname, null_frac, n_distinct, most_common_vals, most_common_freqs, histogram_bounds"
                + " FROM pg_stats ORDER BY tablename, attname";
        List<String> before;
        try (ShaleServer server = ShaleServer.start(config);
             Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple", "u", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE b (id int PRIMARY KEY, k text, d date) USING btree");
            st.execute("CREATE TABLE l (id int PRIMARY KEY, v numeric) USING lsm");
            st.execute("CREATE TABLE gone (a int)");
            st.execute("INSERT INTO b SELECT g, 'k' || (g % 4), DATE '2024-01-01' + g FROM generate_series(1, 300) g");
            st.execute("INSERT INTO l SELECT g, (g % 7) / 2.0 FROM generate_series(1, 500) g");
            st.execute("INSERT INTO gone VALUES (1), (2)");
            st.execute("ANALYZE");
            st.execute("BEGIN");
            st.execute("DELETE FROM b");
            st.execute("ANALYZE b");
            st.execute("ROLLBACK");
            st.execute("DROP TABLE gone");
            before = rows(st, stats);
            assertThat(before).hasSize(5).anySatisfy(r -> assertThat(r).isEqualTo("b|k|0|4|{k0,k1,k2,k3}|{0.25,0.25,0.25,0.25}|null"));
        }
        try (ShaleServer server = ShaleServer.start(config);
             Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/db?preferQueryMode=simple", "u", "");
             Statement st = c.createStatement()) {
            assertThat(rows(st, stats)).isEqualTo(before);
            assertThat(rows(st, "SELECT relname, n_live_tup, analyze_count, last_analyze IS NOT NULL FROM pg_stat_user_tables ORDER BY relname"))
                    .containsExactly("b|300|1|t", "l|500|1|t");
        }
    }
}
