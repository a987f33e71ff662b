package io.shaledb.sql.plpgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Triggers and functions end to end through sessions: durability, transactions, recursion, every DML path. */
class TriggersTest {

    private static List<String> rows(SqlSession s, String sql) {
        return CollectedRows.asText(s, sql);
    }

    private static final String AUDIT = """
            CREATE TABLE t (id int PRIMARY KEY, v int);
            CREATE TABLE audit (n serial, op text, old_v int, new_v int);
            CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                INSERT INTO audit (op, old_v) VALUES (TG_OP, OLD.v);
                RETURN OLD;
              END IF;
              IF TG_OP = 'UPDATE' THEN
                INSERT INTO audit (op, old_v, new_v) VALUES (TG_OP, OLD.v, NEW.v);
              ELSE
                INSERT INTO audit (op, new_v) VALUES (TG_OP, NEW.v);
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER t_audit AFTER INSERT OR UPDATE OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION audit();
            CREATE FUNCTION double_v() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := NEW.v * 2; RETURN NEW; END $$;
            CREATE TRIGGER t_double BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION double_v();
            """;

    @Test
    void functionsAndTriggersSurviveReopenButUncommittedOnesDoNot() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, AUDIT);
            rows(s, "BEGIN; CREATE FUNCTION gone() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;"
                    + " CREATE TRIGGER t_gone BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION double_v()");
            // the session is dropped with its block open, as a crash would
        }
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "INSERT INTO t VALUES (1, 5)");
            rows(s, "DELETE FROM t");
            assertThat(rows(s, "SELECT op, old_v, new_v FROM audit ORDER BY n"))
                    .containsExactly("[INSERT, null, 10]", "[DELETE, 10, null]");
            assertThatThrownBy(() -> rows(s, "SELECT gone()")).hasMessage("function gone() does not exist");
            assertThatThrownBy(() -> rows(s, "DROP TRIGGER t_gone ON t")).hasMessage("trigger \"t_gone\" for table \"t\" does not exist");
            assertThatThrownBy(() -> rows(s, "DROP FUNCTION audit()")).isInstanceOfSatisfying(SqlException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.DEPENDENT_OBJECTS_STILL_EXIST));
            rows(s, "DROP TABLE t");
            rows(s, "DROP FUNCTION audit()"); // the table's triggers went with it
        }
    }

    @Test
    void savepointRollbackForgetsTriggersCreatedAfterIt() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, AUDIT);
            rows(s, "BEGIN; SAVEPOINT a; DROP TRIGGER t_double ON t; ROLLBACK TO a; INSERT INTO t VALUES (1, 1); COMMIT");
            assertThat(rows(s, "SELECT v FROM t")).containsExactly("[2]");
        }
    }

    @Test
    void everyWritePathFiresRowTriggers() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, AUDIT);
            rows(s, "CREATE TABLE src (id int, v int); INSERT INTO src VALUES (1, 100), (2, 200)");
            rows(s, "INSERT INTO t SELECT id, v FROM src");
            rows(s, "UPDATE t SET v = src.v + 1 FROM src WHERE src.id = t.id AND t.id = 1");
            rows(s, "INSERT INTO t VALUES (2, 0) ON CONFLICT (id) DO UPDATE SET v = -1");
            rows(s, "DELETE FROM t USING src WHERE src.id = t.id AND src.v = 100");
            assertThat(rows(s, "SELECT op, old_v, new_v FROM audit ORDER BY n")).containsExactly(
                    "[INSERT, null, 200]", "[INSERT, null, 400]", "[UPDATE, 200, 101]", "[UPDATE, 400, -1]", "[DELETE, 101, null]");
            assertThat(rows(s, "SELECT * FROM t")).containsExactly("[2, -1]");
        }
    }

    @Test
    void copyFromFiresRowTriggersAndCountsOnlyRowsWritten() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, AUDIT);
            rows(s, """
                    CREATE FUNCTION skip_negative() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.v < 0 THEN
                        RETURN NULL;
                      END IF;
                      IF NEW.v > 1000 THEN
                        RAISE EXCEPTION 'too big: %', NEW.v;
                      END IF;
                      RETURN NEW;
                    END $$;
                    CREATE TRIGGER t_a_skip BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION skip_negative();
                    """);
            List<String> tags = new java.util.ArrayList<>();
            s.execute("COPY t FROM STDIN", copyClient("1\t5\n2\t-5\n3\t7\n", tags));
            assertThat(tags).containsExactly("COPY 2");
            assertThat(rows(s, "SELECT * FROM t ORDER BY id")).containsExactly("[1, 10]", "[3, 14]");
            assertThat(rows(s, "SELECT op, new_v FROM audit ORDER BY n")).containsExactly("[INSERT, 10]", "[INSERT, 14]");
            assertThatThrownBy(() -> s.execute("COPY t FROM STDIN", copyClient("4\t2000\n", tags)))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("too big: 2000");
                        assertThat(e.context()).isEqualTo("PL/pgSQL function skip_negative() line 7 at RAISE\n"
                                + "COPY t, line 1: \"4\t2000\"");
                    });
        }
    }

    private static io.shaledb.sql.ResultSink copyClient(String data, List<String> tags) {
        java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>(List.of(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new io.shaledb.sql.ResultSink() {
            @Override
            public void columns(List<io.shaledb.sql.ColumnInfo> columns) {}

            @Override
            public void row(Object[] values) {}

            @Override
            public void emptyQuery() {}

            @Override
            public void complete(String tag) {
                tags.add(tag);
            }

            @Override
            public io.shaledb.sql.CopyIn copyIn(io.shaledb.sql.CopyDescription description) {
                return chunks::poll;
            }
        };
    }

    @Test
    void runawayRecursionStopsWithStackDepthLimitExceeded() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, """
                    CREATE TABLE r (n int);
                    CREATE FUNCTION again() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      INSERT INTO r VALUES (NEW.n + 1);
                      RETURN NEW;
                    END $$;
                    CREATE TRIGGER r_again AFTER INSERT ON r FOR EACH ROW EXECUTE FUNCTION again();
                    """);
            assertThatThrownBy(() -> rows(s, "INSERT INTO r VALUES (1)")).isInstanceOfSatisfying(SqlException.class, e -> {
                assertThat(e.state()).isEqualTo(SqlState.STATEMENT_TOO_COMPLEX);
                assertThat(e.getMessage()).isEqualTo("stack depth limit exceeded");
                assertThat(e.context()).startsWith("SQL statement \"INSERT INTO r VALUES (NEW.n + 1)\"\n"
                        + "PL/pgSQL function again() line 3 at SQL statement");
            });
            assertThat(rows(s, "SELECT count(*) FROM r")).containsExactly("[0]");
            // a bounded recursion is fine
            rows(s, """
                    CREATE OR REPLACE FUNCTION again() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.n < 5 THEN
                        INSERT INTO r VALUES (NEW.n + 1);
                      END IF;
                      RETURN NEW;
                    END $$""");
            rows(s, "INSERT INTO r VALUES (1)");
            assertThat(rows(s, "SELECT count(*), max(n) FROM r")).containsExactly("[5, 5]");
        }
    }

    @Test
    void afterTriggersSeeTheWholeStatementsRows() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, """
                    CREATE TABLE t (id int);
                    CREATE TABLE seen (id int, total bigint);
                    CREATE FUNCTION count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
                    DECLARE c bigint;
                    BEGIN
                      SELECT count(*) INTO c FROM t;
                      INSERT INTO seen VALUES (NEW.id, c);
                      RETURN NULL;
                    END $$;
                    CREATE TRIGGER t_count AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION count_rows();
                    """);
            rows(s, "INSERT INTO t VALUES (1), (2), (3)");
            assertThat(rows(s, "SELECT id, total FROM seen ORDER BY id")).containsExactly("[1, 3]", "[2, 3]", "[3, 3]");
        }
    }

    @Test
    void aThousandRowsThroughBeforeAndAfterTriggers() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, AUDIT);
            long start = System.nanoTime();
            rows(s, "INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g");
            long millis = (System.nanoTime() - start) / 1_000_000;
            org.slf4j.LoggerFactory.getLogger(TriggersTest.class).info("1000 rows through BEFORE and AFTER row triggers: {} ms", millis);
            assertThat(rows(s, "SELECT count(*), sum(v) FROM t")).containsExactly("[1000, 1001000]");
            assertThat(rows(s, "SELECT count(*) FROM audit")).containsExactly("[1000]");
        }
    }
}
