package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.exec.reuse.RecordAccessors;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a statement no longer recomputes (the parsed session settings, the committed indexes per
 * table) is recomputed as soon as its source changes: a SET, RESET or rollback between two
 * statements, DDL committed by another session, DDL of the session's own open transaction.
 */
class StatementReuseTest {
    private SqlDatabase db;
    private SqlSession s;
    private SqlSession other;

    @BeforeEach
    void setUp() {
        db = new SqlDatabase(new MemoryEngine());
        s = db.openSession();
        other = db.openSession();
        run("CREATE TABLE t (id int PRIMARY KEY, v int, note text)");
        run("INSERT INTO t SELECT g, g % 500, 'n' || g FROM generate_series(1, 2000) g");
    }

    @AfterEach
    void tearDown() {
        s.close();
        other.close();
        db.close();
    }

    private void run(String sql) {
        CollectedRows.of(s, sql);
    }

    private List<String> rows(String sql) {
        return CollectedRows.asText(s, sql);
    }

    private List<String> plan(SqlSession session, String sql) {
        List<String> trace = new ArrayList<>();
        AccessPlanning.TRACE.set(trace);
        try {
            CollectedRows.of(session, sql);
        } finally {
            AccessPlanning.TRACE.remove();
        }
        return trace;
    }

    @Test
    void searchPathChangesBetweenStatementsAreSeen() {
        run("CREATE SCHEMA s");
        run("CREATE TABLE s.w (x int)");
        run("INSERT INTO s.w VALUES (1)");
        run("CREATE TABLE public.w (x int)");
        run("INSERT INTO public.w VALUES (2)");
        assertThat(rows("SELECT x FROM w")).containsExactly("[2]");
        run("SET search_path = s, public");
        assertThat(rows("SELECT x FROM w")).containsExactly("[1]");
        run("BEGIN");
        run("SET search_path = public");
        assertThat(rows("SELECT x FROM w")).containsExactly("[2]");
        run("ROLLBACK"); // undoes the SET: back to s, public
        assertThat(rows("SELECT x FROM w")).containsExactly("[1]");
        run("RESET search_path");
        assertThat(rows("SELECT x FROM w")).containsExactly("[2]");
        run("SET search_path = s, public");
        run("RESET ALL");
        assertThat(rows("SELECT x FROM w")).containsExactly("[2]");
    }

    @Test
    void timeZoneChangesBetweenStatementsAreSeen() {
        String q = "SELECT CAST(timestamptz '2026-01-01 00:00:00+00' AS text)";
        run("SET TimeZone = 'UTC'");
        assertThat(rows(q)).containsExactly("[2026-01-01 00:00:00+00]");
        run("SET TimeZone = 'Asia/Tokyo'");
        assertThat(rows(q)).containsExactly("[2026-01-01 09:00:00+09]");
        run("SET TimeZone = 'UTC'");
        assertThat(rows(q)).containsExactly("[2026-01-01 00:00:00+00]");
    }

    @Test
    void plannerCostSettingsChangeTheEstimatesOfTheNextStatement() {
        String q = "EXPLAIN SELECT * FROM t";
        String before = rows(q).getFirst();
        run("SET cpu_tuple_cost = 0.02");
        String changed = rows(q).getFirst();
        assertThat(changed).isNotEqualTo(before);
        run("RESET cpu_tuple_cost");
        assertThat(rows(q).getFirst()).isEqualTo(before);
        run("BEGIN");
        run("SET cpu_tuple_cost = 0.02");
        assertThat(rows(q).getFirst()).isEqualTo(changed);
        run("ROLLBACK");
        assertThat(rows(q).getFirst()).isEqualTo(before);
        run("SET cpu_tuple_cost = 0.02; SELECT 1");
        assertThat(rows(q).getFirst()).isEqualTo(changed);
        run("RESET ALL");
        assertThat(rows(q).getFirst()).isEqualTo(before);
    }

