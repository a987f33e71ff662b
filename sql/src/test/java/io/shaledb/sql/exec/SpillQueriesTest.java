package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.Engines;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.exec.spill.TempFiles;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TxnOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries whose sorts, hash aggregates, hash joins, DISTINCTs and set operations outgrow a 64kB
 * work_mem return what they return at the default 4MB, spill into the data directory's
 * {@code pgsql_tmp}, and leave it empty afterwards, also when they fail or are cancelled.
 */
class SpillQueriesTest {
    @TempDir
    static Path dataDir;
    static SqlDatabase db;
    static SqlSession s;

    @BeforeAll
    static void data() {
        db = new SqlDatabase(Engines.single(new MemoryEngine()), TxnOptions.defaults(), dataDir);
        s = db.openSession();
        run("CREATE TABLE a (id int PRIMARY KEY, k int, grp int, note text)");
        run("CREATE TABLE b (id int PRIMARY KEY, k int, label text)");
        run("INSERT INTO a SELECT g, CASE WHEN g % 50 = 0 THEN NULL ELSE g % 1500 END, g % 750, 'note ' || (g * 7 % 1000)"
                + " FROM generate_series(1, 6000) g");
        run("INSERT INTO b SELECT g, CASE WHEN g % 40 = 0 THEN NULL ELSE (g * 13) % 2000 END, 'label ' || g"
                + " FROM generate_series(1, 4000) g");
    }

    @AfterEach
    void resetSettings() {
        run("RESET ALL");
    }

    @AfterAll
    static void close() {
        s.close();
        db.close();
    }

    private static List<String> run(String sql) {
        return CollectedRows.asText(s, sql);
    }

    private TempFiles temp() {
        return db.temporaryFiles();
    }

    /** The query's rows at 64kB equal those at 4MB; at 64kB something spilled (files were made) and nothing is left. */
    private void sameAtSmallWorkMem(String sql, boolean ordered) {
        run("RESET work_mem");
        List<String> inMemory = run(sql);
        run("SET work_mem = '64kB'");
        long before = spillFilesCreated();
        List<String> spilled = run(sql);
        run("RESET work_mem");
        if (ordered) {
            assertThat(spilled).as(sql).isEqualTo(inMemory);
        } else {
            assertThat(spilled.stream().sorted().toList()).as(sql).isEqualTo(inMemory.stream().sorted().toList());
        }
        assertThat(spillFilesCreated()).as("spilled: " + sql).isGreaterThan(before);
        assertThat(temp().filesOnDisk()).isEmpty();
        assertThat(dataDir.resolve(TempFiles.DIRECTORY_NAME)).isDirectory();
    }

    private long spillFilesCreated() {
        return db.temporaryFiles().created();
    }

    @Test
    void sortsSpillAndStayStable() {
        sameAtSmallWorkMem("SELECT id, k, note FROM a ORDER BY note, k DESC NULLS FIRST", true);
        // ties on grp keep their scan order in both
        sameAtSmallWorkMem("SELECT grp, id FROM a ORDER BY grp", true);
        sameAtSmallWorkMem("SELECT id, note FROM a ORDER BY note DESC OFFSET 3000 LIMIT 20", true);
        sameAtSmallWorkMem("SELECT k FROM a UNION ALL SELECT k FROM b ORDER BY 1 LIMIT 5000", true);
    }

    @Test
    void hashAggregatesSpill() {
        sameAtSmallWorkMem("SELECT k, count(*), sum(id), min(note), max(id), avg(grp) FROM a GROUP BY k", false);
        sameAtSmallWorkMem("SELECT grp, string_agg(note, ',' ORDER BY id), array_agg(id ORDER BY id), count(DISTINCT note)"
                + " FROM a GROUP BY grp", false);
        sameAtSmallWorkMem("SELECT k % 7, grp, count(*) FROM a GROUP BY k % 7, grp HAVING count(*) > 1", false);
    }

    @Test
    void aggregateArgumentsAreEvaluatedOncePerRowWhenTheTableSpills() {
        run("CREATE SEQUENCE spill_seq");
        run("SET work_mem = '64kB'");
        long before = spillFilesCreated();
        List<String> groups = run("SELECT grp, string_agg(nextval('spill_seq')::text, ',') FROM a GROUP BY grp");
        assertThat(spillFilesCreated()).isGreaterThan(before);
        assertThat(groups).hasSize(750);
        assertThat(run("SELECT currval('spill_seq')")).containsExactly("[6000]");
        run("DROP SEQUENCE spill_seq");
    }

