package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CREATE INDEX's sorted bulk build ({@link IndexBulkBuild}): in memory, spilled, unique, in savepoints. */
class IndexBulkBuildTest {
    private SqlDatabase db;
    private SqlSession s;

    @BeforeEach
    void setUp() {
        db = new SqlDatabase(new MemoryEngine());
        s = db.openSession();
        run("CREATE TABLE t (id int PRIMARY KEY, k int, email text, note text)");
        run("INSERT INTO t SELECT g, (g * 7919) % 1000, CASE WHEN g % 97 = 0 THEN NULL ELSE 'u' || g || '@x' END,"
                + " repeat('n', g % 50 + 40) FROM generate_series(1, 8000) g");
        run("DELETE FROM t WHERE id % 10 = 3"); // dead rows get no entries
    }

    private void run(String sql) {
        CollectedRows.of(s, sql);
    }

    private List<String> rows(String sql) {
        return CollectedRows.asText(s, sql);
    }

    @Test
    void aBuildBeyondMaintenanceWorkMemSortsOnDiskAndIsExact() {
        long before = db.temporaryFiles().created();
        run("SET maintenance_work_mem = '1MB'");
        run("CREATE INDEX t_k_note ON t (k DESC, note) INCLUDE (email)");
        assertThat(db.temporaryFiles().created() - before).as("sorted runs on disk").isGreaterThan(1);
        assertThat(db.temporaryFiles().liveFiles()).isEmpty();
        run("SELECT shale_index_check('t_k_note')");
        assertThat(rows("SELECT count(*) FROM t WHERE k = 17")).isEqualTo(rows("SELECT count(*) FROM t WHERE k + 0 = 17"));
    }

    @Test
    void aBuildInMemoryIsExact() {
        long before = db.temporaryFiles().created();
        run("CREATE UNIQUE INDEX t_email ON t (email)"); // NULLs (every 97th row) never collide
        run("CREATE INDEX t_partial ON t (k) WHERE k < 100");
        assertThat(db.temporaryFiles().created()).isEqualTo(before);
        run("SELECT shale_index_check('t_email')");
        run("SELECT shale_index_check('t_partial')");
        assertThatThrownBy(() -> run("INSERT INTO t VALUES (100001, 1, 'u1@x', '')"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
    }

    @Test
    void aUniqueBuildOverADuplicateFailsAsPostgresDoesInMemoryAndOnDisk() {
        run("INSERT INTO t VALUES (100001, 1, 'u5000@x', '')");
        for (String mem : new String[] {"64MB", "1MB"}) {
            run("SET maintenance_work_mem = '" + mem + "'");
            assertThatThrownBy(() -> run("CREATE UNIQUE INDEX t_email ON t (email)")).isInstanceOfSatisfying(SqlException.class, e -> {
                assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
                assertThat(e.getMessage()).isEqualTo("could not create unique index \"t_email\"");
                assertThat(e.detail()).isEqualTo("Key (email)=(u5000@x) is duplicated.");
            });
            assertThat(rows("SELECT count(*) FROM pg_indexes WHERE indexname = 't_email'")).containsExactly("[0]");
        }
        run("DELETE FROM t WHERE id = 100001");
        run("CREATE UNIQUE INDEX t_email ON t (email)"); // the failed builds left nothing behind
        run("SELECT shale_index_check('t_email')");
    }

    @Test
    void aBuildRolledBackToASavepointLeavesNothingAndCanBeRepeated() {
        run("BEGIN");
        run("SAVEPOINT a");
        run("CREATE INDEX t_k ON t (k)");
        assertThat(rows("SELECT count(*) FROM t WHERE k = 5")).isEqualTo(rows("SELECT count(*) FROM t WHERE k + 0 = 5"));
        run("ROLLBACK TO SAVEPOINT a");
        run("CREATE INDEX t_k ON t (k)");
        run("INSERT INTO t VALUES (100002, 5, 'new@x', '')");
        run("COMMIT");
        run("SELECT shale_index_check('t_k')");
        assertThat(rows("SELECT count(*) FROM t WHERE k = 5")).isEqualTo(rows("SELECT count(*) FROM t WHERE k + 0 = 5"));
    }
}
