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
                + " (g % 1000) / 7.0, 'c' || (g % 10), 'n' || g FROM generate_series(1, 1500) g");
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
        assertThat(rows("SELECT count(*) FROM orders WHERE user_id = 42")).containsExactly("[3]");
    }

    @Test
    void unselectiveOrUnindexedConditionsScanTheTable() {
        run("CREATE INDEX o_user ON orders (user_id)");
        assertThat(plan("SELECT * FROM orders WHERE user_id > 3")).containsExactly("Seq Scan on orders");
        assertThat(plan("SELECT * FROM orders WHERE note = 'n5'")).containsExactly("Seq Scan on orders");
    }

    @Test
    void inListsAndRangesOnACompositeIndexFollowTheLeftmostPrefixRule() {
        run("CREATE INDEX o_status_created ON orders (status, created_at DESC)");
        String q = "SELECT id FROM orders WHERE status IN ('pending', 'processing') AND created_at > timestamp '2024-01-03'";
        assertThat(plan(q)).containsExactly("Index Scan using o_status_created on orders");
        assertThat(rows(q + " ORDER BY id")).isEqualTo(rows(q.replace("status IN", "status || '' IN") + " ORDER BY id"));
        // the second key alone is no leading prefix
        assertThat(plan("SELECT id FROM orders WHERE created_at = timestamp '2024-01-02'")).containsExactly("Seq Scan on orders");
        assertThat(rows("SELECT count(*) FROM orders WHERE status IS NULL")).isEqualTo(rows("SELECT count(*) FROM orders WHERE status || '' IS NULL"));
        assertThat(plan("SELECT id FROM orders WHERE status IS NULL")).containsExactly("Index Scan using o_status_created on orders");
    }

    @Test
    void partialIndexOnlyWhenTheQueryImpliesItsPredicate() {
        run("CREATE INDEX o_open ON orders (status, created_at DESC) WHERE status IN ('pending', 'processing')");
        assertThat(plan("SELECT id FROM orders WHERE status IN ('pending') AND created_at > timestamp '2024-01-03'"))
                .containsExactly("Index Scan using o_open on orders");
        assertThat(plan("SELECT id FROM orders WHERE status = 'processing'")).containsExactly("Index Scan using o_open on orders");
        assertThat(plan("SELECT id FROM orders WHERE status = 'done'")).containsExactly("Seq Scan on orders");
        assertThat(plan("SELECT id FROM orders WHERE status IN ('pending', 'done')")).containsExactly("Seq Scan on orders");
        assertThat(rows("SELECT id FROM orders WHERE status = 'processing' ORDER BY id"))
                .isEqualTo(rows("SELECT id FROM orders WHERE status || '' = 'processing' ORDER BY id"));
        run("CREATE INDEX o_big ON orders (user_id) WHERE amount > 100");
        assertThat(plan("SELECT id FROM orders WHERE user_id = 7 AND amount > 120")).containsExactly("Index Scan using o_big on orders");
        assertThat(plan("SELECT id FROM orders WHERE user_id = 7 AND amount >= 100")).containsExactly("Seq Scan on orders");
    }

    @Test
    void expressionIndexMatchesTheSameExpression() {
        run("CREATE INDEX o_note_upper ON orders (upper(note))");
        assertThat(plan("SELECT id FROM orders WHERE upper(note) = 'N77'")).containsExactly("Index Scan using o_note_upper on orders");
        assertThat(rows("SELECT id FROM orders WHERE upper(note) = 'N77'")).containsExactly("[77]");
        assertThat(plan("SELECT id FROM orders WHERE lower(note) = 'n77'")).containsExactly("Seq Scan on orders");
    }

    @Test
    void indexOnlyScanReturnsTheStoredValuesExactly() {
        run("CREATE INDEX o_user_cover ON orders (user_id) INCLUDE (amount, code)");
        String q = "SELECT user_id, amount, code FROM orders WHERE user_id = 3 ORDER BY amount";
        assertThat(plan(q)).containsExactly("Index Only Scan using o_user_cover on orders");
        assertThat(rows(q)).isEqualTo(rows("SELECT user_id, amount, code FROM orders WHERE user_id + 0 = 3 ORDER BY amount"));
        assertThat(rows(q).getFirst()).isEqualTo("[3, 0.43, c3  ]");
        // a column outside the index needs the table
        assertThat(plan("SELECT note FROM orders WHERE user_id = 3")).containsExactly("Index Scan using o_user_cover on orders");
        assertThat(plan("SELECT count(*) FROM orders WHERE user_id = 3")).containsExactly("Index Only Scan using o_user_cover on orders");
        assertThat(rows("SELECT sum(amount) FROM orders WHERE user_id = 3"))
                .isEqualTo(rows("SELECT sum(amount) FROM orders WHERE user_id + 0 = 3"));
    }

    @Test
    void anIndexDeliversTheOrderAndLimitStopsEarly() {
        run("CREATE INDEX o_created ON orders (created_at)");
        String q = "SELECT id, created_at FROM orders ORDER BY created_at DESC LIMIT 3";
        assertThat(plan(q)).containsExactly("Index Scan Backward using o_created on orders");
        assertThat(rows(q)).isEqualTo(rows("SELECT id, created_at FROM orders ORDER BY created_at + interval '0 s' DESC LIMIT 3"));
        assertThat(plan("SELECT id FROM orders ORDER BY created_at LIMIT 5")).containsExactly("Index Scan using o_created on orders");
        // NULLS FIRST on an ascending key is not the index's order
        assertThat(plan("SELECT id FROM orders ORDER BY created_at NULLS FIRST LIMIT 5")).containsExactly("Seq Scan on orders");
    }

    @Test
    void descendingNullsFirstKeysOrderAndRangeCorrectly() {
        run("CREATE TABLE n (id int PRIMARY KEY, v int)");
        run("INSERT INTO n SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE g % 50 END FROM generate_series(1, 3000) g");
        run("CREATE INDEX n_v ON n (v DESC)");
        for (String cond : List.of("v > 40", "v >= 40", "v < 3", "v <= 3", "v BETWEEN 10 AND 12", "v IS NULL", "v IN (1, 49, 7)")) {
            String q = "SELECT id, v FROM n WHERE " + cond;
            assertThat(rows(q + " ORDER BY id")).as(cond).isEqualTo(rows(q.replace("v ", "(v + 0) ") + " ORDER BY id"));
        }
        String ordered = "SELECT v FROM n WHERE v < 5 ORDER BY v DESC LIMIT 400";
        assertThat(plan(ordered)).containsExactly("Index Only Scan using n_v on n");
        assertThat(rows(ordered)).isEqualTo(rows("SELECT v FROM n WHERE v + 0 < 5 ORDER BY v DESC LIMIT 400"));
        String nullsFirst = "SELECT id, v FROM n ORDER BY v DESC, id LIMIT 10";
        assertThat(rows(nullsFirst).getFirst()).isEqualTo("[5, null]");
        assertThat(rows("SELECT v FROM n ORDER BY v ASC LIMIT 3")).containsExactly("[1]", "[1]", "[1]");
        assertThat(plan("SELECT v FROM n ORDER BY v ASC LIMIT 3")).containsExactly("Index Only Scan Backward using n_v on n");
    }

    @Test
    void primaryKeyRangesAndOrderReadTheTableInKeyOrder() {
        assertThat(plan("SELECT * FROM orders WHERE id BETWEEN 100 AND 110")).containsExactly("Index Scan using orders_pkey on orders");
        assertThat(rows("SELECT id FROM orders WHERE id BETWEEN 100 AND 103")).containsExactly("[100]", "[101]", "[102]", "[103]");
        assertThat(plan("SELECT id FROM orders WHERE id IN (5, 3, 9)")).containsExactly("Index Scan using orders_pkey on orders");
        assertThat(rows("SELECT id FROM orders WHERE id IN (5, 3, 9, 3)")).containsExactly("[3]", "[5]", "[9]");
        String keyset = "SELECT id FROM orders WHERE id > 1490 ORDER BY id DESC LIMIT 3";
        assertThat(plan(keyset)).containsExactly("Index Scan Backward using orders_pkey on orders");
        assertThat(rows(keyset)).containsExactly("[1500]", "[1499]", "[1498]");
        // one key by primary key stays a point lookup
        assertThat(plan("SELECT * FROM orders WHERE id = 7")).containsExactly("Index Scan using orders_pkey on orders");
        assertThat(rows("SELECT id FROM orders WHERE id = 7")).containsExactly("[7]");
    }

    @Test
    void correlatedSubqueriesSeekTheIndexPerOuterRow() {
        run("CREATE INDEX o_user ON orders (user_id)");
        run("CREATE TABLE users (id int PRIMARY KEY, name text)");
        run("INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 20) g");
        String q = "SELECT u.id, (SELECT count(*) FROM orders o WHERE o.user_id = u.id) FROM users u ORDER BY u.id";
        List<String> trace = plan(q);
        assertThat(trace).contains("Index Only Scan using o_user on orders");
        assertThat(rows(q)).isEqualTo(rows(q.replace("o.user_id = u.id", "o.user_id + 0 = u.id")));
    }

    @Test
    void aSelectiveOuterSideJoinsByIndexNestedLoop() {
        run("CREATE INDEX o_user ON orders (user_id)");
        run("CREATE TABLE users (id int PRIMARY KEY, name text)");
        run("INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 1200) g");
        String q = "SELECT u.name, o.id FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = 10";
        assertThat(plan(q)).containsExactly("Index Scan using users_pkey on users", "Index Scan using o_user on orders",
                "Nested Loop");
        assertThat(rows(q + " ORDER BY o.id")).containsExactly("[u10, 10]", "[u10, 510]", "[u10, 1010]");
        assertThat(rows(q + " ORDER BY o.id")).isEqualTo(rows(q.replace("o.user_id = u.id", "o.user_id + 0 = u.id") + " ORDER BY o.id"));
        // from orders to users: one primary-key probe per order
        String back = "SELECT o.id, u.name FROM orders o JOIN users u ON u.id = o.user_id WHERE o.user_id = 5 AND o.status = 'done'";
        assertThat(plan(back)).containsExactly("Index Scan using o_user on orders", "Index Scan using users_pkey on users",
                "Nested Loop");
        assertThat(rows(back + " ORDER BY o.id")).containsExactly("[5, u5]", "[505, u5]", "[1005, u5]");
        // an unselective outer side hashes
        assertThat(plan("SELECT count(*) FROM users u JOIN orders o ON o.user_id = u.id")).doesNotContain("Nested Loop");
    }

    @Test
    void updateAndDeleteFindTheirRowsThroughAnIndex() {
        run("CREATE INDEX o_user ON orders (user_id)");
        assertThat(plan("UPDATE orders SET note = 'x' WHERE user_id = 9")).containsExactly("Index Scan using o_user on orders");
        assertThat(rows("SELECT id FROM orders WHERE note = 'x' ORDER BY id")).containsExactly("[9]", "[509]", "[1009]");
        // the key itself changes: the rows move in the index
        run("UPDATE orders SET user_id = 10009 WHERE user_id = 9");
        assertThat(rows("SELECT id FROM orders WHERE user_id = 10009 ORDER BY id")).containsExactly("[9]", "[509]", "[1009]");
        assertThat(rows("SELECT id FROM orders WHERE user_id = 9")).isEmpty();
        assertThat(plan("DELETE FROM orders WHERE user_id IN (10009, 11)")).containsExactly("Index Scan using o_user on orders");
        assertThat(rows("SELECT count(*) FROM orders WHERE user_id + 0 IN (10009, 11)")).containsExactly("[0]");
        assertThat(rows("SELECT count(*) FROM orders")).containsExactly("[1494]");
        assertThat(rows("SELECT id FROM orders WHERE id BETWEEN 8 AND 12 FOR UPDATE")).containsExactly("[8]", "[10]", "[12]");
    }
}
