package io.shaledb.txn;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fate of every transaction id: running, committed or aborted (PostgreSQL's clog).
 *
 * <p><b>In memory</b>, one status byte per id in pages of 64K ids, read without locks. <b>On
 * disk</b>, in the catalog engine, two bits per id in blocks of 256 ids (64 bytes) under
 * {@code 'x' 'c' u64be(xid >>> 8)} — a commit rewrites its block, which is the commit record the
 * engine's WAL carries. An id below the limit recovered at startup that has no record ran when the
 * server stopped, so it is aborted: recovery needs no undo pass.
 *
 * <pre>
 *   block value: byte i holds ids (block*256 + 4i .. +3), two bits each, low bits first: 01 committed, 10 aborted
 * </pre>
 */
final class CommitLog {
    static final byte RUNNING = 0;
    static final byte COMMITTED = 1;
    static final byte ABORTED = 2;

    private static final int PAGE_BITS = 16;
    private static final int BLOCK_IDS = 256;
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);

    private final StorageEngine engine;
    private final long recoveredLimit;
    private final ConcurrentHashMap<Long, byte[]> pages = new ConcurrentHashMap<>();
    /** Durable images of the blocks, by block number; a block is rewritten under its own monitor. */
    private final ConcurrentHashMap<Long, byte[]> blocks = new ConcurrentHashMap<>();

    /**
     * The page {@link #status} found last: a scan asks about the same few ids row after row, and a
     * page, once made, stays the same array, so this saves the boxed map lookup. Racy on purpose:
     * a reader sees some page that was really made for its number, or null.
     */
    private PageRef lastPage;

    private record PageRef(long number, byte[] page) {}

    private CommitLog(StorageEngine engine, long recoveredLimit) {
        this.engine = engine;
        this.recoveredLimit = recoveredLimit;
    }

    /**
     * Loads the log stored in {@code engine}; {@code recoveredLimit} is the first id never handed
     * out before this start (ids below it without a record are aborted).
     */
    static CommitLog load(StorageEngine engine, long recoveredLimit) {
        CommitLog log = new CommitLog(engine, recoveredLimit);
        try (Cursor c = engine.scan(KeyRange.prefix(TxnKeys.clogPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                long block = VersionCodec.getLong(c.key(), 2);
                byte[] image = c.value().clone();
                log.blocks.put(block, image);
                for (int i = 0; i < BLOCK_IDS; i++) {
                    int bits = (image[i >>> 2] >>> ((i & 3) * 2)) & 3;
                    if (bits != 0) {
                        log.setVisible(block * BLOCK_IDS + i, (byte) bits);
                    }
                }
            }
        }
        return log;
    }

    /** The status of {@code xid}; ids from before this start without a record count as aborted. */
    byte status(long xid) {
        long number = xid >>> PAGE_BITS;
        PageRef last = lastPage;
        byte[] page;
        if (last != null && last.number() == number) {
            page = last.page();
        } else {
            page = pages.get(number);
            if (page != null) {
                lastPage = new PageRef(number, page);
            }
        }
        byte s = page == null ? RUNNING : (byte) BYTES.getAcquire(page, (int) (xid & ((1 << PAGE_BITS) - 1)));
        return s == RUNNING && xid < recoveredLimit ? ABORTED : s;
    }

    /** Makes {@code status} the answer {@link #status} gives for {@code xid}. */
    void setVisible(long xid, byte status) {
        byte[] page = pages.computeIfAbsent(xid >>> PAGE_BITS, p -> new byte[1 << PAGE_BITS]);
        BYTES.setRelease(page, (int) (xid & ((1 << PAGE_BITS) - 1)), status);
    }

    /**
     * Writes {@code xid}'s record to the engine without waiting for durability. Records of one block
     * are written in the order of their calls, each image a superset of the previous one, so the
     * block's last write wins correctly after a crash.
     */
    void logDeferred(long xid, byte status) {
        logDeferred(xid, status, null);
    }

    /**
     * {@link #logDeferred(long, byte)}, with {@code rows} (the transaction's last row writes in
     * this engine, or null) applied in the same engine write: one log record carries both.
     */
    void logDeferred(long xid, byte status, WriteBatch rows) {
        long block = xid / BLOCK_IDS;
        byte[] image = blocks.computeIfAbsent(block, b -> new byte[BLOCK_IDS / 4]);
        int i = (int) (xid % BLOCK_IDS);
        synchronized (image) {
            image[i >>> 2] |= (byte) (status << ((i & 3) * 2));
            WriteBatch batch = rows == null ? new WriteBatch() : rows;
            batch.put(TxnKeys.clogKey(block), image.clone());
            engine.applyDeferred(batch);
        }
    }

    StorageEngine engine() {
        return engine;
    }
}
