package io.shaledb.storage.btree;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.btree.tree.BTree;

/**
 * A cursor that holds no latch and no page between calls: it refills a small buffer of entries
 * under the shared latch and remembers the last key it returned; the next refill descends the tree
 * again from the root to the first key strictly after (or before) it. Splits, merges and page reuse
 * between refills therefore cannot confuse it: it returns keys strictly in order, each at most
 * once, and every key that stayed in the tree for the whole scan.
 */
final class BTreeCursor implements Cursor {

    private static final int FIRST_BATCH = 16;
    private static final int MAX_BATCH = 256;
    private static final long MAX_BATCH_BYTES = 1L << 20;

    private final BTreeEngine engine;
    private final KeyRange range;
    private final boolean forward;
    private BTree.Batch batch;
    /** Position in {@link #batch} of the current entry; -1 before the first. */
    private int pos = -1;
    private int batchSize = FIRST_BATCH;
    private byte[] lastKey;
    private boolean exhausted;
    private boolean closed;
    private boolean positioned;

    BTreeCursor(BTreeEngine engine, KeyRange range, boolean forward) {
        this.engine = engine;
        this.range = range;
        this.forward = forward;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (batch != null && pos + 1 < batch.size()) {
            pos++;
        } else {
            batch = null;
            pos = -1;
            if (!exhausted) {
                BTree.Batch b = engine.refill(range, forward, lastKey, batchSize, MAX_BATCH_BYTES);
                exhausted = b.exhausted();
                batchSize = Math.min(MAX_BATCH, batchSize * 2);
                if (b.size() > 0) {
                    batch = b;
                    pos = 0;
                }
            }
            if (batch == null) {
                exhausted = true;
                positioned = false;
                return false;
            }
        }
        positioned = true;
        lastKey = batch.keys()[pos];
        return true;
    }

    @Override
    public byte[] key() {
        check();
        return batch.keys()[pos];
    }

    @Override
    public byte[] value() {
        check();
        return batch.values()[pos];
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (!positioned) {
            throw new IllegalStateException("cursor is not positioned on an entry (call next() first)");
        }
    }

    @Override
    public void close() {
        closed = true;
        positioned = false;
        batch = null;
    }
}
