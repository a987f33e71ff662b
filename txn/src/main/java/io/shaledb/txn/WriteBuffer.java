package io.shaledb.txn;

import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The row versions a transaction in bulk mode ({@link Transaction#bufferWrites}) has written but
 * not yet handed to their engines: one {@link WriteBatch} per engine, applied as one deferred
 * write (one WAL record on the B+Tree) when it holds {@link #MAX_OPS} operations or
 * {@link #MAX_BYTES} bytes, and whenever the transaction is about to read. The user keys written
 * per relation are remembered until then, so that an insert of a key already in the buffer (a
 * duplicate within one COPY) flushes first and finds it.
 *
 * <pre>
 *   insert ─► write ─► buffer ──(full, or any read, or commit)──► engine.applyDeferred(batch)
 * </pre>
 *
 * Nothing here is durable or visible to anyone before the flush; since the versions are
 * uncommitted, nobody else may see them anyway, and their keys are locked as usual.
 */
final class WriteBuffer {
    /** Operations per engine batch: enough to share one log record among a page or more of rows. */
    static final int MAX_OPS = 512;
    /** Bytes per engine batch (keys and values). */
    static final long MAX_BYTES = 256 * 1024;

    private final Map<StorageEngine, WriteBatch> batches = new LinkedHashMap<>();
    private final Map<Integer, Set<ByteBuffer>> keys = new HashMap<>();
    private int ops;
    private long bytes;

    /** Buffers a put of {@code versionKey} (a version of {@code userKey} in {@code rel}); flushes when full. */
    void put(Relation rel, byte[] userKey, byte[] versionKey, byte[] value) {
        batches.computeIfAbsent(rel.engine(), e -> new WriteBatch()).put(versionKey, value);
        keys.computeIfAbsent(rel.id(), r -> new HashSet<>()).add(ByteBuffer.wrap(userKey));
        ops++;
        bytes += versionKey.length + value.length;
        if (ops >= MAX_OPS || bytes >= MAX_BYTES) {
            flush();
        }
    }

    /** True when a version of {@code userKey} in {@code rel} waits in the buffer. */
    boolean holds(Relation rel, byte[] userKey) {
        Set<ByteBuffer> set = keys.get(rel.id());
        return set != null && set.contains(ByteBuffer.wrap(userKey));
    }

    boolean isEmpty() {
        return ops == 0;
    }

    /** Applies every buffered batch to its engine (deferred: the commit's sync makes them durable). */
    void flush() {
        if (ops == 0) {
            return;
        }
        try {
            for (Map.Entry<StorageEngine, WriteBatch> e : batches.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    e.getKey().applyDeferred(e.getValue());
                }
            }
        } finally {
            batches.clear();
            keys.clear();
            ops = 0;
            bytes = 0;
        }
    }
}
