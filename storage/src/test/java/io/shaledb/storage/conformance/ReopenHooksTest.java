package io.shaledb.storage.conformance;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the suite on a stand-in "durable" engine (a memory engine whose contents are carried over
 * from close to reopen), so the reopen tests and the reopen step of the model-based property are
 * exercised before a real durable engine exists.
 */
class ReopenHooksTest extends StorageEngineConformanceTest {

    @Override
    protected StorageEngine openEngine() {
        return new CarryOverEngine(new MemoryEngine());
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected StorageEngine reopenEngine(StorageEngine closed) {
        CarryOverEngine old = (CarryOverEngine) closed;
        if (old.savedAtClose == null) {
            throw new IllegalStateException("reopen of an engine that was not closed");
        }
        MemoryEngine fresh = new MemoryEngine();
        WriteBatch load = new WriteBatch();
        old.savedAtClose.forEach(e -> load.put(e[0], e[1]));
        fresh.apply(load);
        return new CarryOverEngine(fresh);
    }

    private static final class CarryOverEngine implements StorageEngine {
        private final MemoryEngine inner;
        private List<byte[][]> savedAtClose;

        CarryOverEngine(MemoryEngine inner) {
            this.inner = inner;
        }

        @Override public byte[] get(byte[] key) { return inner.get(key); }
        @Override public void put(byte[] key, byte[] value) { inner.put(key, value); }
        @Override public void delete(byte[] key) { inner.delete(key); }
        @Override public void apply(WriteBatch batch) { inner.apply(batch); }
        @Override public Cursor scan(KeyRange range, Direction direction) { return inner.scan(range, direction); }
        @Override public String name() { return "carry-over"; }

        @Override
        public void close() {
            if (savedAtClose == null) {
                List<byte[][]> saved = new ArrayList<>();
                try (Cursor c = inner.scan(KeyRange.all(), Direction.FORWARD)) {
                    while (c.next()) {
                        saved.add(new byte[][] {c.key(), c.value()});
                    }
                }
                savedAtClose = saved;
            }
            inner.close();
        }
    }
}
