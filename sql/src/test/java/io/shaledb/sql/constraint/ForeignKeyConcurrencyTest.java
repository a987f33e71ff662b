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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sessions racing a referencing INSERT against a DELETE of the referenced row: the FOR KEY
 * SHARE lock the INSERT takes makes the DELETE wait, and whichever commits first wins, as in
 * PostgreSQL (READ COMMITTED).
 */
class ForeignKeyConcurrencyTest {
    private SqlDatabase db;
    private SqlSession a;
    private SqlSession b;

    @BeforeEach
    void setUp() {
        db = new SqlDatabase(new MemoryEngine());
        a = db.openSession();
        b = db.openSession();
        run(a, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);"
                + "INSERT INTO p VALUES (1), (2)");
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        db.close();
    }

    private static List<String> run(SqlSession s, String sql) {
        return CollectedRows.asText(s, sql);
    }

    /** Runs {@code sql} on another thread and checks that it is still waiting a moment later. */
    private static CompletableFuture<List<String>> blocked(SqlSession s, String sql) throws InterruptedException {
        CompletableFuture<List<String>> f = CompletableFuture.supplyAsync(() -> run(s, sql));
        Thread.sleep(300);
        assertThat(f).as("waits for the other transaction's row lock").isNotDone();
        return f;
    }

    @Test
    void deleteOfTheParentWaitsForTheChildInsertAndFailsOnceItCommits() throws Exception {
        run(a, "BEGIN; INSERT INTO c VALUES (10, 1)");
        CompletableFuture<List<String>> delete = blocked(b, "DELETE FROM p WHERE id = 1");
        run(a, "COMMIT");
        SqlException e = failureOf(delete);
        assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
        assertThat(e.getMessage()).isEqualTo("update or delete on table \"p\" violates foreign key constraint \"c_p_id_fkey\" on table \"c\"");
        assertThat(e.detail()).isEqualTo("Key (id)=(1) is still referenced from table \"c\".");
        assertThat(run(b, "SELECT id FROM p ORDER BY id")).containsExactly("[1]", "[2]");
    }

    @Test
    void deleteOfTheParentGoesAheadWhenTheChildInsertRollsBack() throws Exception {
        run(a, "BEGIN; INSERT INTO c VALUES (10, 1)");
        CompletableFuture<List<String>> delete = blocked(b, "DELETE FROM p WHERE id = 1");
        run(a, "ROLLBACK");
        delete.get(10, TimeUnit.SECONDS);
        assertThat(run(b, "SELECT id FROM p ORDER BY id")).containsExactly("[2]");
    }

    @Test
    void childInsertWaitsForTheParentDeleteAndFailsOnceItCommits() throws Exception {
        run(a, "BEGIN; DELETE FROM p WHERE id = 1");
        CompletableFuture<List<String>> insert = blocked(b, "INSERT INTO c VALUES (10, 1)");
        run(a, "COMMIT");
        SqlException e = failureOf(insert);
        assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
        assertThat(e.detail()).isEqualTo("Key (p_id)=(1) is not present in table \"p\".");
        assertThat(run(b, "SELECT count(*) FROM c")).containsExactly("[0]");
    }

    @Test
    void childInsertGoesAheadWhenTheParentDeleteRollsBack() throws Exception {
        run(a, "BEGIN; DELETE FROM p WHERE id = 1");
        CompletableFuture<List<String>> insert = blocked(b, "INSERT INTO c VALUES (10, 1)");
        run(a, "ROLLBACK");
        insert.get(10, TimeUnit.SECONDS);
        assertThat(run(b, "SELECT * FROM c")).containsExactly("[10, 1]");
    }

    @Test
    void aNonKeyUpdateOfTheParentDoesNotWaitForTheChildInsert() throws Exception {
        run(a, "ALTER TABLE p ADD COLUMN note text");
        run(a, "BEGIN; INSERT INTO c VALUES (10, 1)");
        CompletableFuture.supplyAsync(() -> run(b, "UPDATE p SET note = 'x' WHERE id = 1")).get(10, TimeUnit.SECONDS);
        run(a, "COMMIT");
        assertThat(run(b, "SELECT * FROM c")).containsExactly("[10, 1]");
    }

    @Test
    void aKeyUpdateOfTheParentWaitsAndFails() throws Exception {
        run(a, "BEGIN; INSERT INTO c VALUES (10, 2)");
        CompletableFuture<List<String>> update = blocked(b, "UPDATE p SET id = 20 WHERE id = 2");
        run(a, "COMMIT");
        assertThat(failureOf(update).state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
        assertThatThrownBy(() -> run(b, "DELETE FROM p WHERE id = 2")).isInstanceOf(SqlException.class);
    }

    @Test
    void atRepeatableReadTheWaitingDeleteStillSeesTheNewReference() throws Exception {
        run(b, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM p");
        run(a, "BEGIN; INSERT INTO c VALUES (10, 1)");
        CompletableFuture<List<String>> delete = blocked(b, "DELETE FROM p WHERE id = 1");
        run(a, "COMMIT");
        assertThat(failureOf(delete).state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION); // PostgreSQL 15 too
        run(b, "ROLLBACK");
        assertThat(run(b, "SELECT id FROM p ORDER BY id")).containsExactly("[1]", "[2]");
    }

    @Test
    void atRepeatableReadACascadeThatWouldMissANewRowIsASerializationFailure() throws Exception {
        run(a, "CREATE TABLE cc (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE CASCADE)");
        run(b, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM p");
        run(a, "BEGIN; INSERT INTO cc VALUES (10, 2)");
        CompletableFuture<List<String>> delete = blocked(b, "DELETE FROM p WHERE id = 2");
        run(a, "COMMIT");
        assertThat(failureOf(delete).state()).isEqualTo(SqlState.SERIALIZATION_FAILURE); // PostgreSQL 15 too
        run(b, "ROLLBACK");
        assertThat(run(b, "SELECT * FROM cc")).containsExactly("[10, 2]");
    }

    private static SqlException failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (SqlException) e.getCause();
        }
        throw new AssertionError("expected the statement to fail");
    }
}
