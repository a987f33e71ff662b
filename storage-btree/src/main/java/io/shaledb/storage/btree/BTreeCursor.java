package io.shaledb.storage.btree;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.btree.tree.BTree;
import java.util.ArrayDeque;
import java.util.Map;

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
    private final ArrayDeque<Map.Entry<byte[], byte[]>> buffer = new ArrayDeque<>();
    private int batchSize = FIRST_BATCH;
    private byte[] lastKey;
    private boolean exhausted;
    private boolean closed;
    private Map.Entry<byte[], byte[]> current;

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
        if (buffer.isEmpty() && !exhausted) {
            BTree.Batch batch = engine.refill(range, forward, lastKey, batchSize, MAX_BATCH_BYTES);
            buffer.addAll(batch.entries());
            exhausted = batch.exhausted();
            batchSize = Math.min(MAX_BATCH, batchSize * 2);
        }
        current = buffer.pollFirst();
        if (current == null) {
            exhausted = true;
            return false;
        }
        lastKey = current.getKey();
        return true;
    }

    @Override
    public byte[] key() {
        return positioned().getKey();
    }

    @Override
    public byte[] value() {
        return positioned().getValue();
    }

    private Map.Entry<byte[], byte[]> positioned() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (current == null) {
            throw new IllegalStateException("cursor is not positioned on an entry (call next() first)");
        }
        return current;
    }

    @Override
    public void close() {
        closed = true;
        current = null;
        buffer.clear();
    }
}
