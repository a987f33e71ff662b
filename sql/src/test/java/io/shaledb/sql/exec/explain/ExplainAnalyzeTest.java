package io.shaledb.sql.exec.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN ANALYZE counts what really ran; times are checked by shape only. */
class ExplainAnalyzeTest {
    private static final String TIME = "\\d+\\.\\d{3}";

    private SqlDatabase db;
    private SqlSession s;

    @BeforeEach
    void setUp() {
        db = new SqlDatabase(new MemoryEngine());
        s = db.openSession();
        run("CREATE TABLE t (id int PRIMARY KEY, name text, v numeric)");
        run("CREATE TABLE u (id int, t_id int)");
        run("INSERT INTO t SELECT g, 'n' || g, g FROM generate_series(1, 100) g");
        run("INSERT INTO u SELECT g, g % 10 FROM generate_series(1, 30) g");
    }

    @AfterEach
    void tearDown() {
        s.close();
        db.close();
    }

    private void run(String sql) {
        CollectedRows.of(s, sql);
    }

    private List<String> plan(String sql) {
        return CollectedRows.of(s, sql).stream().map(r -> (String) r[0]).toList();
    }

    @Test
    void timingShowsPerNodeTimesAndTheSummary() {
        List<String> lines = plan("EXPLAIN ANALYZE SELECT count(*) FROM t WHERE v > 50");
        assertThat(lines.get(0)).matches("Aggregate  \\(cost=\\d+\\.\\d\\d\\.\\.\\d+\\.\\d\\d rows=1 width=8\\) "
                + "\\(actual time=" + TIME + "\\.\\." + TIME + " rows=1 loops=1\\)");
        assertThat(lines.get(1)).matches("  ->  Seq Scan on t  \\(cost=.*\\) \\(actual time=" + TIME + "\\.\\." + TIME
                + " rows=50 loops=1\\)");
        assertThat(lines.get(2)).isEqualTo("        Filter: (v > '50'::numeric)");
        assertThat(lines.get(3)).isEqualTo("        Rows Removed by Filter: 50");
        assertThat(lines.get(4)).matches("Planning Time: " + TIME + " ms");
        assertThat(lines.get(5)).matches("Execution Time: " + TIME + " ms");
        assertThat(lines).hasSize(6);
    }

