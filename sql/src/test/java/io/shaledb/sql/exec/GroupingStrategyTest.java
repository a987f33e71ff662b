package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hash and sorted grouping give the same groups: random GROUP BY queries (several keys,
 * expressions, NULL keys, HAVING, ORDER BY on keys or aggregates, collecting aggregates) run
 * with {@code enable_hashagg} on and off, also with a tiny work_mem where the hash table and the
 * sort spill; and the cost-based choice picks the plan PostgreSQL picks in the clear cases.
 */
class GroupingStrategyTest {
    private static SqlDatabase db;
    private static SqlSession s;

    @BeforeAll
    static void data() {
        db = new SqlDatabase(new MemoryEngine());
        s = db.openSession();
        run("CREATE TABLE r (id int PRIMARY KEY, a int, b text, c numeric(10,2), d float8)");
        run("INSERT INTO r SELECT g, CASE WHEN g % 17 = 0 THEN NULL ELSE g % 9 END,"
                + " CASE WHEN g % 23 = 0 THEN NULL ELSE 'b' || (g * 7 % 13) END, (g % 50) / 4.0, g % 6 - 2.5"
                + " FROM generate_series(1, 3000) g");
    }

    @AfterEach
    void reset() {
        run("RESET ALL");
    }

    @AfterAll
    static void close() {
        s.close();
        db.close();
    }

    private static List<String> run(String sql) {
        return CollectedRows.asText(s, sql);
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    private static String query(Random r) {
        List<String> keys = new ArrayList<>(List.of("a", "b", "a % 4", "c", "d", "b || 'x'", "id % 50"));
        java.util.Collections.shuffle(keys, r);
        List<String> group = keys.subList(0, 1 + r.nextInt(3));
        List<String> aggs = List.of("count(*)", "sum(c)", "avg(d)", "min(b)", "max(id)", "count(DISTINCT a)",
                "string_agg(b, ',' ORDER BY b, id)", "sum(id) FILTER (WHERE a > 3)", "array_agg(id ORDER BY id)");
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", group));
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            sql.append(", ").append(aggs.get(r.nextInt(aggs.size())));
        }
        sql.append(" FROM r");
        if (r.nextBoolean()) {
            sql.append(" WHERE id % ").append(2 + r.nextInt(5)).append(" <> 0");
        }
        sql.append(" GROUP BY ").append(String.join(", ", group));
        if (r.nextInt(3) == 0) {
            sql.append(" HAVING count(*) > ").append(r.nextInt(20));
        }
        return sql.toString();
    }

    @Test
    void hashAndSortGiveTheSameGroups() {
        Random r = new Random(11);
        for (int i = 0; i < 60; i++) {
            String q = query(r);
            List<String> hashed = sorted(run(q));
            run("SET enable_hashagg = off");
            List<String> bySort = sorted(run(q));
            run("SET work_mem = '64kB'");
            List<String> spilled = sorted(run(q));
            run("SET enable_hashagg = on");
            List<String> hashSpilled = sorted(run(q));
            run("RESET ALL");
            assertThat(bySort).as(q).isEqualTo(hashed);
            assertThat(spilled).as(q).isEqualTo(hashed);
            assertThat(hashSpilled).as(q).isEqualTo(hashed);
        }
    }

    @Test
    void sortedDistinctGivesTheHashedRowsInTheOrderByOrder() {
        List<String> selects = List.of("a", "a, b", "b, a % 4", "c, a", "d", "b || 'x', a");
        List<String> orders = List.of("", " ORDER BY 1", " ORDER BY 1 DESC", " ORDER BY 1 NULLS FIRST", " ORDER BY 2 DESC, 1");
        for (String cols : selects) {
            for (String order : orders) {
                if (order.contains("2") && !cols.contains(",")) {
                    continue;
                }
                String q = "SELECT DISTINCT " + cols + " FROM r WHERE id % 3 <> 0" + order;
                List<String> hashed = run(q);
                run("SET enable_hashagg = off");
                assertThat(plan(q).getFirst()).as(q).isEqualTo("Unique");
                List<String> bySort = run(q);
                run("SET work_mem = '64kB'");
                List<String> spilled = run(q);
                run("RESET ALL");
                boolean total = order.contains("2") || (!order.isEmpty() && !cols.contains(","));
                assertThat(total ? bySort : sorted(bySort)).as(q).isEqualTo(total ? hashed : sorted(hashed));
                assertThat(spilled).as(q).isEqualTo(bySort);
            }
        }
    }

    @Test
    void orderByOnTheKeysComesFromTheSortedGrouping() {
        run("SET enable_hashagg = off");
        for (String order : List.of("a", "a DESC", "a NULLS FIRST", "a DESC NULLS LAST", "b, a", "a, b DESC")) {
            String q = "SELECT a, b, count(*) FROM r GROUP BY a, b ORDER BY " + order;
            List<String> viaSort = run(q);
            run("SET enable_hashagg = on");
            assertThat(viaSort).as(q).isEqualTo(run(q));
            run("SET enable_hashagg = off");
        }
        assertThat(plan("SELECT a, count(*) FROM r GROUP BY a ORDER BY a DESC"))
                .containsExactly("GroupAggregate", "  Group Key: a", "  ->  Sort", "        Sort Key: a DESC", "        ->  Seq Scan on r");
    }

    @Test
    void costChoosesLikePostgres() {
        // few groups: hash, then sort the groups
        assertThat(plan("SELECT a, count(*) FROM r GROUP BY a ORDER BY a").getFirst()).isEqualTo("Sort");
        assertThat(plan("SELECT a, count(*) FROM r GROUP BY a").getFirst()).isEqualTo("HashAggregate");
        // DISTINCT and ordered aggregates are never hashed
        assertThat(plan("SELECT a, count(DISTINCT b) FROM r GROUP BY a").getFirst()).isEqualTo("GroupAggregate");
        // a hash table far beyond work_mem costs more than a sort that delivers the ORDER BY
        run("SET work_mem = '64kB'");
        assertThat(plan("SELECT a, b, id, count(*) FROM r GROUP BY a, b, id ORDER BY a, b, id").getFirst())
                .isEqualTo("GroupAggregate");
    }

    @Test
    void settingShowsAndResets() {
        assertThat(run("SHOW enable_hashagg")).containsExactly("[on]");
        run("SET enable_hashagg TO false");
        assertThat(run("SHOW enable_hashagg")).containsExactly("[off]");
    }

    private static List<String> plan(String sql) {
        return run("EXPLAIN (COSTS OFF) " + sql).stream().map(row -> row.substring(1, row.length() - 1)).toList();
    }
}