    @Test
    void plannerSwitchesChangeThePlanOfTheNextStatement() {
        run("ANALYZE t");
        String q = "EXPLAIN (COSTS OFF) SELECT v, count(*) FROM t GROUP BY v";
        String hashed = rows(q).getFirst();
        run("SET enable_hashagg = off");
        String sorted = rows(q).getFirst();
        assertThat(sorted).isNotEqualTo(hashed);
        run("RESET enable_hashagg");
        assertThat(rows(q).getFirst()).isEqualTo(hashed);
        run("BEGIN");
        run("SET enable_hashagg = off");
        assertThat(rows(q).getFirst()).isEqualTo(sorted);
        run("ROLLBACK");
        assertThat(rows(q).getFirst()).isEqualTo(hashed);
    }

    @Test
    void joinSwitchesChangeThePlanOfTheNextStatement() {
        run("ANALYZE t");
        String q = "EXPLAIN (COSTS OFF) SELECT * FROM t a JOIN t b ON a.v = b.v";
        String hashed = String.join("\n", rows(q));
        assertThat(hashed).contains("Hash Join");
        run("SET enable_hashjoin = off");
        String other = String.join("\n", rows(q));
        assertThat(other).doesNotContain("Hash Join");
        run("RESET enable_hashjoin");
        assertThat(String.join("\n", rows(q))).isEqualTo(hashed);
        run("BEGIN");
        run("SET enable_hashjoin = off");
        assertThat(String.join("\n", rows(q))).isEqualTo(other);
        run("ROLLBACK");
        assertThat(String.join("\n", rows(q))).isEqualTo(hashed);
    }

    @Test
    void transactionDefaultsFollowSetAndReset() {
        assertThat(rows("SHOW transaction_isolation")).containsExactly("[read committed]");
        run("SET default_transaction_isolation = 'serializable'");
        assertThat(rows("SHOW transaction_isolation")).containsExactly("[serializable]");
        run("BEGIN");
        assertThat(rows("SHOW transaction_isolation")).containsExactly("[serializable]");
        run("COMMIT");
        run("RESET default_transaction_isolation");
        run("BEGIN");
        assertThat(rows("SHOW transaction_isolation")).containsExactly("[read committed]");
        run("COMMIT");
    }

    @Test
    void indexesCommittedOrDroppedByAnotherSessionAreSeenByTheNextStatement() {
        String q = "SELECT * FROM t WHERE v = 7";
        assertThat(plan(s, q)).containsExactly("Seq Scan on t");
        CollectedRows.of(other, "CREATE INDEX t_v ON t (v)");
        assertThat(plan(s, q)).containsExactly("Index Scan using t_v on t");
        CollectedRows.of(other, "DROP INDEX t_v");
        assertThat(plan(s, q)).containsExactly("Seq Scan on t");
    }

    @Test
    void anIndexOfAnOpenTransactionIsSeenByItAloneUntilCommit() {
        String q = "SELECT * FROM t WHERE v = 7";
        assertThat(plan(other, q)).containsExactly("Seq Scan on t"); // the committed set is cached now
        run("BEGIN");
        run("CREATE INDEX t_v ON t (v)");
        assertThat(plan(s, q)).containsExactly("Index Scan using t_v on t");
        assertThat(plan(other, q)).containsExactly("Seq Scan on t");
        run("COMMIT");
        assertThat(plan(other, q)).containsExactly("Index Scan using t_v on t");
        run("BEGIN");
        run("DROP INDEX t_v");
        assertThat(plan(s, q)).containsExactly("Seq Scan on t");
        run("ROLLBACK");
        assertThat(plan(s, q)).containsExactly("Index Scan using t_v on t");
    }

    record Pair(int a, String b) {}

    @Test
    void recordAccessorsAreLookedUpOncePerClass() throws ReflectiveOperationException {
        assertThat(RecordAccessors.of(Pair.class)).isSameAs(RecordAccessors.of(Pair.class));
        assertThat(RecordAccessors.of(Pair.class)[1].invoke(new Pair(1, "x"))).isEqualTo("x");
    }
}
