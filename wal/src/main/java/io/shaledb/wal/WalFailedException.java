package io.shaledb.wal;

import java.io.IOException;

/**
 * An earlier write or sync failed, so the WAL no longer knows what is on disk and refuses to go
 * on (after a failed {@code fsync} the kernel may have dropped the dirty pages; retrying would lie).
 * Close it and open it again: recovery finds the last valid record. The cause is the first failure.
 */
public final class WalFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public WalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
