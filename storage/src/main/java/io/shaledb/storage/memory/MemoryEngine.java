package io.shaledb.storage.memory;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A volatile engine on a {@link ConcurrentSkipListMap}. Point reads and writes are lock-free except
 * against batches: a batch holds the write side of a read-write lock while it applies, and point
 * operations hold the read side, so a {@link #get} never sees half a batch. Cursors are weakly
 * consistent: they never fail under concurrent change and see each key at most once, but may or
 * may not see writes made after they were opened. A cursor left open when the engine is closed
 * keeps iterating the (no longer changing) map.
 */
public final class MemoryEngine implements StorageEngine {

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER);
    private final ReadWriteLock batchLock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        batchLock.readLock().lock();
        try {
            return map.get(key);
        } finally {
            batchLock.readLock().unlock();
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        batchLock.readLock().lock();
        try {
            map.put(key.clone(), value.clone());
        } finally {
            batchLock.readLock().unlock();
        }
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        batchLock.readLock().lock();
        try {
            map.remove(key);
        } finally {
            batchLock.readLock().unlock();
        }
    }

    @Override
    public void apply(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        checkOpen();
        batchLock.writeLock().lock();
        try {
            for (WriteBatch.Op op : batch.ops()) {
                if (op.isDelete()) {
                    map.remove(op.key());
                } else {
                    map.put(op.key().clone(), op.value().clone());
                }
            }
        } finally {
            batchLock.writeLock().unlock();
        }
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(direction, "direction");
        checkOpen();
        if (range.isEmpty()) {
            return new MapCursor(java.util.Collections.emptyIterator());
        }
        NavigableMap<byte[], byte[]> view = map;
        if (range.low() != null && range.high() != null) {
            view = map.subMap(range.low(), range.lowInclusive(), range.high(), range.highInclusive());
        } else if (range.low() != null) {
            view = map.tailMap(range.low(), range.lowInclusive());
        } else if (range.high() != null) {
            view = map.headMap(range.high(), range.highInclusive());
        }
        if (direction == Direction.BACKWARD) {
            view = view.descendingMap();
        }
        return new MapCursor(view.entrySet().iterator());
    }

    @Override
    public String name() {
        return "memory";
    }

    /** Number of keys; O(n), for tests and statistics. */
    public int size() {
        return map.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("memory engine is closed");
        }
    }

    private static final class MapCursor implements Cursor {
        private final Iterator<Map.Entry<byte[], byte[]>> it;
        private Map.Entry<byte[], byte[]> current;
        private boolean closed;

        MapCursor(Iterator<Map.Entry<byte[], byte[]>> it) {
            this.it = it;
        }

        @Override
        public boolean next() {
            checkOpen();
            if (it.hasNext()) {
                current = it.next();
                return true;
            }
            current = null;
            return false;
        }

        @Override
        public byte[] key() {
            checkOpen();
            if (current == null) {
                throw new IllegalStateException("cursor is not positioned on an entry");
            }
            return current.getKey();
        }

        @Override
        public byte[] value() {
            checkOpen();
            if (current == null) {
                throw new IllegalStateException("cursor is not positioned on an entry");
            }
            return current.getValue();
        }

        @Override
        public void close() {
            closed = true;
            current = null;
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("cursor is closed");
            }
        }
    }
}
