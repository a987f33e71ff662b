package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Index scans return what sequential scans return: for a random table with a random index
 * (composite, DESC, NULLS FIRST, partial, INCLUDE) and random predicates (=, IN, ranges,
 * BETWEEN, IS NULL, conjunctions) and ORDER BY ... LIMIT, the indexed table answers exactly as an
 * identical table without indexes.
 */
class IndexScanPropertyTest {
    private static final List<String> INDEXES = List.of(
            "(a)", "(a DESC)", "(a, b)", "(b NULLS FIRST, a DESC)", "(a DESC NULLS LAST, c)", "(a) INCLUDE (b, c)",
            "(b, a) WHERE a > 20", "(a) WHERE b IN ('b1', 'b2', 'b3')", "(c DESC)", "((a % 7), a)");

    @Property(tries = 12)
    void indexedAndPlainTablesAnswerAlike(@ForAll @IntRange(min = 0, max = 100_000) int seed) {
        Random r = new Random(seed);
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        int rows = 1050 + r.nextInt(300);
        int m = 5 + r.nextInt(60);
        int nulls = 3 + r.nextInt(10);
        for (String t : List.of("t", "plain")) {
            CollectedRows.of(s, "CREATE TABLE " + t + " (id int PRIMARY KEY, a int, b text, c numeric(8,2))");
            CollectedRows.of(s, "INSERT INTO " + t + " SELECT g, CASE WHEN g % " + nulls + " = 0 THEN NULL ELSE (g * 7919 + " + seed
                    + ") % " + m + " END, CASE WHEN g % 11 = 0 THEN NULL ELSE 'b' || (g % 5) END, ((g * 31) % 997) / 4.0"
                    + " FROM generate_series(1, " + rows + ") g");
        }
        String index = INDEXES.get(r.nextInt(INDEXES.size()));
        CollectedRows.of(s, "CREATE INDEX t_i ON t " + index);
        // updates and deletes after the build: entries must follow the rows
        CollectedRows.of(s, "UPDATE t SET a = a + 1 WHERE id % 13 = 0");
        CollectedRows.of(s, "UPDATE plain SET a = a + 1 WHERE id % 13 = 0");
        CollectedRows.of(s, "DELETE FROM t WHERE id % 17 = 0");
        CollectedRows.of(s, "DELETE FROM plain WHERE id % 17 = 0");
        List<String> trace = new ArrayList<>();
        AccessPlanning.TRACE.set(trace);
        try {
            for (int q = 0; q < 12; q++) {
                String where = predicate(r, m);
                String sql = "SELECT id, a, b, c FROM TBL WHERE " + where + " ORDER BY id";
                assertThat(CollectedRows.asText(s, sql.replace("TBL", "t"))).as(index + " WHERE " + where)
                        .isEqualTo(CollectedRows.asText(s, sql.replace("TBL", "plain")));
                String dir = r.nextBoolean() ? "" : " DESC";
                String nullsAt = r.nextInt(3) == 0 ? (r.nextBoolean() ? " NULLS FIRST" : " NULLS LAST") : "";
                String top = "SELECT a FROM TBL WHERE " + where + " ORDER BY a" + dir + nullsAt + " LIMIT " + (1 + r.nextInt(50));
                assertThat(CollectedRows.asText(s, top.replace("TBL", "t"))).as(index + " " + top)
                        .isEqualTo(CollectedRows.asText(s, top.replace("TBL", "plain")));
            }
            for (int q = 0; q < 3; q++) {
                String join = "SELECT x.id, y.id, y.b FROM TBL x JOIN TBL y ON y.a = x.a WHERE x.id = " + (1 + r.nextInt(rows))
                        + (r.nextBoolean() ? " AND y.b IS NOT NULL" : "") + " ORDER BY 1, 2";
                assertThat(CollectedRows.asText(s, join.replace("TBL", "t"))).as(index + " " + join)
                        .isEqualTo(CollectedRows.asText(s, join.replace("TBL", "plain")));
            }
        } finally {
            AccessPlanning.TRACE.remove();
        }
        assertThat(trace).isNotEmpty();
    }

    private static String predicate(Random r, int m) {
        int parts = 1 + r.nextInt(2);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int k = r.nextInt(m + 4) - 2;
            out.add(switch (r.nextInt(11)) {
                case 0 -> "a = " + k;
                case 1 -> "a IN (" + k + ", " + (k + 3) + ", " + (k - 1) + ")";
                case 2 -> "a < " + k;
                case 3 -> "a >= " + k;
                case 4 -> "a BETWEEN " + k + " AND " + (k + r.nextInt(5));
                case 5 -> "a IS NULL";
                case 6 -> "b = 'b" + r.nextInt(6) + "'";
                case 7 -> "b IN ('b1', 'b2')";
                case 8 -> "c > " + r.nextInt(250) + ".5";
                case 9 -> "a % 7 = " + r.nextInt(7);
                default -> k + " > a";
            });
        }
        return String.join(" AND ", out);
    }
}
