package io.shaledb.kv;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleDecoder;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reclaims the sub-keys of dead collection versions in the background — the job Kvrocks gives its
 * compaction filter. DEL, an overwriting SET, RENAME, expiry and FLUSHDB only replace or delete a
 * collection's metadata record (O(1) for the client); its sub-keys, tagged with the old version,
 * are unreachable from then on and this sweeper deletes them.
 *
 * <pre>
 *   'k' 's' db "user:42" v77 "name"   ─┐  meta of (db, "user:42") says version 91
 *   'k' 's' db "user:42" v77 "email"  ─┤  (or is gone): v77 is dead ─> delete, up to BATCH rows a transaction
 *   'k' 's' db "user:42" v91 "name"   ─── live: skip to the end of prefix (db, "user:42", v91)
 *   'k' 'z' db "board"   v12 1500 "p:42"  score-index entries: the same rule
 * </pre>
 *
 * A pass walks each sub-key space once, in key order, seeking past every live version's prefix,
 * so it costs O(collections + dead rows), not O(elements). It runs only when a collection died
 * since the last pass ({@link #noteGarbage}) and once after start (garbage left by a crash).
 * No locks are needed: a version is drawn fresh for every (re)created collection and its
 * sub-keys commit together with its metadata, so a version this transaction's snapshot shows as
 * dead has no writer and never comes back. Deleted rows become dead MVCC versions that vacuum
 * (autovacuum watches the kv relation) removes from the engine.
 */
final class KvReclaimer {
    /** Sub-key rows deleted per transaction. */
    static final int BATCH = 512;
    /** Every space byte whose keys are {@code u8(db) bytes(key) i64(version) ...}. */
    private static final byte[] VERSIONED_SPACES = {KvKeys.SUB, KvKeys.SCORE};

    private final KvStore store;
    private final AtomicLong garbageNotes = new AtomicLong(1); // one pass after start
    private final AtomicLong reclaimed = new AtomicLong();
    private long sweptUpTo;

    KvReclaimer(KvStore store) {
        this.store = store;
    }

    /** A collection version died (its metadata was deleted or replaced). */
    void noteGarbage() {
        garbageNotes.incrementAndGet();
    }

    /** Sub-key rows deleted since start. */
    long reclaimed() {
        return reclaimed.get();
    }

    /** Runs a pass if a collection died since the last one; returns the rows it deleted. */
    long sweepIfNeeded() {
        long notes = garbageNotes.get();
        if (notes == sweptUpTo) {
            return 0;
        }
        long n = sweep();
        sweptUpTo = notes;
        return n;
    }

    /** One full pass over every versioned sub-key space; returns the rows deleted. */
    long sweep() {
        long total = 0;
        for (byte space : VERSIONED_SPACES) {
            byte[] from = new byte[] {KvKeys.SPACE, space};
            byte[] end = Bytes.prefixEnd(from);
            while (from != null) {
                Step step = sweepStep(from, end);
                total += step.deleted();
                from = step.next();
            }
        }
        reclaimed.addAndGet(total);
        return total;
    }

    /** What one transaction did: rows deleted, and where the next one starts (null: the space is done). */
    private record Step(int deleted, byte[] next) {}

    private Step sweepStep(byte[] from, byte[] end) {
        return store.maintenance(t -> {
            List<Version> dead = new ArrayList<>();
            byte[] low = from;
            boolean lowInclusive = true;
            byte[] liveOwner = null; // (db, key) whose live version was looked up last, and its answer
            long liveVersion = -1;
            while (dead.size() < BATCH) {
                byte[] next = null;
                try (VersionScan s = KvStore.scan(t, new KeyRange(low, lowInclusive, end, false))) {
                    while (dead.size() < BATCH && s.next()) {
                        Version v = s.current();
                        byte[] core = v.userKey();
                        TupleDecoder d = new TupleDecoder(core, 3);
                        byte[] key = d.readBytes(SortOrder.ASC);
                        byte[] owner = Arrays.copyOf(core, d.position()); // space, db and key
                        long version = d.readLong(SortOrder.ASC);
                        int db = core[2] & 0xFF;
                        if (liveOwner == null || !Arrays.equals(owner, liveOwner)) {
                            liveOwner = owner;
                            liveVersion = liveVersion(t, db, key);
                        }
                        if (version == liveVersion) {
                            next = Bytes.prefixEnd(Arrays.copyOf(core, d.position())); // skip the live collection
                            break;
                        }
                        dead.add(v);
                    }
                }
                if (next == null) {
                    break; // the batch is full, or the space is done
                }
                low = next;
                lowInclusive = true;
            }
            for (Version v : dead) {
                t.deleteVersion(v);
            }
            byte[] resume = dead.size() < BATCH ? null : dead.get(dead.size() - 1).userKey();
            return new Step(dead.size(), resume);
        });
    }

    /** The version of the live collection (db, key), or -1 when there is none. */
    private static long liveVersion(KvTxn t, int db, byte[] key) {
        Version v = t.read(KvKeys.meta(db, key));
        if (v == null) {
            return -1;
        }
        KvMeta m = KvMeta.decode(v.payload());
        return m.type() == KvType.STRING ? -1 : m.version();
    }

    /** Whether replacing or deleting a metadata record with {@code payload} kills a collection version. */
    static boolean isCollection(byte[] payload) {
        return payload.length >= 26 && payload[1] != (byte) KvType.STRING.code();
    }

    /** The version in a collection's metadata payload. */
    static long versionOf(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(10);
    }
}
