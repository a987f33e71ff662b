package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.lock.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TransactionManager#lockHolders} and {@link TransactionManager#awaitEnded}: waiting out older transactions. */
class AwaitTransactionsTest {
    private final TransactionManager tm = TransactionManager.open(new MemoryEngine(),
            TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "tuple");

    @AfterEach
    void close() {
        tm.close();
    }

    @Test
    void listsTheTransactionsHoldingAKeyLockButNotWaitersOrOtherKeys() throws Exception {
        Relation rel = new Relation(7, "catalog", new MemoryEngine(), new byte[] {'c'});
        byte[] key = {'c', 1};
        Transaction writer1 = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
        Transaction writer2 = tm.begin(IsolationLevel.READ_COMMITTED, false, 2);
        Transaction other = tm.begin(IsolationLevel.READ_COMMITTED, false, 3);
        Transaction idle = tm.begin(IsolationLevel.READ_COMMITTED, false, 4);
        writer1.lockKey(rel, key, LockMode.KEY_SHARE);
        writer2.lockKey(rel, key, LockMode.KEY_SHARE);
        other.lockKey(rel, new byte[] {'c', 2}, LockMode.UPDATE);
        Transaction ddl = tm.begin(IsolationLevel.READ_COMMITTED, false, 5);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> ddl.lockKey(rel, key, LockMode.UPDATE));
        while (tm.locks().locks().stream().noneMatch(l -> !l.granted())) {
            Thread.sleep(1);
        }
        assertThat(tm.lockHolders(rel, key)).containsExactlyInAnyOrder(writer1, writer2);
        assertThat(writer2.pid()).isEqualTo(2);
        writer1.commit();
        assertThat(tm.lockHolders(rel, key)).containsExactly(writer2);
        writer2.rollback();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(tm.lockHolders(rel, key)).containsExactly(ddl);
        ddl.rollback();
        other.rollback();
        idle.rollback();
    }

    @Test
    void awaitEndedReturnsOnlyAfterEveryListedTransactionEnded() throws Exception {
        Transaction a = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
        Transaction b = tm.begin(IsolationLevel.READ_COMMITTED, false, 2);
        b.assignXid();
        List<Integer> waitedFor = new ArrayList<>();
        CompletableFuture<Void> wait = CompletableFuture.runAsync(
                () -> tm.awaitEnded(List.of(a, b), () -> false, t -> waitedFor.add(t.pid())));
        Thread.sleep(50);
        assertThat(wait).isNotDone();
        a.commit();
        Thread.sleep(50);
        assertThat(wait).isNotDone();
        b.rollback();
        wait.get(5, TimeUnit.SECONDS);
        assertThat(waitedFor).containsExactly(1, 2);
    }

    @Test
    void awaitEndedSkipsEndedTransactionsAndStopsWhenCancelled() {
        Transaction done = tm.begin(IsolationLevel.READ_COMMITTED, false, 1);
        done.commit();
        List<Integer> waitedFor = new ArrayList<>();
        tm.awaitEnded(List.of(done), () -> false, t -> waitedFor.add(t.pid()));
        assertThat(waitedFor).isEmpty();

        Transaction open = tm.begin(IsolationLevel.READ_COMMITTED, false, 2);
        AtomicBoolean cancel = new AtomicBoolean();
        CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> tm.awaitEnded(List.of(open), cancel::get, t -> {}));
        cancel.set(true);
        assertThatThrownBy(() -> wait.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionException.class);
        open.rollback();
    }
}
