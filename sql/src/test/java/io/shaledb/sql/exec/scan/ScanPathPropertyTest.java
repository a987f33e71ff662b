package io.shaledb.sql.exec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan's shortcuts (decoding only the columns a statement reads, testing leading filters on a
 * partly decoded row) never change an answer. Random filters over a table with NULLs, every
 * column type the shortcuts skip over, and rows written before an ADD COLUMN are run three ways:
 * as written; behind a volatile conjunct ({@code random() >= 0}, which the early filter does not
 * take, nor anything after it, so the rows are fully decoded before any filter); and as
 * {@code SELECT *} cut down to the columns in Java.
 */
class ScanPathPropertyTest {
    private static final String[] COLUMNS = {"id", "a", "b", "c", "d", "e", "arr", "f"};
    private static SqlDatabase db;
    private static SqlSession s;

    @BeforeAll
    static void data() {
        db = new SqlDatabase(new MemoryEngine());
        s = db.openSession();
        run("SET TIME ZONE 'UTC'");
        run("CREATE TABLE t (id int PRIMARY KEY, a int, b text, c numeric(8,2), d timestamptz, e bigint, arr int[])");
        Random r = new Random(7);
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 1; i <= 300; i++) {
            sql.append(i > 1 ? ", " : "").append('(').append(i).append(", ")
                    .append(maybeNull(r, String.valueOf(r.nextInt(20) - 5))).append(", ")
                    .append(maybeNull(r, "'s" + r.nextInt(15) + "'")).append(", ")
                    .append(maybeNull(r, (r.nextInt(200000) - 100000) / 100.0 + "")).append(", ")
                    .append(maybeNull(r, "timestamptz '2026-01-01 00:00:00+00' + interval '1 hour' * " + r.nextInt(500))).append(", ")
                    .append(maybeNull(r, String.valueOf(r.nextLong() >> 20))).append(", ")
                    .append(maybeNull(r, "ARRAY[" + r.nextInt(5) + ", NULL, " + r.nextInt(9) + "]")).append(')');
        }
        run(sql.toString());
        run("ALTER TABLE t ADD COLUMN f int DEFAULT 7"); // rows above keep no f: it decodes as the default
        run("INSERT INTO t SELECT g, g % 11, 'late' || (g % 4), g / 3.0, NULL, g * 1000, NULL, CASE WHEN g % 3 = 0 THEN NULL ELSE g % 5 END"
                + " FROM generate_series(301, 400) g");
    }

    @AfterAll
    static void close() {
        s.close();
        db.close();
    }

    private static String maybeNull(Random r, String v) {
        return r.nextInt(6) == 0 ? "NULL" : v;
    }

    private static List<String> run(String sql) {
        return CollectedRows.asText(s, sql);
    }

    private static String condition(Random r, int depth) {
        if (depth > 0 && r.nextInt(3) == 0) {
            String op = r.nextBoolean() ? " AND " : " OR ";
            return "(" + condition(r, depth - 1) + op + condition(r, depth - 1) + ")";
        }
        return switch (r.nextInt(9)) {
            case 0 -> "a " + cmp(r) + " " + (r.nextInt(20) - 5);
            case 1 -> "b " + cmp(r) + " 's" + r.nextInt(15) + "'";
            case 2 -> "c " + cmp(r) + " " + (r.nextInt(2000) - 1000);
            case 3 -> "d " + cmp(r) + " timestamptz '2026-01-05 00:00:00+00'";
            case 4 -> (r.nextBoolean() ? "e" : "f") + " IS " + (r.nextBoolean() ? "" : "NOT ") + "NULL";
            case 5 -> "NOT (a > " + r.nextInt(10) + ")";
            case 6 -> "f " + cmp(r) + " " + r.nextInt(8);
            case 7 -> "b IN ('s1', 's2', 'late1')";
            default -> "id % 7 " + cmp(r) + " 3";
        };
    }

    private static String cmp(Random r) {
        return List.of("=", "<>", "<", "<=", ">", ">=").get(r.nextInt(6));
    }

    @Test
    void shortcutsKeepEveryAnswer() {
        Random r = new Random(42);
        List<String> all = run("SELECT * FROM t ORDER BY id");
        assertThat(all).hasSize(400);
        for (int q = 0; q < 150; q++) {
            List<Integer> cols = new ArrayList<>();
            for (int c = 1; c < COLUMNS.length; c++) {
                if (r.nextInt(3) == 0) {
                    cols.add(c);
                }
            }
            String where = condition(r, 2);
            String select = "id" + cols.stream().map(c -> ", " + COLUMNS[c]).reduce("", String::concat);
            List<String> direct = run("SELECT " + select + " FROM t WHERE " + where + " ORDER BY id");
            List<String> late = run("SELECT " + select + " FROM t WHERE random() >= 0 AND " + where + " ORDER BY id");
            assertThat(direct).as(where).isEqualTo(late);
            // the same rows cut from SELECT * (every column decoded)
            List<Object[]> full = CollectedRows.of(s, "SELECT * FROM t WHERE random() >= 0 AND " + where + " ORDER BY id");
            List<String> expected = full.stream().map(row -> {
                Object[] out = new Object[cols.size() + 1];
                out[0] = row[0];
                for (int i = 0; i < cols.size(); i++) {
                    out[i + 1] = row[cols.get(i)];
                }
                return Arrays.toString(out);
            }).toList();
            assertThat(direct).as(select + " WHERE " + where).isEqualTo(expected);
        }
    }

    @Test
    void aggregatesOverFewColumnsSeeTheirValues() {
        assertThat(run("SELECT count(*), count(f), sum(f), count(c), sum(e) FROM t"))
                .isEqualTo(run("SELECT count(*), count(f), sum(f), count(c), sum(e) FROM (SELECT * FROM t OFFSET 0) s"));
        assertThat(run("SELECT count(f) FROM t WHERE id <= 300")).containsExactly("[300]"); // the ADD COLUMN default
    }

    @Test
    void explainAnalyzeCountsRowsTheScanDroppedEarly() {
        List<String> plan = run("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM t WHERE a = 3 AND b IS NOT NULL");
        long kept = Long.parseLong(run("SELECT count(*) FROM t WHERE a = 3 AND b IS NOT NULL").getFirst().replaceAll("[\\[\\]]", ""));
        assertThat(plan).contains("[Seq Scan on t (actual rows=" + kept + " loops=1)]",
                "[  Rows Removed by Filter: " + (400 - kept) + "]");
    }
}
