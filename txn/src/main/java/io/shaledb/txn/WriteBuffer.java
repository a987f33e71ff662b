package io.shaledb.txn;

import io.shaledb.common.bytes.HashedBytes;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The row versions a transaction in bulk mode ({@link Transaction#bufferWrites}) has written but
 * not yet handed to their engines: one batch per engine, applied as one deferred write (one WAL
 * record on the B+Tree) when it holds {@link #MAX_OPS} operations or {@link #MAX_BYTES} bytes,
 * and whenever the transaction is about to read. The user keys written per relation are
 * remembered until then, so that an insert of a key already in the buffer (a duplicate within one
 * COPY) flushes first and finds it. A version written again before the flush (the kv model's
 * batch rewriting one hot row in place) replaces its buffered value: the engine gets the last one.
 *
 * <pre>
 *   insert ─► write ─► buffer ──(full, or any read, or commit)──► engine.applyDeferred(batch)
 *   k#7=a, k#7=b, k#7=c  ──flush──►  k#7=c
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

    /** Per engine, the buffered puts by version key, in first-write order. */
    private final Map<StorageEngine, Map<HashedBytes, Pending>> batches = new LinkedHashMap<>();
    /** The version key written last and its entry: a hot row rewritten again and again skips the hashing. */
    private byte[] lastVersionKey;
    private StorageEngine lastEngine;
    private Pending last;

    private final Map<Integer, Set<HashedBytes>> keys = new HashMap<>();
    private int ops;
    private long bytes;
    /** The buffered value of a {@link #delete}. */
    private static final byte[] DELETE = new byte[0];

    /** The buffered puts of {@code engine}; the maps stay allocated (and sized) across flushes. */
    private Map<HashedBytes, Pending> batchOf(StorageEngine engine) {
        return batches.computeIfAbsent(engine, e -> new LinkedHashMap<>(1024));
    }

    /** A buffered value (or {@link #DELETE}), replaced in place by a later write of its version. */
    private static final class Pending {
        byte[] value;

        Pending(byte[] value) {
            this.value = value;
        }
    }

    /** Buffers a put of {@code versionKey} (a version of {@code userKey} in {@code rel}); flushes when full. */
    void put(Relation rel, byte[] userKey, byte[] versionKey, byte[] value) {
        Pending p = last != null && lastEngine == rel.engine() && Arrays.equals(lastVersionKey, versionKey) ? last : null;
        boolean added = false;
        if (p == null) {
            Map<HashedBytes, Pending> batch = batchOf(rel.engine());
            HashedBytes k = new HashedBytes(versionKey);
            p = batch.get(k);
            if (p == null) {
                p = new Pending(value);
                batch.put(k, p);
                keys.computeIfAbsent(rel.id(), r -> new HashSet<>(1024)).add(new HashedBytes(userKey));
                added = true;
            }
        }
        if (added) {
            ops++;
            bytes += versionKey.length + value.length;
        } else {
            bytes += value.length - p.value.length;
            p.value = value;
        }
        last = p;
        lastEngine = rel.engine();
        lastVersionKey = versionKey;
        if (ops >= MAX_OPS || bytes >= MAX_BYTES) {
            flush();
        }
    }

    /**
     * Buffers the physical removal of a dead version (chain pruning): nobody can see it, so it may
     * stay in the engine until the flush, and reads need not wait for it ({@link #holds} ignores it).
     */
    void delete(Relation rel, byte[] versionKey) {
        Pending was = batchOf(rel.engine()).putIfAbsent(new HashedBytes(versionKey), new Pending(DELETE));
        if (was == null) {
            ops++;
            bytes += versionKey.length;
        } else {
            bytes -= was.value.length;
            was.value = DELETE;
        }
        if (ops >= MAX_OPS || bytes >= MAX_BYTES) {
            flush();
        }
    }

    /** True when a version of {@code userKey} in {@code rel} waits in the buffer. */
    boolean holds(Relation rel, byte[] userKey) {
        Set<HashedBytes> set = keys.get(rel.id());
        return set != null && !set.isEmpty() && set.contains(new HashedBytes(userKey));
    }

    boolean isEmpty() {
        return ops == 0;
    }

    /**
     * At commit: when everything buffered is at most {@code maxOps} operations on {@code engine},
     * hands them over as one batch (for the commit record's write to carry) and empties the buffer;
     * otherwise flushes as usual and returns null.
     */
    WriteBatch drainSmall(StorageEngine engine, int maxOps) {
        Map<HashedBytes, Pending> only = batches.get(engine);
        if (ops == 0 || ops > maxOps || only == null || only.size() != ops) {
            flush();
            return null;
        }
        WriteBatch batch = toBatch(only);
        clear();
        return batch;
    }

    private static WriteBatch toBatch(Map<HashedBytes, Pending> puts) {
        WriteBatch batch = new WriteBatch();
        for (Map.Entry<HashedBytes, Pending> op : puts.entrySet()) {
            if (op.getValue().value == DELETE) {
                batch.delete(op.getKey().bytes());
            } else {
                batch.put(op.getKey().bytes(), op.getValue().value);
            }
        }
        return batch;
    }

    private void clear() {
        for (Map<HashedBytes, Pending> b : batches.values()) {
            b.clear();
        }
        for (Set<HashedBytes> k : keys.values()) {
            k.clear();
        }
        ops = 0;
        bytes = 0;
        last = null;
        lastEngine = null;
        lastVersionKey = null;
    }

    /** Applies every buffered batch to its engine (deferred: the commit's sync makes them durable). */
    void flush() {
        if (ops == 0) {
            return;
        }
        try {
            for (Map.Entry<StorageEngine, Map<HashedBytes, Pending>> e : batches.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    e.getKey().applyDeferred(toBatch(e.getValue()));
                }
            }
        } finally {
            clear();
        }
    }
}
