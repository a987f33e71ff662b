package io.shaledb.sql.constraint;

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

/** Constraints as catalog objects: durable over a restart, undone by ROLLBACK, savepoints and names. */
class ConstraintCatalogTest {

    private static List<String> rows(SqlSession s, String sql) {
        return CollectedRows.asText(s, sql);
    }

    private static SqlState stateOf(SqlSession s, String sql) {
        try {
            rows(s, sql);
        } catch (SqlException e) {
            return e.state();
        }
        return null;
    }

    @Test
    void constraintsSurviveAReopenAndUncommittedOnesDoNot() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);"
                    + "CREATE TABLE c (id int, p_id int REFERENCES p ON DELETE CASCADE, x int CONSTRAINT pos CHECK (x > 0))");
            rows(s, "INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1, 1, 1)");
            rows(s, "ALTER TABLE c ADD CONSTRAINT small CHECK (x < 10) NOT VALID");
            rows(s, "BEGIN; ALTER TABLE c ADD CONSTRAINT gone CHECK (x < 5)");
            // dropped with the block open, as a crash would
        }
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            assertThat(rows(s, "SELECT conname, contype, convalidated FROM pg_constraint ORDER BY conname")).containsExactly(
                    "[c_p_id_fkey, f, true]", "[p_code_key, u, true]", "[p_pkey, p, true]", "[pos, c, true]", "[small, c, false]");
            assertThat(stateOf(s, "INSERT INTO c VALUES (2, 1, 0)")).isEqualTo(SqlState.CHECK_VIOLATION);
            assertThat(stateOf(s, "INSERT INTO c VALUES (2, 1, 50)")).isEqualTo(SqlState.CHECK_VIOLATION);
            assertThat(stateOf(s, "INSERT INTO c VALUES (2, 9, 5)")).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
            assertThat(stateOf(s, "INSERT INTO p VALUES (2, 'a')")).isEqualTo(SqlState.UNIQUE_VIOLATION);
            rows(s, "INSERT INTO c VALUES (2, 1, 7)"); // "gone" never committed
            rows(s, "DELETE FROM p WHERE id = 1");
            assertThat(rows(s, "SELECT count(*) FROM c")).containsExactly("[0]");
        }
    }

    @Test
    void rollbackAndRollbackToSavepointUndoConstraintDdl() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int)");
            rows(s, "BEGIN; ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p; SAVEPOINT s1;"
                    + "ALTER TABLE c ADD CHECK (id > 0); ALTER TABLE c DROP CONSTRAINT c_p_id_fkey; ROLLBACK TO SAVEPOINT s1");
            assertThat(rows(s, "SELECT conname FROM pg_constraint WHERE conname LIKE 'c_%' ORDER BY conname"))
                    .containsExactly("[c_p_id_fkey]");
            assertThat(stateOf(s, "INSERT INTO c VALUES (1, 5)")).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
            rows(s, "ROLLBACK");
            assertThat(rows(s, "SELECT conname FROM pg_constraint WHERE conname LIKE 'c_%'")).isEmpty();
            rows(s, "INSERT INTO c VALUES (-1, 5)");
        }
    }

    @Test
    void renamedColumnsAreFollowedAndDroppedColumnsTakeTheirConstraints() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (a int CHECK (a > 0), b int REFERENCES p, z int CHECK (z < 9))");
            rows(s, "ALTER TABLE c RENAME COLUMN a TO \"A x\"; ALTER TABLE p RENAME COLUMN id TO key");
            assertThat(rows(s, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conname LIKE 'c_%' ORDER BY conname"))
                    .containsExactly("[c_a_check, CHECK ((\"A x\" > 0))]", "[c_b_fkey, FOREIGN KEY (b) REFERENCES p(key)]",
                            "[c_z_check, CHECK ((z < 9))]");
            assertThat(stateOf(s, "INSERT INTO c VALUES (0, NULL, 1)")).isEqualTo(SqlState.CHECK_VIOLATION);
            rows(s, "ALTER TABLE c DROP COLUMN z");
            assertThat(rows(s, "SELECT conname FROM pg_constraint WHERE conname LIKE 'c_%' ORDER BY conname"))
                    .containsExactly("[c_a_check]", "[c_b_fkey]");
            rows(s, "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1)");
            assertThat(stateOf(s, "DELETE FROM p")).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
        }
    }

    @Test
    void addPrimaryKeyRewritesTheRowsUnderTheKey() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE t (a int, b text); INSERT INTO t VALUES (2, 'x'), (1, 'y')");
            assertThat(stateOf(s, "ALTER TABLE t ADD PRIMARY KEY (b, a); INSERT INTO t VALUES (3, NULL)"))
                    .isEqualTo(SqlState.NOT_NULL_VIOLATION);
            rows(s, "INSERT INTO t VALUES (1, 'x')");
            assertThat(stateOf(s, "ALTER TABLE t ADD CONSTRAINT t_key PRIMARY KEY (a)")).isEqualTo(SqlState.UNIQUE_VIOLATION);
            rows(s, "ALTER TABLE t ADD CONSTRAINT t_key PRIMARY KEY (a, b)");
            assertThat(stateOf(s, "INSERT INTO t VALUES (1, 'x')")).isEqualTo(SqlState.UNIQUE_VIOLATION);
            assertThat(db.catalog().table("t").primaryKeyLength()).isEqualTo(2);
            assertThat(rows(s, "SELECT * FROM t ORDER BY a, b")).containsExactly("[1, x]", "[1, y]", "[2, x]");
            assertThat(stateOf(s, "ALTER TABLE t ADD PRIMARY KEY (b)")).isEqualTo(SqlState.INVALID_TABLE_DEFINITION);
        }
    }

    @Test
    void dropSchemaCascadeTakesTheForeignKeysThatReferenceItsTables() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, "CREATE SCHEMA s; CREATE TABLE s.p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int REFERENCES s.p)");
            assertThat(stateOf(s, "INSERT INTO c VALUES (1, 1)")).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
            rows(s, "DROP SCHEMA s CASCADE");
            assertThat(rows(s, "SELECT conname FROM pg_constraint")).isEmpty();
            rows(s, "INSERT INTO c VALUES (1, 1)");
            assertThat(rows(s, "SELECT * FROM c")).containsExactly("[1, 1]");
        }
    }

    @Test
    void generatedNamesSkipTakenOnesAndStayShort() {
        assertThat(ConstraintNames.choose("t", List.of("a", "b"), "key", n -> n.equals("t_a_b_key"))).isEqualTo("t_a_b_key1");
        assertThat(ConstraintNames.choose("t", List.of(), "check", n -> false)).isEqualTo("t_check");
        String longName = ConstraintNames.choose("a".repeat(40), List.of("b".repeat(40)), "fkey", n -> false);
        assertThat(longName).hasSize(63).endsWith("_fkey");
        assertThat(longName).isEqualTo("a".repeat(29) + "_" + "b".repeat(28) + "_fkey");
    }
}
