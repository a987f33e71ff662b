package io.shaledb.storage.btree;

import io.shaledb.storage.btree.page.Page;
import io.shaledb.wal.SyncMode;
import io.shaledb.wal.WalOptions;
import java.util.Objects;

/**
 * Options of a {@link BTreeEngine}.
 *
 * @param pageSize page size in bytes, a power of two in [4 KiB, 64 KiB]; only used when a file is
 *     created (an existing file keeps the size recorded in its meta page and control file)
 * @param bufferPoolBytes memory budget of the buffer pool
 * @param walOptions options of the write-ahead log in the {@code wal/} subdirectory; its
 *     {@link WalOptions#syncMode() sync mode} decides when a write is durable as it returns
 * @param checkpointWalBytes a checkpoint starts (on the writing thread, without stopping other
 *     writers) once the log has grown this much since the last one
 * @param backgroundWriterMillis pause between rounds of the background writer, which writes dirty
 *     unpinned pages ahead of the buffer pool's CLOCK hand so that eviction rarely has to write
 *     synchronously; 0 disables it
 * @param batchFinger whether a {@code WriteBatch} remembers the leaf its previous operation changed
 *     and goes straight to it when the next key falls in that leaf's range (default on; off only
 *     to measure or to rule it out: the pages and the log are the same either way)
 */
public record BTreeOptions(int pageSize, long bufferPoolBytes, WalOptions walOptions, long checkpointWalBytes,
                           long backgroundWriterMillis, boolean batchFinger) {

    public static final long DEFAULT_BACKGROUND_WRITER_MILLIS = 20;

    public static final long DEFAULT_BUFFER_POOL_BYTES = 64L << 20;
    /** As PostgreSQL's max_wal_size: a longer interval means fewer full-page images (each page's first change after a checkpoint logs the whole page). */
    public static final long DEFAULT_CHECKPOINT_WAL_BYTES = 1L << 30;

    public BTreeOptions {
        Page.checkPageSize(pageSize);
        if (bufferPoolBytes < 16L * pageSize) {
            throw new IllegalArgumentException("buffer pool must hold at least 16 pages: " + bufferPoolBytes);
        }
        Objects.requireNonNull(walOptions, "walOptions");
        if (checkpointWalBytes <= 0) {
            throw new IllegalArgumentException("checkpointWalBytes must be positive: " + checkpointWalBytes);
        }
        if (backgroundWriterMillis < 0) {
            throw new IllegalArgumentException("backgroundWriterMillis must not be negative: " + backgroundWriterMillis);
        }
    }

    public BTreeOptions(int pageSize, long bufferPoolBytes, WalOptions walOptions, long checkpointWalBytes,
                        long backgroundWriterMillis) {
        this(pageSize, bufferPoolBytes, walOptions, checkpointWalBytes, backgroundWriterMillis, true);
    }

    public BTreeOptions(int pageSize, long bufferPoolBytes, WalOptions walOptions, long checkpointWalBytes) {
        this(pageSize, bufferPoolBytes, walOptions, checkpointWalBytes, DEFAULT_BACKGROUND_WRITER_MILLIS);
    }

    public static BTreeOptions defaults() {
        return new BTreeOptions(Page.DEFAULT_PAGE_SIZE, DEFAULT_BUFFER_POOL_BYTES, WalOptions.defaults(),
                DEFAULT_CHECKPOINT_WAL_BYTES);
    }

    public BTreeOptions withPageSize(int bytes) {
        return new BTreeOptions(bytes, bufferPoolBytes, walOptions, checkpointWalBytes, backgroundWriterMillis, batchFinger);
    }

    public BTreeOptions withBufferPoolBytes(long bytes) {
        return new BTreeOptions(pageSize, bytes, walOptions, checkpointWalBytes, backgroundWriterMillis, batchFinger);
    }

    public BTreeOptions withWalOptions(WalOptions options) {
        return new BTreeOptions(pageSize, bufferPoolBytes, options, checkpointWalBytes, backgroundWriterMillis, batchFinger);
    }

    /** Shorthand for {@code withWalOptions(walOptions().withSyncMode(mode))}. */
    public BTreeOptions withSyncMode(SyncMode mode) {
        return withWalOptions(walOptions.withSyncMode(mode));
    }

    public BTreeOptions withCheckpointWalBytes(long bytes) {
        return new BTreeOptions(pageSize, bufferPoolBytes, walOptions, bytes, backgroundWriterMillis, batchFinger);
    }

    /** Pause between background-writer rounds; 0 turns the background writer off. */
    public BTreeOptions withBackgroundWriterMillis(long millis) {
        return new BTreeOptions(pageSize, bufferPoolBytes, walOptions, checkpointWalBytes, millis, batchFinger);
    }

    /** Whether batches keep a finger on the leaf their previous operation changed (see {@link #batchFinger()}). */
    public BTreeOptions withBatchFinger(boolean on) {
        return new BTreeOptions(pageSize, bufferPoolBytes, walOptions, checkpointWalBytes, backgroundWriterMillis, on);
    }
}
