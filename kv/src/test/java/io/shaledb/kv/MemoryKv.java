package io.shaledb.kv;

import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A kv store for tests on a fresh in-memory engine with its own transaction manager (no
 * autovacuum) and no active expiry; by default its clock is {@link #clock}, which tests move by hand.
 */
final class MemoryKv implements AutoCloseable {
    final MemoryEngine engine = new MemoryEngine();
    final TransactionManager txns = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
    final AtomicLong clock = new AtomicLong(1_000_000);
    final KvStore store;
    final KvDatabase db;

    MemoryKv(Durability durability) {
        this(durability, null);
    }

    /** A store reading {@code time} (null: {@link #clock}). */
    MemoryKv(Durability durability, LongSupplier time) {
        store = new KvStore(txns, engine, durability, time == null ? clock::get : time, Duration.ZERO);
        db = store.database(0);
    }

    @Override
    public void close() {
        store.close();
        txns.close();
        engine.close();
    }
}
