package io.shaledb.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.Engines;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TxnOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ANALYZE end to end: stored statistics across restarts, DROP, activity counters and autoanalyze. */
class StatisticsTest {

    private static List<String> rows(SqlSession s, String sql) {
        return CollectedRows.asText(s, sql);
    }

    private static void exec(SqlSession s, String sql) {
        CollectedRows.of(s, sql);
    }

    @Test
    void statisticsSurviveARestartAndGoWithTheTable() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            exec(s, "CREATE TABLE t (id int PRIMARY KEY, k text, ts timestamptz, n numeric, a int[])");
            exec(s, "INSERT INTO t SELECT g, 'k' || (g % 3), TIMESTAMPTZ '2024-01-01 00:00+00' + g * INTERVAL '1 day',"
                    + " g / 4.0, ARRAY[g % 2] FROM generate_series(1, 30) g");
            exec(s, "CREATE TABLE gone (a int)");
            exec(s, "INSERT INTO gone VALUES (1), (1)");
            exec(s, "ANALYZE");
        }
        List<String> before;
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            before = rows(s, "SELECT attname, null_frac, n_distinct, most_common_vals, histogram_bounds FROM pg_stats"
                    + " WHERE tablename = 't' ORDER BY attname");
            assertThat(before).hasSize(5).anySatisfy(r -> assertThat(r).startsWith("[k, 0.0, 3.0, {k0,k1,k2}"));
            assertThat(rows(s, "SELECT analyze_count, n_live_tup FROM pg_stat_user_tables WHERE relname = 't'"))
                    .containsExactly("[1, 30]");
            exec(s, "SET TimeZone = 'UTC'");
            assertThat(rows(s, "SELECT histogram_bounds FROM pg_stats WHERE tablename = 't' AND attname = 'ts'"))
                    .singleElement().asString().startsWith("[{\"2024-01-02 00:00:00+00\",");
            exec(s, "DROP TABLE gone");
            TableStats t = db.statistics().store().committed().values().stream()
                    .filter(x -> x.reltuples() == 30).findFirst().orElseThrow();
            assertThat(t.relpages()).isEqualTo(1);
            assertThat(t.column("n").type()).isEqualTo(SqlType.NUMERIC);
            assertThat(t.column("n").histogram()).anySatisfy(v -> assertThat((BigDecimal) v).isEqualByComparingTo("0.25"));
        }
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            assertThat(rows(s, "SELECT attname, null_frac, n_distinct, most_common_vals, histogram_bounds FROM pg_stats"
                    + " WHERE tablename = 't' ORDER BY attname")).isEqualTo(before);
            assertThat(rows(s, "SELECT DISTINCT tablename FROM pg_stats")).containsExactly("[t]");
            assertThat(db.statistics().store().committed()).hasSize(1);
        }
    }

    @Test
    void droppedColumnsAndChangedTablesShowOnlyCurrentColumns() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            exec(s, "CREATE TABLE t (a int, b int, c int)");
            exec(s, "INSERT INTO t VALUES (1, 2, 3), (1, 2, 3)");
            exec(s, "ANALYZE t");
            exec(s, "ALTER TABLE t DROP COLUMN b");
            assertThat(rows(s, "SELECT attname FROM pg_stats ORDER BY attname")).containsExactly("[a]", "[c]");
            // an empty table keeps its column statistics (as PostgreSQL) but counts zero rows
            exec(s, "DELETE FROM t");
            exec(s, "ANALYZE t");
            assertThat(rows(s, "SELECT attname FROM pg_stats ORDER BY attname")).containsExactly("[a]", "[c]");
            assertThat(rows(s, "SELECT n_live_tup FROM pg_stat_user_tables")).containsExactly("[0]");
        }
    }

    @Test
    void modificationsAreCountedWhenTheirTransactionEnds() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            exec(s, "CREATE TABLE t (id int PRIMARY KEY, v int)");
            exec(s, "INSERT INTO t SELECT g, g FROM generate_series(1, 10) g");
            exec(s, "UPDATE t SET v = 0 WHERE id <= 5");
            exec(s, "DELETE FROM t WHERE id <= 2");
            String counters = "SELECT n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup, n_mod_since_analyze"
                    + " FROM pg_stat_user_tables";
            assertThat(rows(s, counters)).containsExactly("[10, 5, 2, 8, 7, 17]");
            exec(s, "BEGIN");
            exec(s, "INSERT INTO t VALUES (100, 1)");
            assertThat(rows(s, counters)).containsExactly("[10, 5, 2, 8, 7, 17]"); // not yet: uncommitted
            exec(s, "ROLLBACK");
            assertThat(rows(s, counters)).containsExactly("[11, 5, 2, 8, 8, 17]"); // a dead row, no modification
            exec(s, "INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET v = 2");
            exec(s, "INSERT INTO t VALUES (3, 1) ON CONFLICT (id) DO UPDATE SET v = 2");
            assertThat(rows(s, counters)).containsExactly("[12, 6, 2, 9, 9, 19]");
            exec(s, "ANALYZE t");
            assertThat(rows(s, counters)).containsExactly("[12, 6, 2, 9, 9, 0]");
            exec(s, "BEGIN");
            exec(s, "INSERT INTO t VALUES (200, 1)");
            exec(s, "TRUNCATE t");
            exec(s, "INSERT INTO t VALUES (300, 1)");
            exec(s, "COMMIT");
            assertThat(rows(s, counters)).containsExactly("[13, 6, 2, 1, 0, 1]");
        }
    }

    @Test
    void autoanalyzeRunsAfterEnoughChanges() throws Exception {
        AutoAnalyzer.Settings fast = AutoAnalyzer.Settings.withNaptime(Duration.ofMillis(50));
        try (SqlDatabase db = new SqlDatabase(Engines.single(new MemoryEngine()), TxnOptions.defaults(), fast);
             SqlSession s = db.openSession()) {
            exec(s, "CREATE TABLE small (id int PRIMARY KEY)");
            exec(s, "INSERT INTO small SELECT g FROM generate_series(1, 40) g"); // below the threshold of 50
            exec(s, "CREATE TABLE t (id int PRIMARY KEY, v int)");
            exec(s, "INSERT INTO t SELECT g, g % 10 FROM generate_series(1, 500) g");
            String query = "SELECT relname, autoanalyze_count, n_mod_since_analyze, last_autoanalyze IS NOT NULL"
                    + " FROM pg_stat_user_tables ORDER BY relname";
            assertThat(waitFor(s, query, List.of("[small, 0, 40, false]", "[t, 1, 0, true]"))).isTrue();
            assertThat(rows(s, "SELECT n_distinct FROM pg_stats WHERE tablename = 't' AND attname = 'v'"))
                    .containsExactly("[10.0]");
            // the next one needs 50 + 0.1 x 500 = 100 changes: 90 are not enough, 20 more are
            exec(s, "UPDATE t SET v = 99 WHERE id <= 90");
            Thread.sleep(300);
            assertThat(rows(s, query)).contains("[t, 1, 90, true]");
            exec(s, "UPDATE t SET v = 99 WHERE id > 480");
            assertThat(waitFor(s, query, List.of("[small, 0, 40, false]", "[t, 2, 0, true]"))).isTrue();
            assertThat(db.statistics().autoAnalyzer().runs()).isEqualTo(2);
        }
    }

    private static boolean waitFor(SqlSession s, String query, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (rows(s, query).equals(expected)) {
                return true;
            }
            Thread.sleep(20);
        }
        assertThat(rows(s, query)).isEqualTo(expected);
        return false;
    }

    @Test
    void codecRoundTripsEveryKindOfValue() {
        ColumnStats ts = ColumnStatsBuilder.build("ts", SqlType.TIMESTAMPTZ, List.of(1L, 1L, 2L, 3L, 4L), 5, 100);
        ColumnStats js = ColumnStatsBuilder.build("j", SqlType.JSONB,
                List.of(io.shaledb.sql.types.Jsonb.parse("{\"a\": 1}"), io.shaledb.sql.types.Jsonb.parse("{\"a\": 1}"),
                        io.shaledb.sql.types.Jsonb.parse("[1, 2]")), 3, 100);
        ColumnStats arr = ColumnStatsBuilder.build("a", SqlType.TEXT_ARRAY,
                List.of(List.of("x", "y z"), List.of("x", "y z"), List.of("q")), 3, 100);
        ColumnStats none = ColumnStatsBuilder.build("n", SqlType.NUMERIC, java.util.Arrays.asList(null, null), 2, 100);
        TableStats t = new TableStats(7, 5, 1, java.time.Instant.ofEpochSecond(1_700_000_000, 123_000), null, 3, 1,
                Map.of("ts", ts, "j", js, "a", arr, "n", none), Map.of("ts", 0, "j", 500));
        TableStats back = StatisticsCodec.decode(StatisticsCodec.encode(t));
        assertThat(back.tableId()).isEqualTo(7);
        assertThat(back.lastAnalyze()).isEqualTo(t.lastAnalyze());
        assertThat(back.lastAutoanalyze()).isNull();
        assertThat(back.analyzeCount()).isEqualTo(3);
        assertThat(back.targets()).isEqualTo(Map.of("ts", 0, "j", 500));
        assertThat(back.target("j", 100)).isEqualTo(500);
        assertThat(back.target("a", 100)).isEqualTo(100);
        for (String c : List.of("ts", "j", "a", "n")) {
            ColumnStats x = t.column(c);
            ColumnStats y = back.column(c);
            assertThat(y.mcvValues()).isEqualTo(x.mcvValues());
            assertThat(y.mcvFreqs()).isEqualTo(x.mcvFreqs());
            assertThat(y.histogram()).isEqualTo(x.histogram());
            assertThat(y.correlation()).isEqualTo(x.correlation());
            assertThat(y.nDistinct()).isEqualTo(x.nDistinct());
            assertThat(y.type()).isEqualTo(x.type());
        }
    }
}
