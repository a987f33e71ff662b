package io.shaledb.sql.exec.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
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

/**
 * Join order and join methods never change a result: random joins of 3 to 5 small tables (random
 * rows with NULLs, random indexes, with or without ANALYZE), connected by random equalities plus
 * random filters and non-equality conditions, written with JOIN ... ON or as a comma list, give
 * exactly the multiset of rows a naive nested loop over all combinations gives, under the
 * planner's own choice and with each join method forced (the others switched off) and with the
 * FROM order kept (join_collapse_limit = 1).
 */
class JoinOrderPropertyTest {
    private static final String[] COLUMNS = {"id", "a", "b"};
    private static final List<String> SETTINGS = List.of(
            "",
            "SET enable_hashjoin = off",
            "SET enable_hashjoin = off; SET enable_nestloop = off",
            "SET enable_hashjoin = off; SET enable_mergejoin = off",
            "SET enable_mergejoin = off; SET enable_nestloop = off",
            "SET join_collapse_limit = 1");

    /** A condition over the tables' rows: its SQL and its value under SQL's NULL rules (null = unknown). */
    private record Cond(String sql, int[] tables, Evaluator eval) {}

    @FunctionalInterface
    private interface Evaluator {
        Boolean test(Integer[][] rows);
    }

    @Property(tries = 40)
    void everyPlanAnswersAsANestedLoop(@ForAll @IntRange(max = 1_000_000) int seed) {
        Random r = new Random(seed);
        int n = 3 + r.nextInt(3);
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        List<List<Integer[]>> data = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            CollectedRows.of(s, "CREATE TABLE t" + t + " (id int PRIMARY KEY, a int, b int)");
            List<Integer[]> rows = new ArrayList<>();
            int count = r.nextInt(t == 0 ? 5 : 14);
            for (int i = 1; i <= count; i++) {
                Integer[] row = {i, r.nextInt(6) == 0 ? null : r.nextInt(5), r.nextInt(6) == 0 ? null : r.nextInt(8)};
                rows.add(row);
                CollectedRows.of(s, "INSERT INTO t" + t + " VALUES (" + row[0] + ", " + row[1] + ", " + row[2] + ")");
            }
            data.add(rows);
            if (r.nextBoolean()) {
                CollectedRows.of(s, "CREATE INDEX t" + t + "_a ON t" + t + " (a)");
            }
            if (r.nextInt(3) == 0) {
                CollectedRows.of(s, "CREATE INDEX t" + t + "_b ON t" + t + " (b, a)");
            }
        }
        if (r.nextBoolean()) {
            CollectedRows.of(s, "ANALYZE");
        }
        List<Cond> joins = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            joins.add(equality(t, r.nextInt(t), r));
        }
        List<Cond> where = new ArrayList<>();
        if (r.nextBoolean()) {
            int x = r.nextInt(n);
            int y = r.nextInt(n);
            where.add(x == y ? filter(x, r) : r.nextBoolean() ? equality(Math.max(x, y), Math.min(x, y), r) : less(x, y, r));
        }
        for (int t = 0; t < n; t++) {
            if (r.nextInt(3) == 0) {
                where.add(filter(t, r));
            }
        }
        String sql = sql(n, joins, where, r);
        List<String> expected = reference(data, joins, where);
        for (String setting : SETTINGS) {
            CollectedRows.of(s, "RESET ALL");
            if (!setting.isEmpty()) {
                for (String set : setting.split("; ")) {
                    CollectedRows.of(s, set);
                }
            }
            List<String> actual = new ArrayList<>();
            for (Object[] row : CollectedRows.of(s, sql)) {
                actual.add(Arrays.toString(row));
            }
            assertThat(actual).as(setting + ": " + sql).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String sql(int n, List<Cond> joins, List<Cond> where, Random r) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int t = 0; t < n; t++) {
            select.append(t > 0 ? ", " : "").append('t').append(t).append(".id");
        }
        List<String> conds = new ArrayList<>();
        StringBuilder from = new StringBuilder(" FROM ");
        if (r.nextBoolean()) {
            // JOIN ... ON: the i-th join's equality reads t_i and an earlier table
            from.append("t0");
            for (int t = 1; t < n; t++) {
                from.append(" JOIN t").append(t).append(" ON ").append(joins.get(t - 1).sql());
            }
        } else {
            List<Integer> order = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                order.add(t);
            }
            Collections.shuffle(order, r);
            for (int i = 0; i < n; i++) {
                from.append(i > 0 ? ", " : "").append('t').append(order.get(i));
            }
            joins.forEach(j -> conds.add(j.sql()));
        }
        where.forEach(w -> conds.add(w.sql()));
        return select + from.toString() + (conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds));
    }

    private static List<String> reference(List<List<Integer[]>> data, List<Cond> joins, List<Cond> where) {
        List<Cond> all = new ArrayList<>(joins);
        all.addAll(where);
        List<String> out = new ArrayList<>();
        Integer[][] current = new Integer[data.size()][];
        combine(data, 0, current, all, out);
        return out;
    }

    private static void combine(List<List<Integer[]>> data, int t, Integer[][] current, List<Cond> conds, List<String> out) {
        if (t == data.size()) {
            for (Cond c : conds) {
                if (!Boolean.TRUE.equals(c.eval().test(current))) {
                    return;
                }
            }
            Object[] ids = new Object[data.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = current[i][0];
            }
            out.add(Arrays.toString(ids));
            return;
        }
        for (Integer[] row : data.get(t)) {
            current[t] = row;
            combine(data, t + 1, current, conds, out);
        }
    }

    private static Cond equality(int x, int y, Random r) {
        int cx = r.nextInt(3);
        int cy = r.nextInt(3);
        return new Cond("t" + x + "." + COLUMNS[cx] + " = t" + y + "." + COLUMNS[cy], new int[] {x, y}, rows -> {
            Integer a = rows[x][cx];
            Integer b = rows[y][cy];
            return a == null || b == null ? null : a.equals(b);
        });
    }

    private static Cond less(int x, int y, Random r) {
        int cx = 1 + r.nextInt(2);
        int cy = 1 + r.nextInt(2);
        return new Cond("t" + x + "." + COLUMNS[cx] + " < t" + y + "." + COLUMNS[cy], new int[] {x, y}, rows -> {
            Integer a = rows[x][cx];
            Integer b = rows[y][cy];
            return a == null || b == null ? null : a < b;
        });
    }

    private static Cond filter(int t, Random r) {
        int k = r.nextInt(5);
        return switch (r.nextInt(4)) {
            case 0 -> new Cond("t" + t + ".a = " + k, new int[] {t}, rows -> rows[t][1] == null ? null : rows[t][1] == k);
            case 1 -> new Cond("t" + t + ".b < " + k, new int[] {t}, rows -> rows[t][2] == null ? null : rows[t][2] < k);
            case 2 -> new Cond("t" + t + ".a IS NOT NULL", new int[] {t}, rows -> rows[t][1] != null);
            default -> new Cond("t" + t + ".id > " + k, new int[] {t}, rows -> rows[t][0] > k);
        };
    }
}
