package io.shaledb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Model-based test of index maintenance: random INSERT / UPDATE / DELETE statements (some in
 * transactions that roll back) on a table with a unique, a partial unique expression, a
 * descending covering and a composite index, checked against a {@link TreeMap} of rows. After
 * every statement the table must equal the model, a statement must fail with 23505 exactly when
 * the model says it breaks a unique index (checked row by row in key order, as the executor
 * visits rows), and every index must hold exactly its rows' entries ({@code shale_index_check}).
 */
class IndexModelTest {
    /** One row of the model: (id, a, b, c). */
    record Row(int id, Integer a, String b, int c) {}

    sealed interface Op permits Insert, Update, Delete, Bump, RolledBack {}

    record Insert(Row row) implements Op {}

    record Update(int id, Integer a, String b) implements Op {}

    record Delete(int id) implements Op {}

    /** {@code UPDATE t SET c = c + d WHERE c >= from}: many rows, visited in key order. */
    record Bump(int from, int d) implements Op {}

    /** A statement run in a transaction that is then rolled back: no effect. */
    record RolledBack(Op op) implements Op {}

    private static final String[] INDEXES = {"t_a", "t_lower_b", "t_b_desc", "t_c_a"};

    @Property(tries = 40)
    void indexesFollowTheRows(@ForAll("ops") List<Op> ops) {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            run(s, "CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int NOT NULL)");
            run(s, "CREATE UNIQUE INDEX t_a ON t (a)");
            run(s, "CREATE UNIQUE INDEX t_lower_b ON t (lower(b)) WHERE c > 0");
            run(s, "CREATE INDEX t_b_desc ON t (b DESC NULLS LAST) INCLUDE (c)");
            run(s, "CREATE INDEX t_c_a ON t (c, a)");
            TreeMap<Integer, Row> model = new TreeMap<>();
            for (Op op : ops) {
                step(s, model, op);
                assertEquals(render(model), CollectedRows.asText(s, "SELECT id, a, b, c FROM t ORDER BY id"), "after " + op);
                for (String index : INDEXES) {
                    List<Object[]> n = CollectedRows.of(s, "SELECT shale_index_check('" + index + "')");
                    assertTrue(((Number) n.getFirst()[0]).longValue() >= 0);
                }
            }
        }
    }

    private static void step(SqlSession s, TreeMap<Integer, Row> model, Op op) {
        if (op instanceof RolledBack rb) {
            run(s, "BEGIN");
            try {
                s.execute(sql(rb.op()), new CollectedRows());
            } catch (SqlException e) {
                assertEquals("23505", e.state().code(), e.getMessage()); // the transaction is aborted; ROLLBACK ends it
            }
            run(s, "ROLLBACK");
            return;
        }
        TreeMap<Integer, Row> after = apply(model, op);
        try {
            s.execute(sql(op), new CollectedRows());
            assertTrue(after != null, "expected a unique violation: " + op);
            model.clear();
            model.putAll(after);
        } catch (SqlException e) {
            assertEquals("23505", e.state().code(), e.getMessage());
            assertTrue(after == null, "unexpected " + e.getMessage() + " for " + op);
        }
    }

    /** The model after {@code op}, or null when {@code op} breaks a unique key (the primary key at statement end). */
    private static TreeMap<Integer, Row> apply(TreeMap<Integer, Row> model, Op op) {
        TreeMap<Integer, Row> m = new TreeMap<>(model);
        switch (op) {
            case Insert i -> {
                if (m.containsKey(i.row().id()) || conflicts(m, i.row(), -1)) {
                    return null;
                }
                m.put(i.row().id(), i.row());
            }
            case Update u -> {
                Row old = m.get(u.id());
                if (old != null) {
                    Row row = new Row(old.id(), u.a(), u.b(), old.c());
                    if (conflicts(m, row, old.id())) {
                        return null;
                    }
                    m.put(old.id(), row);
                }
            }
            case Delete d -> m.remove(d.id());
            case Bump b -> {
                for (Row old : new ArrayList<>(m.values())) {
                    if (old.c() >= b.from()) {
                        Row row = new Row(old.id(), old.a(), old.b(), old.c() + b.d());
                        if (conflicts(m, row, old.id())) {
                            return null;
                        }
                        m.put(old.id(), row);
                    }
                }
            }
            case RolledBack rb -> throw new IllegalStateException();
        }
        return m;
    }

    /** Whether {@code row} collides with a row other than {@code self} in t_a or t_lower_b. */
    private static boolean conflicts(TreeMap<Integer, Row> m, Row row, int self) {
        for (Row other : m.values()) {
            if (other.id() == self || other.id() == row.id()) {
                continue;
            }
            if (row.a() != null && row.a().equals(other.a())) {
                return true;
            }
            if (row.c() > 0 && other.c() > 0 && row.b() != null && other.b() != null
                    && row.b().toLowerCase(Locale.ROOT).equals(other.b().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String sql(Op op) {
        return switch (op) {
            case Insert i -> "INSERT INTO t VALUES (" + i.row().id() + ", " + i.row().a() + ", " + text(i.row().b()) + ", " + i.row().c() + ")";
            case Update u -> "UPDATE t SET a = " + u.a() + ", b = " + text(u.b()) + " WHERE id = " + u.id();
            case Delete d -> "DELETE FROM t WHERE id = " + d.id();
            case Bump b -> "UPDATE t SET c = c + " + b.d() + " WHERE c >= " + b.from();
            case RolledBack rb -> sql(rb.op());
        };
    }

    private static String text(String b) {
        return b == null ? "NULL" : "'" + b + "'";
    }

    private static List<String> render(TreeMap<Integer, Row> model) {
        return model.values().stream().map(r -> "[" + r.id() + ", " + r.a() + ", " + r.b() + ", " + r.c() + "]").toList();
    }

    private static void run(SqlSession s, String sql) {
        s.execute(sql, new CollectedRows());
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> id = Arbitraries.integers().between(1, 12);
        Arbitrary<Integer> a = Arbitraries.integers().between(1, 15).injectNull(0.2);
        Arbitrary<String> b = Arbitraries.of("x", "X", "y", "Y", "z", "w").injectNull(0.2);
        Arbitrary<Integer> c = Arbitraries.integers().between(-2, 3);
        Arbitrary<Op> insert = Combinators.combine(id, a, b, c).as((i, av, bv, cv) -> new Insert(new Row(i, av, bv, cv)));
        Arbitrary<Op> update = Combinators.combine(id, a, b).as(Update::new);
        Arbitrary<Op> delete = id.map(Delete::new);
        Arbitrary<Op> bump = Combinators.combine(Arbitraries.integers().between(-2, 3), Arbitraries.integers().between(-1, 2)).as(Bump::new);
        Arbitrary<Op> plain = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, insert), net.jqwik.api.Tuple.of(3, update), net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(2, bump));
        Arbitrary<Op> any = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, plain), net.jqwik.api.Tuple.of(1, plain.map(RolledBack::new)));
        return any.list().ofMinSize(5).ofMaxSize(40).filter(Objects::nonNull);
    }
}
