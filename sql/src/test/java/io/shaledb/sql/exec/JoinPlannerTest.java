package io.shaledb.sql.exec;

import io.shaledb.sql.CollectedRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The join planner: connected joins of many tables never build a cartesian product, and join
 * results equal a naive nested-loop model with SQL's NULL rules for every join kind.
 */
class JoinPlannerTest {

    private static List<Object[]> query(SqlSession s, String sql) {
        return CollectedRows.of(s, sql);
    }

    @Test
    void tenConnectedTablesOfTenRowsJoinFast() {
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        int tables = 10;
        for (int t = 1; t <= tables; t++) {
            s.execute("CREATE TABLE t" + t + " (a int, b int)", NOOP);
            StringBuilder values = new StringBuilder();
            for (int r = 0; r < 10; r++) {
                values.append(r > 0 ? ", " : "").append('(').append(r).append(", ").append((r * 3 + t) % 10).append(')');
            }
            s.execute("INSERT INTO t" + t + " VALUES " + values, NOOP);
        }
        // t1.b = t2.a, t2.b = t3.a, ... listed in a scrambled order, FROM in reverse order.
        List<String> conds = new ArrayList<>();
        for (int t = 1; t < tables; t++) {
            conds.add("t" + t + ".b = t" + (t + 1) + ".a");
        }
        Collections.shuffle(conds, new Random(7));
        StringBuilder from = new StringBuilder();
        for (int t = tables; t >= 1; t--) {
            from.append(t < tables ? ", " : "").append('t').append(t);
        }
        long start = System.nanoTime();
        List<Object[]> rows = query(s, "SELECT count(*), sum(t1.a), sum(t" + tables + ".b) FROM " + from + " WHERE "
                + String.join(" AND ", conds));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Every column maps 0..9 onto 0..9 one to one, so each t1 row extends to exactly one chain.
        assertThat(rows.getFirst()[0]).isEqualTo(10L);
        assertThat(rows.getFirst()[1]).isEqualTo(45L);
        assertThat(millis).as("10^10 rows would never finish; a planned join takes milliseconds").isLessThan(5_000);
    }

    private static final ResultSink NOOP = new ResultSink() {
        @Override
        public void columns(List<ColumnInfo> columns) {}

        @Override
        public void row(Object[] values) {}

        @Override
        public void complete(String commandTag) {}

        @Override
        public void emptyQuery() {}
    };

    /** Rows of a two-column table; null entries are SQL NULLs. */
    private static List<Integer[]> randomRows(Random rnd) {
        List<Integer[]> rows = new ArrayList<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            rows.add(new Integer[] {rnd.nextInt(5) == 0 ? null : rnd.nextInt(4), rnd.nextInt(5) == 0 ? null : rnd.nextInt(4)});
        }
        return rows;
    }

    private static void load(SqlSession s, String name, List<Integer[]> rows) {
        s.execute("CREATE TABLE " + name + " (x int, y int)", NOOP);
        for (Integer[] r : rows) {
            s.execute("INSERT INTO " + name + " VALUES (" + r[0] + ", " + r[1] + ")", NOOP);
        }
    }

    private static Boolean eq(Integer a, Integer b) {
        return a == null || b == null ? null : a.equals(b);
    }

    private static Boolean lt(Integer a, Integer b) {
        return a == null || b == null ? null : a < b;
    }

    @Property(tries = 60)
    void outerJoinsMatchANestedLoopModel(@ForAll @IntRange(max = 1_000_000) int seed, @ForAll @IntRange(max = 3) int kind,
                                         @ForAll boolean extraCondition) {
        Random rnd = new Random(seed);
        List<Integer[]> a = randomRows(rnd);
        List<Integer[]> b = randomRows(rnd);
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        load(s, "a", a);
        load(s, "b", b);
        String[] kinds = {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"};
        boolean extra = extraCondition && kind != 3; // FULL JOIN takes only hashable conditions, as in PostgreSQL
        String sql = "SELECT a.x, a.y, b.x, b.y FROM a " + kinds[kind] + " b ON a.x = b.y" + (extra ? " AND a.y < b.x" : "");
        List<String> expected = new ArrayList<>();
        boolean[] bMatched = new boolean[b.size()];
        for (Integer[] ra : a) {
            boolean matched = false;
            for (int j = 0; j < b.size(); j++) {
                Integer[] rb = b.get(j);
                Boolean on = eq(ra[0], rb[1]);
                if (extra && Boolean.TRUE.equals(on)) {
                    on = lt(ra[1], rb[0]);
                }
                if (Boolean.TRUE.equals(on)) {
                    matched = true;
                    bMatched[j] = true;
                    expected.add(Arrays.toString(new Integer[] {ra[0], ra[1], rb[0], rb[1]}));
                }
            }
            if (!matched && (kind == 1 || kind == 3)) {
                expected.add(Arrays.toString(new Integer[] {ra[0], ra[1], null, null}));
            }
        }
        for (int j = 0; j < b.size(); j++) {
            if (!bMatched[j] && (kind == 2 || kind == 3)) {
                expected.add(Arrays.toString(new Integer[] {null, null, b.get(j)[0], b.get(j)[1]}));
            }
        }
        List<String> actual = new ArrayList<>();
        for (Object[] r : query(s, sql)) {
            actual.add(Arrays.toString(r));
        }
        assertThat(actual).as(sql).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Property(tries = 40)
    void threeWayInnerJoinsMatchANestedLoopModel(@ForAll @IntRange(max = 1_000_000) int seed) {
        Random rnd = new Random(seed);
        List<Integer[]> a = randomRows(rnd);
        List<Integer[]> b = randomRows(rnd);
        List<Integer[]> c = randomRows(rnd);
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        load(s, "a", a);
        load(s, "b", b);
        load(s, "c", c);
        String sql = "SELECT a.x, b.x, c.y FROM c, a, b WHERE b.y = c.x AND a.x = b.x AND a.y <> c.y";
        List<String> expected = new ArrayList<>();
        for (Integer[] ra : a) {
            for (Integer[] rb : b) {
                for (Integer[] rc : c) {
                    if (Boolean.TRUE.equals(eq(rb[1], rc[0])) && Boolean.TRUE.equals(eq(ra[0], rb[0]))
                            && ra[1] != null && rc[1] != null && !ra[1].equals(rc[1])) {
                        expected.add(Arrays.toString(new Integer[] {ra[0], rb[0], rc[1]}));
                    }
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (Object[] r : query(s, sql)) {
            actual.add(Arrays.toString(r));
        }
        assertThat(actual).as(sql).containsExactlyInAnyOrderElementsOf(expected);
    }
}
