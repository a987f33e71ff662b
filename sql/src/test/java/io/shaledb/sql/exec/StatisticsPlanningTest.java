package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access-path choice on estimates from the statistics: after ANALYZE a condition is as selective
 * as the column's MCVs and histogram say, so the same indexed equality picks the index for a rare
 * value and the sequential scan for a common one (as PostgreSQL does); never analyzed, PostgreSQL's
 * defaults still give sane choices.
 */
class StatisticsPlanningTest {
    private static SqlSession s;

    @BeforeAll
    static void setUp() {
        s = new SqlDatabase(new MemoryEngine()).openSession();
        // 100,000 orders: 75% delivered, 14.5% shipped, 10% cancelled, 0.5% pending; amount uniform in 0..9999.
        // (At 2% pending, fetching 2,000 rows scattered over the table's ~650 pages costs more than reading
        // them in sequence: PostgreSQL then picks a Bitmap Heap Scan, which ShaleDB does not have.)
        run("CREATE TABLE orders (id int PRIMARY KEY, status text, amount int, note text)");
        run("INSERT INTO orders SELECT g, CASE WHEN g % 200 < 150 THEN 'delivered' WHEN g % 200 < 179 THEN 'shipped'"
                + " WHEN g % 200 < 199 THEN 'cancelled' ELSE 'pending' END, (g * 7919) % 10000, 'n' || g"
                + " FROM generate_series(1, 100000) g");
        run("CREATE INDEX o_status ON orders (status)");
        run("CREATE INDEX o_amount ON orders (amount)");
        // the same data, never analyzed
        run("CREATE TABLE fresh (id int PRIMARY KEY, status text, amount int, note text)");
        run("INSERT INTO fresh SELECT * FROM orders");
        run("CREATE INDEX f_status ON fresh (status)");
        run("CREATE INDEX f_amount ON fresh (amount)");
        run("ANALYZE orders");
    }

    private static void run(String sql) {
        CollectedRows.of(s, sql);
    }

    /** The scans chosen for {@code sql}. */
    private static List<String> plan(String sql) {
        List<String> trace = new ArrayList<>();
        AccessPlanning.TRACE.set(trace);
        try {
            CollectedRows.of(s, sql);
        } finally {
            AccessPlanning.TRACE.remove();
        }
        return trace;
    }

    @Test
    void aRareValueUsesTheIndexACommonOneScansTheTable() {
        assertThat(plan("SELECT * FROM orders WHERE status = 'pending'")).containsExactly("Index Scan using o_status on orders");
        assertThat(plan("SELECT * FROM orders WHERE status = 'delivered'")).containsExactly("Seq Scan on orders");
        assertThat(plan("SELECT * FROM orders WHERE status <> 'delivered'")).containsExactly("Seq Scan on orders");
        // a value the statistics never saw is rarer than the least common one
        assertThat(plan("SELECT * FROM orders WHERE status = 'lost'")).containsExactly("Index Scan using o_status on orders");
        assertThat(CollectedRows.asText(s, "SELECT count(*) FROM orders WHERE status = 'pending'")).containsExactly("[500]");
    }

    @Test
    void inListsAddTheirValuesFrequencies() {
        assertThat(plan("SELECT * FROM orders WHERE status IN ('pending', 'lost')"))
                .containsExactly("Index Scan using o_status on orders");
        assertThat(plan("SELECT * FROM orders WHERE status IN ('pending', 'delivered')")).containsExactly("Seq Scan on orders");
    }

    @Test
    void rangesAreAsSelectiveAsTheHistogramSays() {
        assertThat(plan("SELECT * FROM orders WHERE amount < 50")).containsExactly("Index Scan using o_amount on orders");
        assertThat(plan("SELECT * FROM orders WHERE amount > 50")).containsExactly("Seq Scan on orders");
        assertThat(plan("SELECT * FROM orders WHERE amount BETWEEN 5000 AND 5040"))
                .containsExactly("Index Scan using o_amount on orders");
        assertThat(plan("SELECT * FROM orders WHERE amount BETWEEN 1000 AND 9000")).containsExactly("Seq Scan on orders");
        // id's histogram: a primary-key range of 0.05% reads the table in key order
        assertThat(plan("SELECT * FROM orders WHERE id > 99950")).containsExactly("Index Scan using orders_pkey on orders");
    }

    @Test
    void combinedConditionsMultiplyTheirSelectivities() {
        // pending (0.5%) and a 0.4% amount range: the amount index finds the fewer rows
        assertThat(plan("SELECT * FROM orders WHERE status = 'pending' AND amount BETWEEN 5000 AND 5040"))
                .containsExactly("Index Scan using o_amount on orders");
        // delivered (75%) and amount < 9000 (90%): nothing selective
        assertThat(plan("SELECT * FROM orders WHERE status = 'delivered' AND amount < 9000")).containsExactly("Seq Scan on orders");
    }

    @Test
    void aNeverAnalyzedTableGetsPostgresDefaults() {
        // an equality is 0.5% of the rows whatever the value: the index, even for the common value
        assertThat(plan("SELECT * FROM fresh WHERE status = 'pending'")).containsExactly("Index Scan using f_status on fresh");
        assertThat(plan("SELECT * FROM fresh WHERE status = 'delivered'")).containsExactly("Index Scan using f_status on fresh");
        // a one-sided range is a third of them: the table
        assertThat(plan("SELECT * FROM fresh WHERE amount < 50")).containsExactly("Seq Scan on fresh");
        assertThat(plan("SELECT * FROM fresh WHERE amount BETWEEN 5000 AND 5040")).containsExactly("Index Scan using f_amount on fresh");
        assertThat(plan("SELECT * FROM fresh WHERE note = 'n5'")).containsExactly("Seq Scan on fresh");
    }

    @Test
    void aValueKnownOnlyPerOuterRowIsOneOfTheDistinctValues() {
        // status = <outer value>: 1 of 4 distinct statuses, a quarter of the table: scanned, not sought
        run("CREATE TABLE wanted (s text)");
        run("INSERT INTO wanted VALUES ('pending')");
        assertThat(plan("SELECT (SELECT max(note) FROM orders o WHERE o.status = w.s) FROM wanted w"))
                .contains("Seq Scan on orders");
        // amount = <outer value>: 1 of ~10,000 distinct amounts
        run("CREATE TABLE amounts (a int)");
        run("INSERT INTO amounts VALUES (17)");
        assertThat(plan("SELECT (SELECT max(note) FROM orders o WHERE o.amount = x.a) FROM amounts x"))
                .contains("Index Scan using o_amount on orders");
    }
}
