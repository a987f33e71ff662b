package io.shaledb.txn;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import java.util.Arrays;

/**
 * A transaction's bulk load of a relation nobody else can reach: the entries of an index that
 * CREATE INDEX builds under its table's exclusive lock, in a key space allocated for it and
 * invisible to every other transaction until the catalog row naming it commits.
 *
 * <pre>
 *   sorted (key, payload) ──► version (key#1, xmin = this transaction, cid = this statement)
 *                              ──► WriteBatch of ≤ 2048 versions / 1 MiB ──► engine.applyDeferred
 * </pre>
 *
 * Because no other transaction can read, write or lock a key of the relation, the per-key work of
 * {@link Transaction#insert} has nothing to do: there is no lock to wait for, no live version to
 * find, no earlier version to stack on. So a version is just written, with sequence number 1, in
 * key order (a B+Tree fills its pages left to right), many per engine write. It is otherwise an
 * ordinary uncommitted version of the transaction: invisible until the commit record, aborted by a
 * crash or rollback (and then removed by vacuum, or with the whole orphaned key space at start-up),
 * undone by ROLLBACK TO SAVEPOINT.
 *
 * <p>The relation must be empty when the load starts (checked), keys must arrive strictly
 * ascending (checked: equal keys would be two versions of one row), and {@link #finish} must be
 * called to write the last batch. SERIALIZABLE validation counts the whole relation as written.
 */
public final class SortedLoad {
    static final int MAX_OPS = 2048;
    static final long MAX_BYTES = 1024 * 1024;

    private final Transaction tx;
    private final Relation rel;
    private final long xid;
    private final int cid;
    private WriteBatch batch = new WriteBatch();
    private long pendingVersions;
    private byte[] last;
    private long written;
    private boolean finished;

    SortedLoad(Transaction tx, Relation rel) {
        this.tx = tx;
        this.rel = rel;
        this.xid = tx.xid();
        this.cid = tx.cid();
        try (Cursor c = rel.engine().scan(KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            if (c.next()) {
                throw new IllegalStateException("bulk load into " + rel + ", which is not empty (has "
                        + Bytes.toHex(c.key()) + ")");
            }
        }
        tx.wroteWhole(rel);
    }

    /** Adds the only version of {@code userKey}; keys must be strictly ascending. */
    public void add(byte[] userKey, byte[] payload) {
        if (finished) {
            throw new IllegalStateException("bulk load into " + rel + " already finished");
        }
        if (last != null && Arrays.compareUnsigned(last, userKey) >= 0) {
            throw new IllegalArgumentException("bulk load into " + rel + ": key " + Bytes.toHex(userKey)
                    + " does not follow " + Bytes.toHex(last));
        }
        last = userKey;
        batch.put(VersionCodec.versionKey(userKey, 1), VersionCodec.encode(new Version(userKey, 1, xid, 0, cid, 0, 0, payload)));
        pendingVersions++;
        if (batch.size() >= MAX_OPS || batch.byteSize() >= MAX_BYTES) {
            flush();
        }
    }

    /** Writes what is left; returns the number of versions loaded. */
    public long finish() {
        if (!finished) {
            flush();
            finished = true;
        }
        return written;
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        tx.checkCancelled();
        WriteBatch b = batch;
        batch = new WriteBatch();
        tx.writeLoaded(rel, b, pendingVersions);
        written += pendingVersions;
        pendingVersions = 0;
    }
}
