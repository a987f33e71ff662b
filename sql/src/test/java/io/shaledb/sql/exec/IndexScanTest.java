package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access-path choice: which scan the planner picks (seen through {@link AccessPlanning#TRACE})
 * and that index scans return exactly what a sequential scan returns.
 */
class IndexScanTest {
    private SqlSession s;

    @BeforeEach
    void setUp() {
        s = new SqlDatabase(new MemoryEngine()).openSession();
        run("CREATE TABLE orders (id int PRIMARY KEY, user_id int, status text, created_at timestamp, amount numeric(10,2),"
                + " code char(4), note text)");
        run("INSERT INTO orders SELECT g, g % 500, CASE WHEN g % 100 = 0 THEN 'pending' WHEN g % 100 = 1 THEN 'processing'"
                + " WHEN g % 7 = 0 THEN NULL ELSE 'done' END, timestamp '2024-01-01' + g * interval '1 minute',"
                + " (g % 1000) / 7.0, 'c' || (g % 10), 'n' || g FROM generate_series(1, 5000) g");
    }

    private void run(String sql) {
        CollectedRows.of(s, sql);
    }

    private List<String> rows(String sql) {
        return CollectedRows.asText(s, sql);
    }

    /** The scans chosen for {@code sql}, and its rows. */
    private List<String> plan(String sql) {
        List<String> trace = new ArrayList<>();
        AccessPlanning.TRACE.set(trace);
        try {
            rows(sql);
        } finally {
            AccessPlanning.TRACE.remove();
        }
        return trace;
    }

    @Test
    void equalityOnAnIndexedColumnUsesTheIndex() {
        run("CREATE INDEX o_user ON orders (user_id)");
        assertThat(plan("SELECT * FROM orders WHERE user_id = 42")).containsExactly("Index Scan using o_user on orders");
        assertThat(rows("SELECT id FROM orders WHERE user_id = 42 ORDER BY id"))
                .isEqualTo(rows("SELECT id FROM orders WHERE user_id + 0 = 42 ORDER BY id"));
        assertThat(rows("SELECT count(*) FROM orders WHERE user_id = 42")).containsExactly("[10]");
    }

    @Test
    void unselectiveOrUnindexedConditionsScanTheTable() {
        run("CREATE INDEX o_user ON orders (user_id)");
        assertThat(plan("SELECT * FROM orders WHERE user_id > 3")).containsExactly("Seq Scan on orders");
        assertThat(plan("SELECT * FROM orders WHERE note = 'n5'")).containsExactly("Seq Scan on orders");
    }
}
