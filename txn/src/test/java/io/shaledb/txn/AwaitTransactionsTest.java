package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.memory.MemoryEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TransactionManager#runningExcept} and {@link TransactionManager#awaitEnded}: waiting out older transactions. */
class AwaitTransactionsTest {
    private final TransactionManager tm = TransactionManager.open(new MemoryEngine(),
            TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "tuple");

    @AfterEach
    void close() {
        tm.close();
    }

    @Test
    void listsRunningTransactionsWithAndWithoutIdsButNotTheExcludedOrLaterOnes() {
        Transaction reader = tm.begin(IsolationLevel.READ_COMMITTED, true, 1);
        Transaction writer = tm.begin(IsolationLevel.READ_COMMITTED, false, 2);
        writer.assignXid();
        Transaction me = tm.begin(IsolationLevel.READ_COMMITTED, false, 3);
        List<Transaction> older = tm.runningExcept(Set.of(me));
        Transaction later = tm.begin(IsolationLevel.READ_COMMITTED, false, 4);
        assertThat(older).containsExactlyInAnyOrder(reader, writer);
        assertThat(older).doesNotContain(later);
        assertThat(writer.pid()).isEqualTo(2);
        reader.rollback();
        writer.rollback();
        me.rollback();
        later.rollback();
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
