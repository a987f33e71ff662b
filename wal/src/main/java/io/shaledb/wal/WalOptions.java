package io.shaledb.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Wal}. Immutable; start from {@link #defaults()} and change fields with the
 * {@code with...} methods.
 *
 * @param segmentSize nominal size of a segment file in bytes. A segment is closed when the next record
 *     does not fit; a record larger than a whole segment gets a segment of its own, which is then larger
 *     than nominal. Only affects new segments.
 * @param syncMode when commits are acknowledged
 * @param groupCommitDelay how long a {@link SyncMode#GROUP_DELAY} leader waits for more commits
 * @param backgroundSyncInterval how often the background thread syncs in {@link SyncMode#OFF}
 * @param writeBufferSize bytes buffered in memory before they are written to the segment file;
 *     records larger than this are written straight from the caller's buffer
 * @param maxRecordSize the largest payload accepted; also the largest length recovery believes
 * @param verifyAllSegmentsOnOpen whether opening reads and checks every record of every segment
 *     (otherwise only the last segment is scanned and older segments are checked by their headers
 *     and sizes; their records are still verified whenever they are replayed)
 * @param strictTailRecovery whether an invalid record in the last segment that is followed by a
 *     valid record is an error ({@link CorruptWalException}) instead of a torn tail that is cut off
 *     with a warning
 */
public record WalOptions(
        long segmentSize,
        SyncMode syncMode,
        Duration groupCommitDelay,
        Duration backgroundSyncInterval,
        int writeBufferSize,
        int maxRecordSize,
        boolean verifyAllSegmentsOnOpen,
        boolean strictTailRecovery) {

    public static final long DEFAULT_SEGMENT_SIZE = 64L << 20;
    public static final int DEFAULT_MAX_RECORD_SIZE = 1 << 30;

    public WalOptions {
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(groupCommitDelay, "groupCommitDelay");
        Objects.requireNonNull(backgroundSyncInterval, "backgroundSyncInterval");
        if (segmentSize < WalFormat.SEGMENT_HEADER_SIZE + WalFormat.RECORD_HEADER_SIZE) {
            throw new IllegalArgumentException("segmentSize too small: " + segmentSize);
        }
        if (writeBufferSize < WalFormat.RECORD_HEADER_SIZE) {
            throw new IllegalArgumentException("writeBufferSize too small: " + writeBufferSize);
        }
        if (maxRecordSize < 0 || maxRecordSize > Integer.MAX_VALUE - WalFormat.RECORD_HEADER_SIZE) {
            throw new IllegalArgumentException("maxRecordSize out of range: " + maxRecordSize);
        }
        if (groupCommitDelay.isNegative() || backgroundSyncInterval.isNegative() || backgroundSyncInterval.isZero()) {
            throw new IllegalArgumentException("delays must be positive");
        }
    }

    /** 64 MiB segments, {@link SyncMode#SYNC}, 100 µs group delay, 200 ms background sync, 1 MiB buffer. */
    public static WalOptions defaults() {
        return new WalOptions(DEFAULT_SEGMENT_SIZE, SyncMode.SYNC, Duration.ofNanos(100_000), Duration.ofMillis(200),
                1 << 20, DEFAULT_MAX_RECORD_SIZE, false, false);
    }

    public WalOptions withSegmentSize(long bytes) {
        return new WalOptions(bytes, syncMode, groupCommitDelay, backgroundSyncInterval, writeBufferSize, maxRecordSize,
                verifyAllSegmentsOnOpen, strictTailRecovery);
    }

    public WalOptions withSyncMode(SyncMode mode) {
        return new WalOptions(segmentSize, mode, groupCommitDelay, backgroundSyncInterval, writeBufferSize, maxRecordSize,
                verifyAllSegmentsOnOpen, strictTailRecovery);
    }

    public WalOptions withGroupCommitDelay(Duration delay) {
        return new WalOptions(segmentSize, syncMode, delay, backgroundSyncInterval, writeBufferSize, maxRecordSize,
                verifyAllSegmentsOnOpen, strictTailRecovery);
    }

    public WalOptions withBackgroundSyncInterval(Duration interval) {
        return new WalOptions(segmentSize, syncMode, groupCommitDelay, interval, writeBufferSize, maxRecordSize,
                verifyAllSegmentsOnOpen, strictTailRecovery);
    }

    public WalOptions withWriteBufferSize(int bytes) {
        return new WalOptions(segmentSize, syncMode, groupCommitDelay, backgroundSyncInterval, bytes, maxRecordSize,
                verifyAllSegmentsOnOpen, strictTailRecovery);
    }

    public WalOptions withMaxRecordSize(int bytes) {
        return new WalOptions(segmentSize, syncMode, groupCommitDelay, backgroundSyncInterval, writeBufferSize, bytes,
                verifyAllSegmentsOnOpen, strictTailRecovery);
    }

    public WalOptions withVerifyAllSegmentsOnOpen(boolean verify) {
        return new WalOptions(segmentSize, syncMode, groupCommitDelay, backgroundSyncInterval, writeBufferSize, maxRecordSize,
                verify, strictTailRecovery);
    }

    public WalOptions withStrictTailRecovery(boolean strict) {
        return new WalOptions(segmentSize, syncMode, groupCommitDelay, backgroundSyncInterval, writeBufferSize, maxRecordSize,
                verifyAllSegmentsOnOpen, strict);
    }
}
