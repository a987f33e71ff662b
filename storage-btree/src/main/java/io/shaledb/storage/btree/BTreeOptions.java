package io.shaledb.storage.btree;

import io.shaledb.storage.btree.page.Page;

/**
 * Options of a {@link BTreeEngine}.
 *
 * @param pageSize page size in bytes, a power of two in [4 KiB, 64 KiB]; only used when a file is
 *     created (an existing file keeps the size recorded in its meta page)
 * @param bufferPoolBytes memory budget of the buffer pool
 */
public record BTreeOptions(int pageSize, long bufferPoolBytes) {

    public static final long DEFAULT_BUFFER_POOL_BYTES = 64L << 20;

    public BTreeOptions {
        Page.checkPageSize(pageSize);
        if (bufferPoolBytes < 16L * pageSize) {
            throw new IllegalArgumentException("buffer pool must hold at least 16 pages: " + bufferPoolBytes);
        }
    }

    public static BTreeOptions defaults() {
        return new BTreeOptions(Page.DEFAULT_PAGE_SIZE, DEFAULT_BUFFER_POOL_BYTES);
    }

    public BTreeOptions withPageSize(int bytes) {
        return new BTreeOptions(bytes, bufferPoolBytes);
    }

    public BTreeOptions withBufferPoolBytes(long bytes) {
        return new BTreeOptions(pageSize, bytes);
    }
}
