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
import org.junit.jupiter.api.Test;

/**
 * Subquery decorrelation ({@link Decorrelator}): the semi/anti-join plans give the same rows as
 * the per-row subplans on random data with NULLs and duplicates, the queries meant to become joins
 * do, and those that must not (aggregates, LIMIT, OR, volatile functions, NOT IN) do not.
 */
class DecorrelationTest {

    /** Query shapes over a(x, y) and b(x, y); each runs with decorrelation on and off. */
    private static final List<String> QUERIES = List.of(
            "SELECT x, y FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x)",
            "SELECT x, y FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.x = a.x)",
            "SELECT x, y FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND b.y = a.y)",
            "SELECT x, y FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND b.y < a.y)",
            "SELECT x, y FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND b.y <> a.y)",
            "SELECT x, y FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y > a.x)",
            "SELECT x, y FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.y > a.x OR b.x IS NULL)",
            "SELECT x, y FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y = 2) AND a.x > 0",
            "SELECT x, y FROM a WHERE x IN (SELECT y FROM b)",
            "SELECT x, y FROM a WHERE x IN (SELECT y FROM b WHERE b.x = a.y)",
            "SELECT x, y FROM a WHERE x = ANY (SELECT y FROM b WHERE b.x <> a.y)",
            "SELECT x, y FROM a WHERE x NOT IN (SELECT y FROM b)",
            "SELECT x, y FROM a WHERE x NOT IN (SELECT y FROM b WHERE b.x = a.y)",
            "SELECT x, y FROM a WHERE x IN (SELECT y FROM b) AND NOT EXISTS (SELECT 1 FROM b c WHERE c.y = a.y)",
            "SELECT a.x, a2.y FROM a, a a2 WHERE a.x = a2.y AND EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND b.y = a2.x)",
            "SELECT x, y FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND EXISTS (SELECT 1 FROM a c WHERE c.y = b.y AND c.x = a.y))",
            "SELECT x, count(*) FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x) GROUP BY x");

    @Property(tries = 15)
    void decorrelatedPlansGiveTheSubplansRows(@ForAll @IntRange(max = 1_000_000) int seed) {
        Random rnd = new Random(seed);
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        load(s, "a", rnd);
        load(s, "b", rnd);
        for (String q : QUERIES) {
            List<String> on = sorted(s, q);
            CollectedRows.of(s, "SET enable_subquery_decorrelation = off");
            List<String> off = sorted(s, q);
            CollectedRows.of(s, "RESET enable_subquery_decorrelation");
            assertThat(on).as(q).isEqualTo(off);
        }
    }

    @Test
    void existsInAndNotExistsBecomeJoins() {
        SqlSession s = session();
        assertThat(joins(s, "SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND u.country = 'DE')"))
                .isEqualTo(1);
        assertThat(joins(s, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id)"))
                .isEqualTo(1);
        assertThat(joins(s, "SELECT count(*) FROM orders o WHERE o.user_id IN (SELECT id FROM users) AND o.user_id = ANY (SELECT id FROM users)"))
                .isEqualTo(2);
        assertThat(joins(s, "SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id"
                + " AND EXISTS (SELECT 1 FROM users v WHERE v.id = o.user_id))")).as("both levels").isEqualTo(2);
    }

    @Test
    void subqueriesThatMustStaySubplansDo() {
        SqlSession s = session();
        for (String q : List.of(
                "SELECT count(*) FROM users u WHERE EXISTS (SELECT count(*) FROM orders o WHERE o.user_id = u.id)",
                "SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id LIMIT 1)",
                "SELECT count(*) FROM users u WHERE u.id IN (SELECT max(user_id) FROM orders)",
                "SELECT count(*) FROM users u WHERE u.id NOT IN (SELECT user_id FROM orders)",
                "SELECT count(*) FROM users u WHERE u.id > 3 OR EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)",
                "SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND random() < 2)",
                "SELECT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id) FROM users u",
                "SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM (SELECT * FROM orders o WHERE o.user_id = u.id) s)")) {
            assertThat(joins(s, q)).as(q).isZero();
        }
        CollectedRows.of(s, "SET enable_subquery_decorrelation = off");
        assertThat(joins(s, "SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id)"))
                .as("switched off").isZero();
    }

    @Test
    void aSpillingSemiJoinKeepsEachOuterRowOnce() {
        SqlSession s = session();
        CollectedRows.of(s, "INSERT INTO users SELECT g, 'DE' FROM generate_series(10, 4000) g");
        CollectedRows.of(s, "INSERT INTO orders SELECT g, g % 5000 FROM generate_series(100, 6000) g");
        String semi = "SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM users u, users v WHERE u.id = o.user_id AND v.id = u.id)";
        String anti = "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id)";
        List<String> expected = List.of(CollectedRows.asText(s, semi).toString(), CollectedRows.asText(s, anti).toString());
        CollectedRows.of(s, "SET work_mem = '64kB'");
        assertThat(List.of(CollectedRows.asText(s, semi).toString(), CollectedRows.asText(s, anti).toString()))
                .isEqualTo(expected);
        CollectedRows.of(s, "SET enable_subquery_decorrelation = off");
        assertThat(List.of(CollectedRows.asText(s, semi).toString(), CollectedRows.asText(s, anti).toString()))
                .isEqualTo(expected);
    }

    private static SqlSession session() {
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        CollectedRows.of(s, "CREATE TABLE users (id int PRIMARY KEY, country text)");
        CollectedRows.of(s, "CREATE TABLE orders (id int PRIMARY KEY, user_id int)");
        CollectedRows.of(s, "INSERT INTO users VALUES (1, 'DE'), (2, 'FR'), (3, NULL)");
        CollectedRows.of(s, "INSERT INTO orders VALUES (1, 1), (2, 1), (3, 2), (4, NULL), (5, 7)");
        return s;
    }

    /** Subqueries the planner turned into joins while running {@code sql}. */
    private static long joins(SqlSession s, String sql) {
        long before = Decorrelator.joinsMade();
        CollectedRows.of(s, sql);
        return Decorrelator.joinsMade() - before;
    }

    private static void load(SqlSession s, String name, Random rnd) {
        CollectedRows.of(s, "CREATE TABLE " + name + " (x int, y int)");
        int n = rnd.nextInt(9);
        for (int i = 0; i < n; i++) {
            CollectedRows.of(s, "INSERT INTO " + name + " VALUES (" + value(rnd) + ", " + value(rnd) + ")");
        }
    }

    private static String value(Random rnd) {
        return rnd.nextInt(5) == 0 ? "NULL" : Integer.toString(rnd.nextInt(4));
    }

    private static List<String> sorted(SqlSession s, String sql) {
        List<String> rows = new ArrayList<>(CollectedRows.asText(s, sql));
        rows.sort(null);
        return rows;
    }
}