    @Test
    void hashJoinsSpillForEveryJoinKind() {
        for (String kind : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")) {
            sameAtSmallWorkMem("SELECT a.id, b.id, a.note, b.label FROM a " + kind + " b ON a.k = b.k", false);
        }
        sameAtSmallWorkMem("SELECT a.id, b.id FROM a LEFT JOIN b ON a.k = b.k AND a.id < b.id", false);
        sameAtSmallWorkMem("SELECT count(*) FROM a JOIN b ON a.k = b.k JOIN a a2 ON a2.grp = b.id", false);
    }

    @Test
    void distinctAndSetOperationsSpill() {
        sameAtSmallWorkMem("SELECT DISTINCT k, note FROM a", false);
        sameAtSmallWorkMem("SELECT DISTINCT ON (grp) grp, id, note FROM a ORDER BY grp, id DESC", true);
        sameAtSmallWorkMem("SELECT k, note FROM a UNION SELECT k, label FROM b", false);
        sameAtSmallWorkMem("SELECT k FROM a INTERSECT ALL SELECT k FROM b", false);
        sameAtSmallWorkMem("SELECT k FROM a EXCEPT SELECT k FROM b", false);
    }

    @Test
    void aFailingQueryLeavesNoTemporaryFiles() {
        run("SET work_mem = '64kB'");
        long before = spillFilesCreated();
        // the division by zero comes while the sort's runs exist (ids 1..6000, zero at the end of the scan)
        assertThatThrownBy(() -> run("SELECT id, note FROM a ORDER BY note, 1 / (6000 - id)"))
                .isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(((SqlException) e).state()).isEqualTo(SqlState.DIVISION_BY_ZERO));
        assertThat(spillFilesCreated()).isGreaterThan(before);
        assertThat(temp().filesOnDisk()).isEmpty();
    }

    @Test
    void aCancelledQueryLeavesNoTemporaryFiles() throws Exception {
        run("SET work_mem = '64kB'");
        // cancel once the join has written batches (a slow many-way join keeps it busy)
        Thread canceller = new Thread(() -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (db.temporaryFiles().liveFiles().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            s.cancel();
        });
        canceller.start();
        try {
            assertThatThrownBy(() -> run("SELECT count(*) FROM a JOIN b ON a.k = b.k JOIN a a2 ON a2.k = b.k"
                    + " JOIN b b2 ON b2.k = a2.k JOIN a a3 ON a3.k = b2.k"))
                    .isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).state()).isEqualTo(SqlState.QUERY_CANCELED));
        } finally {
            canceller.join();
        }
        assertThat(temp().filesOnDisk()).isEmpty();
        assertThat(temp().liveFiles()).isEmpty();
    }

    @Test
    void workMemReadsAndShowsLikePostgres() {
        assertThat(run("SHOW work_mem")).containsExactly("[4MB]");
        assertThat(run("SHOW hash_mem_multiplier")).containsExactly("[2]");
        run("SET work_mem = 1024");
        assertThat(run("SHOW work_mem")).containsExactly("[1MB]");
        run("SET work_mem = '1.5MB'");
        assertThat(run("SHOW work_mem")).containsExactly("[1536kB]");
        run("SET work_mem = '1048576B'");
        assertThat(run("SHOW work_mem")).containsExactly("[1MB]");
        run("SET work_mem = '65.5'");
        assertThat(run("SHOW work_mem")).containsExactly("[66kB]");
        run("SET hash_mem_multiplier = 1.5");
        assertThat(run("SHOW hash_mem_multiplier")).containsExactly("[1.5]");
        assertThatThrownBy(() -> run("SET work_mem = '10kB'")).hasMessage(
                "10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)");
        assertThatThrownBy(() -> run("SET work_mem = '100B'")).hasMessage(
                "0 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)");
        assertThatThrownBy(() -> run("SET work_mem = '1mb'")).hasMessage("invalid value for parameter \"work_mem\": \"1mb\"");
        assertThatThrownBy(() -> run("SET hash_mem_multiplier = 0.5")).hasMessage(
                "0.5 is outside the valid range for parameter \"hash_mem_multiplier\" (1 .. 1000)");
        run("RESET work_mem");
        assertThat(run("SHOW work_mem")).containsExactly("[4MB]");
    }
}
