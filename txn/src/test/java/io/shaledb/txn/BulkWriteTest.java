package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.memory.MemoryEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bulk mode ({@link Transaction#bufferWrites}) and sorted loads ({@link SortedLoad}). */
class BulkWriteTest {
    private final MemoryEngine engine = new MemoryEngine();
    private final Relation rel = new Relation(1, "t", engine, new byte[] {'t', 1});
    private final Relation fresh = new Relation(2, "i", engine, new byte[] {'t', 2});
    private final TransactionManager tm =
            TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "tuple");

    @AfterEach
    void close() {
        tm.close();
    }

    private static byte[] key(Relation r, int k) {
        return String.format("%c%c%08d", (char) r.keyPrefix()[0], (char) r.keyPrefix()[1], k).getBytes(StandardCharsets.ISO_8859_1);
    }

    private Transaction begin(IsolationLevel level) {
        Transaction tx = tm.begin(level, false, 1);
        tx.beginStatement(() -> false, 0, true);
        return tx;
    }

    private static long engineKeys(Relation r) {
        long n = 0;
        try (Cursor c = r.engine().scan(KeyRange.prefix(r.keyPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    private static List<String> scanAll(Transaction tx, Relation r) {
        List<String> out = new ArrayList<>();
        try (VersionScan s = tx.scan(r, KeyRange.prefix(r.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                out.add(new String(s.current().payload(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void bufferedInsertsReachTheEngineInBatchesAndOnEveryRead() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        tx.bufferWrites();
        for (int i = 0; i < 10; i++) {
            tx.insert(rel, key(rel, i), ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(engineKeys(rel)).isZero(); // still buffered
        tx.beginStatement(() -> false, 0, true);
        assertThat(scanAll(tx, rel)).hasSize(10); // a read applies the buffer first
        assertThat(engineKeys(rel)).isEqualTo(10);
        for (int i = 10; i < 10 + WriteBuffer.MAX_OPS; i++) {
            tx.insert(rel, key(rel, i), new byte[1]);
        }
        assertThat(engineKeys(rel)).isEqualTo(10 + WriteBuffer.MAX_OPS); // a full buffer went on its own
        tx.flushWrites();
        tx.commit();
        Transaction reader = begin(IsolationLevel.READ_COMMITTED);
        assertThat(scanAll(reader, rel)).hasSize(10 + WriteBuffer.MAX_OPS);
        reader.commit();
    }

    @Test
    void aDuplicateInsideTheBufferIsFound() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        tx.bufferWrites();
        tx.insert(rel, key(rel, 1), new byte[1]);
        assertThatThrownBy(() -> tx.insert(rel, key(rel, 1), new byte[1]))
                .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.kind()).isEqualTo(TransactionException.Kind.DUPLICATE_KEY));
        tx.rollback();
    }

    @Test
    void commitAppliesTheBufferAndRollbackDropsIt() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        tx.bufferWrites();
        tx.insert(rel, key(rel, 1), "a".getBytes(StandardCharsets.UTF_8));
        tx.commit();
        Transaction t2 = begin(IsolationLevel.READ_COMMITTED);
        t2.bufferWrites();
        t2.insert(rel, key(rel, 2), "b".getBytes(StandardCharsets.UTF_8));
        t2.rollback();
        Transaction reader = begin(IsolationLevel.READ_COMMITTED);
        assertThat(scanAll(reader, rel)).containsExactly("a");
        reader.commit();
    }

    @Test
    void rollbackToSavepointUndoesBufferedVersions() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        tx.insert(rel, key(rel, 1), "kept".getBytes(StandardCharsets.UTF_8));
        tx.savepoint("s");
        tx.bufferWrites();
        tx.insert(rel, key(rel, 2), "undone".getBytes(StandardCharsets.UTF_8));
        tx.rollbackTo("s");
        tx.flushWrites();
        tx.beginStatement(() -> false, 0, true);
        assertThat(scanAll(tx, rel)).containsExactly("kept");
        tx.commit();
    }

    @Test
    void aConcurrentInserterOfABufferedKeyWaitsForTheOutcome() throws Exception {
        Transaction t1 = begin(IsolationLevel.READ_COMMITTED);
        t1.bufferWrites();
        t1.insert(rel, key(rel, 7), "first".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
            Transaction t2 = begin(IsolationLevel.READ_COMMITTED);
            try {
                t2.insert(rel, key(rel, 7), "second".getBytes(StandardCharsets.UTF_8));
                t2.commit();
                return null;
            } catch (TransactionException e) {
                t2.rollback();
                return e;
            }
        });
        Thread.sleep(200);
        assertThat(second).isNotDone(); // the key lock holds it, though nothing reached the engine yet
        t1.commit();
        Throwable t = second.get(10, TimeUnit.SECONDS);
        assertThat(t).isInstanceOfSatisfying(TransactionException.class,
                e -> assertThat(e.kind()).isEqualTo(TransactionException.Kind.DUPLICATE_KEY));
    }

    @Test
    void aSortedLoadWritesOneVersionPerKeyVisibleAfterCommitOnly() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        SortedLoad load = tx.loadSorted(fresh);
        int n = SortedLoad.MAX_OPS * 2 + 17;
        for (int i = 0; i < n; i++) {
            load.add(key(fresh, i), ("e" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(load.finish()).isEqualTo(n);
        Transaction other = begin(IsolationLevel.READ_COMMITTED);
        assertThat(scanAll(other, fresh)).isEmpty();
        other.commit();
        tx.beginStatement(() -> false, 0, true);
        assertThat(scanAll(tx, fresh)).hasSize(n);
        tx.commit();
        Transaction reader = begin(IsolationLevel.READ_COMMITTED);
        List<String> all = scanAll(reader, fresh);
        assertThat(all).hasSize(n);
        assertThat(all.getFirst()).isEqualTo("e0");
        reader.commit();
        assertThat(engineKeys(fresh)).isEqualTo(n);
    }

    @Test
    void aRolledBackSortedLoadLeavesNothingVisible() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        SortedLoad load = tx.loadSorted(fresh);
        load.add(key(fresh, 1), new byte[1]);
        load.finish();
        tx.rollback();
        Transaction reader = begin(IsolationLevel.READ_COMMITTED);
        assertThat(scanAll(reader, fresh)).isEmpty();
        reader.commit();
    }

    @Test
    void aSortedLoadRefusesDisorderAndANonEmptyRelation() {
        Transaction tx = begin(IsolationLevel.READ_COMMITTED);
        SortedLoad load = tx.loadSorted(fresh);
        load.add(key(fresh, 2), new byte[1]);
        assertThatThrownBy(() -> load.add(key(fresh, 2), new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> load.add(key(fresh, 1), new byte[1])).isInstanceOf(IllegalArgumentException.class);
        load.finish();
        assertThatThrownBy(() -> tx.loadSorted(fresh)).isInstanceOf(IllegalStateException.class);
        tx.rollback();
    }

    @Test
    void aSerializableSortedLoadConflictsWithAReaderOfTheRelation() {
        Transaction reader = begin(IsolationLevel.SERIALIZABLE);
        assertThat(scanAll(reader, fresh)).isEmpty();
        Transaction loader = begin(IsolationLevel.SERIALIZABLE);
        SortedLoad load = loader.loadSorted(fresh);
        load.add(key(fresh, 1), new byte[1]);
        load.finish();
        loader.commit();
        assertThatThrownBy(() -> {
            reader.insert(rel, key(rel, 1), new byte[1]); // a writer: validated before its write or at commit
            reader.commit();
        }).isInstanceOfSatisfying(TransactionException.class,
                e -> assertThat(e.kind()).isEqualTo(TransactionException.Kind.SERIALIZATION_FAILURE));
    }
}
