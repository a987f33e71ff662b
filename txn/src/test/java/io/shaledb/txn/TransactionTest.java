package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.Transaction.LockOutcome;
import io.shaledb.txn.Transaction.RowLock;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private final MemoryEngine engine = new MemoryEngine();
    private final Relation rel = new Relation(1, "t", engine, new byte[] {'t', 1});
    private TransactionManager tm = open();

    private TransactionManager open() {
        return TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "tuple of " + t.relation());
    }

    @AfterEach
    void close() {
        tm.close();
    }

    private static byte[] key(String k) {
        return ("t\u0001" + k + "\u0000").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] val(String v) {
        return v.getBytes(StandardCharsets.UTF_8);
    }

    private Transaction begin(IsolationLevel level) {
        Transaction tx = tm.begin(level, false, 1);
        tx.beginStatement(() -> false, 0);
        return tx;
    }

    private static String read(Transaction tx, Relation rel, String k) {
        Version v = tx.get(rel, key(k));
        return v == null ? null : new String(v.payload(), StandardCharsets.UTF_8);
    }

    private void autocommitInsert(String k, String v) {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        tx.insert(rel, key(k), val(v));
        tx.commit();
    }

    private static List<String> scanAll(Transaction tx, Relation rel, Direction dir) {
        List<String> out = new ArrayList<>();
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), dir)) {
            while (s.next()) {
                out.add(new String(s.current().payload(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void update(Transaction tx, Relation rel, String k, String v) {
        Version seen = tx.get(rel, key(k));
        RowLock l = tx.lock(rel, seen, LockMode.NO_KEY_UPDATE, WaitPolicy.BLOCK);
        assertThat(l.outcome()).isEqualTo(LockOutcome.LOCKED);
        tx.update(rel, l.current(), val(v));
    }

    @Test
    void uncommittedWritesAreInvisibleToOthersAndVisibleAfterCommit() {
        Transaction t1 = begin(IsolationLevel.READ_COMMITTED);
        t1.insert(rel, key("a"), val("1"));
        Transaction t2 = begin(IsolationLevel.READ_COMMITTED);
        assertThat(read(t2, rel, "a")).isNull();
        t1.beginStatement(() -> false, 0);
        assertThat(read(t1, rel, "a")).isEqualTo("1"); // own write, next statement
        t1.commit();
        assertThat(read(t2, rel, "a")).isNull(); // same statement snapshot
        t2.beginStatement(() -> false, 0);
        assertThat(read(t2, rel, "a")).isEqualTo("1");
        t2.commit();
    }

    @Test
    void aStatementDoesNotSeeItsOwnWrites() {
        Transaction t = begin(IsolationLevel.READ_COMMITTED);
        t.insert(rel, key("a"), val("1"));
        assertThat(read(t, rel, "a")).isNull();
        t.beginStatement(() -> false, 0);
        update(t, rel, "a", "2");
        assertThat(read(t, rel, "a")).isEqualTo("1");
        t.beginStatement(() -> false, 0);
        assertThat(read(t, rel, "a")).isEqualTo("2");
        assertThat(scanAll(t, rel, Direction.FORWARD)).containsExactly("2");
        t.commit();
    }

    @Test
    void readUncommittedSeesDirtyWrites() {
        autocommitInsert("a", "1");
        Transaction w = begin(IsolationLevel.READ_COMMITTED);
        update(w, rel, "a", "dirty");
        Transaction ru = begin(IsolationLevel.READ_UNCOMMITTED);
        assertThat(read(ru, rel, "a")).isEqualTo("dirty");
        Transaction rc = begin(IsolationLevel.READ_COMMITTED);
        assertThat(read(rc, rel, "a")).isEqualTo("1");
        w.rollback();
        ru.beginStatement(() -> false, 0);
        assertThat(read(ru, rel, "a")).isEqualTo("1");
    }

    @Test
    void repeatableReadKeepsItsSnapshotAndFirstUpdaterWins() throws Exception {
        autocommitInsert("a", "1");
        Transaction rr = begin(IsolationLevel.REPEATABLE_READ);
        assertThat(read(rr, rel, "a")).isEqualTo("1");
        Transaction w = begin(IsolationLevel.READ_COMMITTED);
        update(w, rel, "a", "2");
        w.commit();
        rr.beginStatement(() -> false, 0);
        assertThat(read(rr, rel, "a")).isEqualTo("1");
        Version seen = rr.get(rel, key("a"));
        assertThatThrownBy(() -> rr.lock(rel, seen, LockMode.NO_KEY_UPDATE, WaitPolicy.BLOCK))
                .isInstanceOfSatisfying(TransactionException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransactionException.Kind.SERIALIZATION_FAILURE));
        rr.rollback();
    }

    @Test
    void readCommittedWaiterGetsTheNewestVersionToRecheck() throws Exception {
        autocommitInsert("a", "1");
        Transaction w = begin(IsolationLevel.READ_COMMITTED);
        update(w, rel, "a", "2");
        Transaction rc = begin(IsolationLevel.READ_COMMITTED);
        Version seen = rc.get(rel, key("a"));
        CompletableFuture<RowLock> waiting = CompletableFuture.supplyAsync(
                () -> rc.lock(rel, seen, LockMode.NO_KEY_UPDATE, WaitPolicy.BLOCK));
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        w.commit();
        RowLock l = waiting.get(5, TimeUnit.SECONDS);
        assertThat(l.outcome()).isEqualTo(LockOutcome.CHANGED);
        assertThat(new String(l.current().payload(), StandardCharsets.UTF_8)).isEqualTo("2");
        rc.update(rel, l.current(), val("3"));
        rc.commit();
        assertThat(read(begin(IsolationLevel.READ_COMMITTED), rel, "a")).isEqualTo("3");
    }

    @Test
    void duplicateKeysAreRefusedUnlessTheRowWasDeleted() {
        autocommitInsert("a", "1");
        Transaction t = begin(IsolationLevel.READ_COMMITTED);
        assertThatThrownBy(() -> t.insert(rel, key("a"), val("x")))
                .isInstanceOfSatisfying(TransactionException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransactionException.Kind.DUPLICATE_KEY));
        t.rollback();
        Transaction d = begin(IsolationLevel.READ_COMMITTED);
        Version seen = d.get(rel, key("a"));
        d.delete(rel, d.lock(rel, seen, LockMode.UPDATE, WaitPolicy.BLOCK).current());
        d.insert(rel, key("a"), val("again"));
        d.commit();
        assertThat(scanAll(begin(IsolationLevel.READ_COMMITTED), rel, Direction.FORWARD)).containsExactly("again");
    }

    @Test
    void serializableRejectsWriteSkew() {
        autocommitInsert("x", "1");
        autocommitInsert("y", "1");
        Transaction t1 = begin(IsolationLevel.SERIALIZABLE);
        Transaction t2 = begin(IsolationLevel.SERIALIZABLE);
        assertThat(scanAll(t1, rel, Direction.FORWARD)).hasSize(2);
        assertThat(scanAll(t2, rel, Direction.FORWARD)).hasSize(2);
        t1.beginStatement(() -> false, 0);
        update(t1, rel, "x", "0");
        t2.beginStatement(() -> false, 0);
        update(t2, rel, "y", "0");
        t1.commit();
        assertThatThrownBy(t2::commit).isInstanceOfSatisfying(TransactionException.class,
                e -> assertThat(e.kind()).isEqualTo(TransactionException.Kind.SERIALIZATION_FAILURE));
        assertThat(t2.state()).isEqualTo(Transaction.State.ABORTED);
    }

    @Test
    void serializableReadOnlyTransactionsNeverFail() {
        autocommitInsert("x", "1");
        Transaction ro = begin(IsolationLevel.SERIALIZABLE);
        assertThat(read(ro, rel, "x")).isEqualTo("1");
        Transaction w = begin(IsolationLevel.SERIALIZABLE);
        update(w, rel, "x", "2");
        w.commit();
        ro.beginStatement(() -> false, 0);
        assertThat(read(ro, rel, "x")).isEqualTo("1");
        ro.commit();
    }

    @Test
    void rollbackToSavepointUndoesLaterWrites() {
        autocommitInsert("a", "1");
        Transaction t = begin(IsolationLevel.READ_COMMITTED);
        update(t, rel, "a", "2");
        t.savepoint("s");
        t.beginStatement(() -> false, 0);
        update(t, rel, "a", "3");
        t.insert(rel, key("b"), val("b"));
        t.rollbackTo("s");
        t.beginStatement(() -> false, 0);
        assertThat(scanAll(t, rel, Direction.FORWARD)).containsExactly("2");
        t.commit();
        assertThat(scanAll(begin(IsolationLevel.READ_COMMITTED), rel, Direction.FORWARD)).containsExactly("2");
    }

    @Test
    void backwardScansSeeTheSameVersions() {
        for (String k : List.of("a", "b", "c")) {
            autocommitInsert(k, k + "1");
        }
        Transaction t = begin(IsolationLevel.READ_COMMITTED);
        update(t, rel, "b", "b2");
        t.commit();
        Transaction r = begin(IsolationLevel.READ_COMMITTED);
        assertThat(scanAll(r, rel, Direction.FORWARD)).containsExactly("a1", "b2", "c1");
        assertThat(scanAll(r, rel, Direction.BACKWARD)).containsExactly("c1", "b2", "a1");
    }

    @Test
    void restartTreatsUnfinishedTransactionsAsAborted() {
        autocommitInsert("a", "1");
        Transaction open = begin(IsolationLevel.READ_COMMITTED);
        update(open, rel, "a", "2");
        open.insert(rel, key("b"), val("b"));
        long before = open.xid();
        tm.close();
        tm = open(); // the same engine: as after a crash, the open transaction never committed
        Transaction r = begin(IsolationLevel.READ_COMMITTED);
        assertThat(scanAll(r, rel, Direction.FORWARD)).containsExactly("1");
        assertThat(r.assignXid()).isGreaterThan(before);
    }

    @Test
    void vacuumRemovesOnlyVersionsNoSnapshotCanSee() {
        autocommitInsert("a", "0");
        Transaction oldReader = begin(IsolationLevel.REPEATABLE_READ);
        assertThat(read(oldReader, rel, "a")).isEqualTo("0");
        for (int i = 1; i <= 10; i++) {
            Transaction w = begin(IsolationLevel.READ_COMMITTED);
            update(w, rel, "a", Integer.toString(i));
            w.commit();
        }
        VacuumStats s1 = tm.vacuum(rel);
        assertThat(s1.removed()).isLessThan(10); // the old reader still needs version 0
        oldReader.beginStatement(() -> false, 0);
        assertThat(read(oldReader, rel, "a")).isEqualTo("0");
        oldReader.commit();
        VacuumStats s2 = tm.vacuum(rel);
        assertThat(s2.live()).isEqualTo(1);
        assertThat(read(begin(IsolationLevel.READ_COMMITTED), rel, "a")).isEqualTo("10");
    }
}
