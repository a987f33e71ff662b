package io.shaledb.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** End-to-end behaviour through the public API: result shapes, persistence, atomicity, concurrency. */
class SqlDatabaseTest {

    /** Records everything a statement sends. */
    static final class Recorder implements ResultSink {
        final List<List<ColumnInfo>> columns = new ArrayList<>();
        final List<Object[]> rows = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        int emptyQueries;

        @Override
        public void columns(List<ColumnInfo> cols) {
            columns.add(cols);
        }

        @Override
        public void row(Object[] values) {
            rows.add(values);
        }

        @Override
        public void complete(String tag) {
            tags.add(tag);
        }

        @Override
        public void emptyQuery() {
            emptyQueries++;
        }
    }

    private static Recorder run(SqlSession s, String sql) {
        Recorder r = new Recorder();
        s.execute(sql, r);
        return r;
    }

    @Test
    void describesResultColumnsLikePostgres() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            run(s, "CREATE TABLE t (id int PRIMARY KEY, name text, big bigint)");
            Recorder r = run(s, "SELECT 1, id + 1, name, big AS b, count(*) OVER_ALIAS FROM t GROUP BY id, name, big"
                    .replace(" OVER_ALIAS", ""));
            List<ColumnInfo> cols = r.columns.getFirst();
            assertThat(cols).extracting(ColumnInfo::name).containsExactly("?column?", "?column?", "name", "b", "count");
            assertThat(cols).extracting(ColumnInfo::type)
                    .containsExactly(SqlType.INTEGER, SqlType.INTEGER, SqlType.TEXT, SqlType.BIGINT, SqlType.BIGINT);
            int oid = db.catalog().table("t").oid();
            assertThat(cols.get(2).tableOid()).isEqualTo(oid);
            assertThat(cols.get(2).columnNumber()).isEqualTo((short) 2);
            assertThat(cols.get(1).tableOid()).isZero();
            assertThat(r.tags).containsExactly("SELECT 0");
        }
    }

    @Test
    void commandTags() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            Recorder r = run(s, "CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2), (3); UPDATE t SET a = a + 1 WHERE a > 1;"
                    + " DELETE FROM t WHERE a = 4; SELECT * FROM t; DROP TABLE t");
            assertThat(r.tags).containsExactly("CREATE TABLE", "INSERT 0 3", "UPDATE 2", "DELETE 1", "SELECT 2", "DROP TABLE");
            assertThat(r.rows).extracting(row -> row[0]).containsExactly(1, 3);
        }
    }

    @Test
    void emptyQueryStrings() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            for (String sql : List.of("", "   ", ";", " ; ;", "-- nothing", "/* nothing */")) {
                Recorder r = run(s, sql);
                assertThat(r.emptyQueries).as(sql).isEqualTo(1);
                assertThat(r.tags).isEmpty();
            }
        }
    }

    @Test
    void catalogAndRowsSurviveANewDatabaseOnTheSameEngine() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            run(s, "CREATE TABLE kv (k text, n bigint, v varchar(4), PRIMARY KEY (n, k))");
            run(s, "CREATE TABLE heap (x int)");
            run(s, "CREATE TABLE gone (x int)");
            run(s, "INSERT INTO kv VALUES ('a', 1, 'x'), ('b', 1, NULL); INSERT INTO heap VALUES (10), (20)");
            run(s, "DROP TABLE gone");
        }
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            assertThat(db.catalog().tables()).extracting(t -> t.name()).containsExactly("heap", "kv");
            assertThat(run(s, "SELECT * FROM kv ORDER BY k").rows).containsExactly(new Object[] {"a", 1L, "x"},
                    new Object[] {"b", 1L, null});
            assertThatThrownBy(() -> run(s, "INSERT INTO kv VALUES ('a', 1, 'y')")).hasMessageContaining("kv_pkey");
            assertThatThrownBy(() -> run(s, "INSERT INTO kv VALUES ('c', 1, 'toolong')"))
                    .hasMessage("value too long for type character varying(4)");
            // hidden row ids continue after the highest stored one, so nothing is overwritten
            run(s, "INSERT INTO heap VALUES (30)");
            assertThat(run(s, "SELECT x FROM heap").rows).extracting(r -> r[0]).containsExactly(10, 20, 30);
            // table ids are never reused: a new table does not see the dropped table's id
            // (ids: kv 1, its primary-key constraint 2, heap 3, gone 4)
            run(s, "CREATE TABLE newer (x int)");
            assertThat(db.catalog().table("newer").id()).isEqualTo(5);
        }
    }

    @Test
    void aFailingInsertWritesNothing() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            run(s, "CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)");
            run(s, "INSERT INTO t VALUES (1, 1)");
            assertThatThrownBy(() -> run(s, "INSERT INTO t VALUES (2, 2), (3, 3), (1, 9)"))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
                        assertThat(e.detail()).isEqualTo("Key (id)=(1) already exists.");
                    });
            assertThatThrownBy(() -> run(s, "INSERT INTO t VALUES (4, 4), (5, NULL)"))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.NOT_NULL_VIOLATION));
            assertThatThrownBy(() -> run(s, "INSERT INTO t VALUES (6, 6), (7, 1 / 0)"))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DIVISION_BY_ZERO));
            // the failed statements' versions stay in the engine (aborted) until vacuum; nobody sees them
            assertThat(run(s, "SELECT id, v FROM t").rows).containsExactly(new Object[] {1, 1});
        }
    }

    @Test
    void aFailingUpdateOrDeleteWritesNothing() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            run(s, "CREATE TABLE t (id int PRIMARY KEY, v int)");
            run(s, "INSERT INTO t VALUES (1, 10), (2, 20), (3, 0), (4, 40)");
            assertThatThrownBy(() -> run(s, "UPDATE t SET v = 100 / v")).hasMessage("division by zero");
            assertThatThrownBy(() -> run(s, "UPDATE t SET id = 1 WHERE id > 2")).hasMessageContaining("t_pkey");
            assertThatThrownBy(() -> run(s, "DELETE FROM t WHERE 10 / v > 0")).hasMessage("division by zero");
            assertThat(run(s, "SELECT id, v FROM t").rows).containsExactly(new Object[] {1, 10}, new Object[] {2, 20},
                    new Object[] {3, 0}, new Object[] {4, 40});
        }
    }

    @Test
    void unexpectedFailuresBecomeInternalErrors() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            db.engine().close(); // the engine now throws IllegalStateException on every call
            assertThatThrownBy(() -> run(s, "CREATE TABLE t (a int)"))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.INTERNAL_ERROR);
                        // the cause stays with the server (logged); the client sees no Java text
                        assertThat(e.getMessage()).isEqualTo("internal error").doesNotContain("memory engine is closed");
                        assertThat(e.hint()).startsWith("The server log has the details under incident ");
                        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("memory engine is closed");
                    });
        }
    }

    @Test
    void concurrentSessionsDoNotLoseWrites() throws Exception {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine())) {
            try (SqlSession s = db.openSession()) {
                run(s, "CREATE TABLE c (id int PRIMARY KEY, n int); CREATE TABLE h (w int)");
                run(s, "INSERT INTO c VALUES (1, 0)");
            }
            int threads = 4;
            int perThread = 50;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    try (SqlSession s = db.openSession()) {
                        for (int i = 0; i < perThread; i++) {
                            run(s, "UPDATE c SET n = n + 1 WHERE id = 1");
                            run(s, "INSERT INTO h VALUES (" + worker + ")");
                            run(s, "SELECT count(*) FROM h");
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(errors).isEmpty();
            try (SqlSession s = db.openSession()) {
                assertThat(run(s, "SELECT n FROM c").rows.getFirst()[0]).isEqualTo(threads * perThread);
                assertThat(run(s, "SELECT count(*) FROM h").rows.getFirst()[0]).isEqualTo((long) threads * perThread);
            }
        }
    }

    /** Keys in the table-row space ('t'), leaving out the catalog and the commit log. */
    private static long rowKeys(MemoryEngine engine) {
        long n = 0;
        try (io.shaledb.storage.Cursor c = engine.scan(io.shaledb.storage.KeyRange.prefix(new byte[] {'t'}),
                io.shaledb.storage.Direction.FORWARD)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void tablesLiveInTheEngineTheyChoseAndTheCatalogRemembersIt() {
        MemoryEngine system = new MemoryEngine();
        MemoryEngine other = new MemoryEngine();
        Engines engines = new Engines("main", java.util.Map.of("main", system, "other", other));
        try (SqlDatabase db = new SqlDatabase(engines); SqlSession s = db.openSession()) {
            run(s, "CREATE TABLE here (id int PRIMARY KEY)");
            run(s, "CREATE TABLE there (id int PRIMARY KEY, v text) USING other");
            long systemRows = rowKeys(system);
            run(s, "INSERT INTO there VALUES (1, 'a'), (2, 'b')");
            run(s, "INSERT INTO here VALUES (7)");
            assertThat(other.size()).as("rows of 'there' live in its engine").isEqualTo(2);
            assertThat(rowKeys(system)).as("only 'here' grew the default engine's rows").isEqualTo(systemRows + 1);
            assertThat(db.catalog().table("there").engine()).isEqualTo("other");
            assertThat(db.catalog().table("here").engine()).isEqualTo("main");
            assertThatThrownBy(() -> run(s, "CREATE TABLE nowhere (id int) USING nosuch"))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_OBJECT);
                        assertThat(e.getMessage()).isEqualTo("access method \"nosuch\" does not exist");
                        assertThat(e.position()).isEqualTo(37);
                    });
        }
        // a new database on the same engines finds each table in its engine again
        try (SqlDatabase db = new SqlDatabase(engines); SqlSession s = db.openSession()) {
            assertThat(db.catalog().table("there").engine()).isEqualTo("other");
            assertThat(run(s, "SELECT v FROM there ORDER BY id").rows).extracting(r -> r[0]).containsExactly("a", "b");
            run(s, "DROP TABLE there, here");
            assertThat(other.size()).as("dropping a table removes its rows from its engine").isZero();
        }
    }
}