    @Test
    void correlatedSubPlansCountOneLoopPerOuterRow() {
        List<String> lines = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                + "SELECT id, (SELECT count(*) FROM u WHERE u.t_id = t.id) FROM t WHERE id <= 4");
        assertThat(lines).containsExactly(
                "Seq Scan on t (actual rows=4 loops=1)",
                "  Filter: (id <= 4)",
                "  Rows Removed by Filter: 96",
                "  SubPlan 1",
                "    ->  Aggregate (actual rows=1 loops=4)",
                "          ->  Seq Scan on u (actual rows=3 loops=4)",
                "                Filter: (t_id = t.id)",
                "                Rows Removed by Filter: 27");
    }

    @Test
    void nodesThatNeverRanSaySo() {
        List<String> lines = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM t LIMIT 0");
        assertThat(lines).containsExactly("Limit (actual rows=0 loops=1)", "  ->  Seq Scan on t (never executed)");
    }

    @Test
    void hashAndSortReportTheirMemory() {
        List<String> join = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM u JOIN t ON u.t_id = t.id");
        assertThat(join.get(0)).isEqualTo("Hash Join (actual rows=27 loops=1)");
        assertThat(join).contains("  ->  Hash (actual rows=100 loops=1)");
        assertThat(join.get(4)).matches("        Buckets: 1024  Batches: 1  Memory Usage: \\d+kB");
        List<String> sort = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM t ORDER BY name DESC");
        assertThat(sort.get(1)).isEqualTo("  Sort Key: name DESC");
        assertThat(sort.get(2)).matches("  Sort Method: quicksort  Memory: \\d+kB");
    }

    @Test
    void spilledSortsAndHashJoinsReportDiskAndBatches() {
        run("CREATE TABLE big (id int PRIMARY KEY, pad text)");
        run("INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 3000) g");
        run("SET work_mem = '64kB'");
        List<String> sort = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM big ORDER BY pad, id");
        assertThat(sort.get(2)).matches("  Sort Method: external merge  Disk: \\d+kB");
        List<String> join = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM big a JOIN big b ON a.id = b.id");
        assertThat(join).anyMatch(l -> l.matches(" +Buckets: \\d+  Batches: (\\d{2,}|[2-9])  Memory Usage: \\d+kB"));
    }

    @Test
    void analyzeOfUpdateFindsItsRowsOnceAndNotThoseOfItsTriggers() {
        run("CREATE TABLE calls (n int)");
        run("INSERT INTO calls VALUES (0)");
        // volatile: a second run of the row-finding would count (and update) other rows
        run("CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE calls SET n = n + 1; RETURN NULL; END $$");
        run("CREATE TRIGGER t_before BEFORE UPDATE ON t FOR EACH STATEMENT EXECUTE FUNCTION bump()");
        List<String> lines = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) UPDATE t SET v = v + 1 WHERE v > 90");
        assertThat(lines).containsExactly(
                "Update on t (actual rows=0 loops=1)",
                "  ->  Seq Scan on t (actual rows=10 loops=1)",
                "        Filter: (v > '90'::numeric)",
                "        Rows Removed by Filter: 90");
        assertThat(CollectedRows.of(s, "SELECT n FROM calls").getFirst()[0]).isEqualTo(1);
        assertThat(CollectedRows.of(s, "SELECT sum(v) FROM t WHERE v > 91").getFirst()[0].toString()).isEqualTo("965");
    }

    @Test
    void analyzeOfDmlWritesAndCounts() {
        List<String> lines = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) DELETE FROM t WHERE id > 95");
        assertThat(lines).containsExactly(
                "Delete on t (actual rows=0 loops=1)",
                "  ->  Seq Scan on t (actual rows=5 loops=1)",
                "        Filter: (id > 95)",
                "        Rows Removed by Filter: 95");
        assertThat(CollectedRows.of(s, "SELECT count(*) FROM t").getFirst()[0]).isEqualTo(95L);
        List<String> insert = plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) INSERT INTO u SELECT id, id FROM t WHERE id < 3");
        assertThat(insert).containsExactly(
                "Insert on u (actual rows=0 loops=1)",
                "  ->  Seq Scan on t (actual rows=2 loops=1)",
                "        Filter: (id < 3)",
                "        Rows Removed by Filter: 93");
        assertThat(CollectedRows.of(s, "SELECT count(*) FROM u").getFirst()[0]).isEqualTo(32L);
        // without ANALYZE nothing is written
        plan("EXPLAIN DELETE FROM t");
        assertThat(CollectedRows.of(s, "SELECT count(*) FROM t").getFirst()[0]).isEqualTo(95L);
    }

    @Test
    void jsonCarriesPostgresKeys() {
        String json = (String) CollectedRows.of(s, "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT * FROM t WHERE id > 90")
                .getFirst()[0];
        assertThat(json).startsWith("[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Seq Scan\",\n");
        assertThat(json).contains("\"Relation Name\": \"t\",", "\"Alias\": \"t\",", "\"Startup Cost\": 0.00,",
                "\"Plan Rows\": 283,", "\"Plan Width\": 68,", "\"Actual Rows\": 10,", "\"Actual Loops\": 1,",
                "\"Filter\": \"(id > 90)\",", "\"Rows Removed by Filter\": 90", "\"Triggers\": [\n    ],");
        assertThat(json).containsPattern("\"Planning Time\": \\d+\\.\\d{3},");
        assertThat(json).containsPattern("\"Execution Time\": \\d+\\.\\d{3}\n  }\n]$");
        assertThat(json).doesNotContain("Actual Startup Time");
    }

    @Test
    void costSettingsChangeTheEstimates() {
        // never analyzed, t's 100 rows are taken for 10 pages' worth, as PostgreSQL 15 does for a new table
        String before = plan("EXPLAIN SELECT * FROM t").getFirst();
        assertThat(before).isEqualTo("Seq Scan on t  (cost=0.00..18.50 rows=850 width=68)");
        run("SET cpu_tuple_cost = 0.02");
        assertThat(plan("EXPLAIN SELECT * FROM t").getFirst()).isEqualTo("Seq Scan on t  (cost=0.00..27.00 rows=850 width=68)");
        run("SET seq_page_cost = 2");
        assertThat(plan("EXPLAIN SELECT * FROM t").getFirst()).isEqualTo("Seq Scan on t  (cost=0.00..37.00 rows=850 width=68)");
    }

    @Test
    void chosenIndexPathsPrintAsIndexScans() {
        run("CREATE TABLE big (id int PRIMARY KEY, name text)");
        run("INSERT INTO big SELECT g, 'n' || g FROM generate_series(1, 2000) g");
        run("CREATE INDEX big_name ON big (name)");
        assertThat(plan("EXPLAIN (COSTS OFF) SELECT * FROM big WHERE name = 'n5'"))
                .containsExactly("Index Scan using big_name on big", "  Index Cond: (name = 'n5'::text)");
        assertThat(plan("EXPLAIN (COSTS OFF) SELECT name FROM big WHERE name = 'n5'"))
                .containsExactly("Index Only Scan using big_name on big", "  Index Cond: (name = 'n5'::text)");
        assertThat(plan("EXPLAIN (COSTS OFF) SELECT * FROM big ORDER BY id DESC LIMIT 3"))
                .containsExactly("Limit", "  ->  Index Scan Backward using big_pkey on big");
        assertThat(plan("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM big WHERE name = 'n5' AND id > 1"))
                .containsExactly("Index Scan using big_name on big (actual rows=1 loops=1)", "  Index Cond: (name = 'n5'::text)",
                        "  Filter: (id > 1)");
    }

    @Test
    void uncorrelatedSubqueriesAreInitPlans() {
        assertThat(plan("EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id > (SELECT max(t_id) FROM u)")).containsExactly(
                "Seq Scan on t",
                "  Filter: (id > $0)",
                "  InitPlan 1 (returns $0)",
                "    ->  Aggregate",
                "          ->  Seq Scan on u");
    }
}
