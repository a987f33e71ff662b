package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The O(1) counters (DBSIZE, INFO keyspace's expires, used_memory's stored size) against a recount
 * by scan after every step of random command sequences — commands alone, batches with failing
 * commands, batches that roll back whole, expiry, FLUSHDB, RENAME, COPY and MOVE across databases —
 * and after a reopen of the store.
 */
class KvUsageTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private static void assertCountersMatchScan(KvStore store, String context) {
        KvUsage scanned = store.recount();
        for (int db = 0; db < KvStore.DATABASES; db++) {
            assertThat(store.keyCount(db)).as("keys of db %d after %s", db, context).isEqualTo(scanned.keys(db));
            assertThat(store.expiringKeyCount(db)).as("expires of db %d after %s", db, context).isEqualTo(scanned.expires(db));
        }
        assertThat(store.usedBytes()).as("stored bytes after %s", context).isEqualTo(scanned.bytes());
    }

    @Property(tries = 20)
    void countersAgreeWithAScanAfterEveryCommand(@ForAll long seed) {
        MemoryEngine engine = new MemoryEngine();
        TransactionManager txns = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
        KvStore store = new KvStore(txns, engine, Durability.ALWAYS, clock::get, Duration.ZERO);
        try {
            Random r = new Random(seed);
            List<String> trace = new ArrayList<>();
            for (int step = 0; step < 120; step++) {
                int dbIndex = r.nextInt(3);
                KvDatabase db = store.database(dbIndex);
                String k = "k" + r.nextInt(6);
                String k2 = "k" + r.nextInt(6);
                int op = r.nextInt(16);
                trace.add(dbIndex + ":" + op + ":" + k);
                try {
                    switch (op) {
                        case 0 -> db.set(b(k), b("v" + r.nextInt(1000)), SetOptions.PLAIN);
                        case 1 -> db.set(b(k), b("value"), new SetOptions(SetOptions.Condition.ALWAYS, SetOptions.Expiry.AT,
                                clock.get() + 1 + r.nextInt(20), false));
                        case 2 -> db.delete(List.of(b(k), b(k2)));
                        case 3 -> db.expireAt(b(k), clock.get() + r.nextInt(20) - 5, ExpireCondition.ALWAYS);
                        case 4 -> db.persist(b(k));
                        case 5 -> db.rename(b(k), b(k2), r.nextBoolean());
                        case 6 -> db.hashes().set(b(k), List.of(b("f" + r.nextInt(3))), List.of(b("x")), false);
                        case 7 -> db.lists().push(b(k), List.of(b("a"), b("bb")), r.nextBoolean(), false);
                        case 8 -> db.lists().pop(b(k), true, 1 + r.nextInt(2));
                        case 9 -> db.mset(List.of(b(k), b(k2)), List.of(b("1"), b("2")), r.nextBoolean());
                        case 10 -> clock.addAndGet(r.nextInt(10));
                        case 11 -> store.expireDue();
                        case 12 -> {
                            if (r.nextInt(4) == 0) {
                                db.flush();
                            } else {
                                db.incrBy(b(k), 1);
                            }
                        }
                        case 13 -> store.atomically(dbIndex, List.of(b(k), b(k2)), false, () -> {
                            db.set(b(k), b("in-batch"), SetOptions.PLAIN);
                            try {
                                db.hashes().set(b(k), List.of(b("f")), List.of(b("v")), false); // WRONGTYPE: rolled back alone
                            } catch (KvException expected) {
                                // the batch goes on, as EXEC does
                            }
                            db.delete(List.of(b(k2)));
                            assertThat(db.size()).isEqualTo(store.recount().keys(dbIndex));
                            return null;
                        });
                        case 14 -> db.copy().copy(b(k), b(k2), r.nextInt(3), r.nextBoolean()); // COPY ... DB n [REPLACE]
                        case 15 -> db.copy().move(b(k), r.nextInt(3));
                        default -> throw new AssertionError(op);
                    }
                } catch (KvException e) {
                    // WRONGTYPE, not an integer, no such key: the command changed nothing
                }
                assertCountersMatchScan(store, String.join(" ", trace));
            }
            reopenCountsTheSame(txns, engine, store);
        } finally {
            store.close();
            txns.close();
            engine.close();
        }
    }

    private void reopenCountsTheSame(TransactionManager txns, MemoryEngine engine, KvStore store) {
        long[] keys = new long[KvStore.DATABASES];
        for (int db = 0; db < KvStore.DATABASES; db++) {
            keys[db] = store.keyCount(db);
        }
        long bytes = store.usedBytes();
        try (KvStore again = new KvStore(txns, engine, Durability.ALWAYS, clock::get, Duration.ZERO)) {
            for (int db = 0; db < KvStore.DATABASES; db++) {
                assertThat(again.keyCount(db)).isEqualTo(keys[db]);
            }
            assertThat(again.usedBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aBatchThatFailsWholeCountsNothing() {
        MemoryEngine engine = new MemoryEngine();
        TransactionManager txns = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
        try (KvStore store = new KvStore(txns, engine, Durability.ALWAYS, clock::get, Duration.ZERO)) {
            KvDatabase db = store.database(0);
            db.set(b("a"), b("1"), SetOptions.PLAIN);
            long bytes = store.usedBytes();
            assertThatThrownBy(() -> store.atomically(0, List.of(b("b"), b("c")), false, () -> {
                db.set(b("b"), b("2"), SetOptions.PLAIN);
                db.set(b("c"), b("3"), SetOptions.PLAIN);
                assertThat(db.size()).isEqualTo(3); // the batch sees its own keys
                throw new IllegalStateException("the batch dies before its commit");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(db.size()).isEqualTo(1);
            assertThat(store.usedBytes()).isEqualTo(bytes);
            assertCountersMatchScan(store, "a failed batch");
        } finally {
            txns.close();
            engine.close();
        }
    }
}
