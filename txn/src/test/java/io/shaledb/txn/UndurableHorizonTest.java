package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.storage.memory.MemoryEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A commit that did not wait for the disk, with its rows in an engine other than the commit log's,
 * holds the vacuum horizon back until a sync covers its record (see CrossEngineCommitCrashTest for
 * why); one with its rows beside the commit log does not.
 */
class UndurableHorizonTest {
    private final MemoryEngine catalog = new MemoryEngine();
    private final MemoryEngine rows = new MemoryEngine();
    private final TransactionManager tm = TransactionManager.open(catalog,
            TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row " + t);

    private long commitOne(Relation rel, int row, boolean waitForDisk) {
        Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
        t.beginStatement(() -> false, 0);
        t.insert(rel, Rows.key(rel, row), Rows.bytes("v"));
        long xid = t.xid();
        t.commit(waitForDisk);
        return xid;
    }

    @Test
    void anUnsyncedCommitInAnotherEngineHoldsTheHorizonUntilASync() {
        Relation elsewhere = new Relation(1, "elsewhere", rows, new byte[] {'h', 1});
        long first = commitOne(elsewhere, 1, false);
        commitOne(elsewhere, 2, false);
        assertThat(tm.horizon()).as("held at the first unsynced commit").isEqualTo(first);
        tm.sync();
        assertThat(tm.horizon()).as("released by the sync").isEqualTo(tm.nextXid());
        long third = commitOne(elsewhere, 3, false);
        assertThat(tm.horizon()).isEqualTo(third);
        commitOne(elsewhere, 4, true); // a commit that waits for the disk makes every earlier record durable too
        assertThat(tm.horizon()).isEqualTo(tm.nextXid());
    }

    @Test
    void anUnsyncedCommitBesideTheCommitLogDoesNotHoldIt() {
        Relation beside = new Relation(1, "beside", catalog, new byte[] {'h', 2});
        commitOne(beside, 1, false);
        assertThat(tm.horizon()).isEqualTo(tm.nextXid());
    }

    @Test
    void manyUnsyncedCommitsStartASyncThemselves() throws Exception {
        Relation elsewhere = new Relation(1, "elsewhere", rows, new byte[] {'h', 3});
        long first = commitOne(elsewhere, 0, false);
        for (int i = 1; i < 20_000; i++) {
            commitOne(elsewhere, i % 60_000, false);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tm.horizon() == first && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tm.horizon()).as("the background sync released the first commits").isGreaterThan(first);
    }
}
