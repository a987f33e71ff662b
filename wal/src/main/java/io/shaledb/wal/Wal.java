package io.shaledb.wal;

import static io.shaledb.wal.WalFormat.RECORD_HEADER_SIZE;
import static io.shaledb.wal.WalFormat.SEGMENT_HEADER_SIZE;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log in a directory of segment files. See the package documentation for the
 * design and {@code docs/formats/wal.md} for the bytes.
 *
 * <p>Thread-safe. {@link #append} is cheap (a copy into a buffer under a short lock);
 * durability is requested separately with {@link #awaitDurable}, {@link #commit} or {@link #flush},
 * and concurrent requests share one {@code fdatasync} (group commit).
 *
 * <p>Invariants (checked by the crash tests):
 * <ol>
 *   <li>Every record with {@code lsn < durableLsn()} is on disk and survives a crash.
 *   <li>Segments other than the last are complete: synced in full, ending exactly at the next
 *       segment's base LSN, before the next segment receives its first record.
 *   <li>After a crash, the records recovery finds are a prefix of the records appended, in order.
 *   <li>After any write or sync failure the log accepts nothing more ({@link WalFailedException}).
 * </ol>
 */
public final class Wal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Wal.class);

    /** Bytes a record occupies besides its payload (the record header). */
    public static final int RECORD_OVERHEAD = RECORD_HEADER_SIZE;

    /**
     * The end LSN of a record: where the next record starts if it is in the same segment. A
     * record is durable once {@link #durableLsn()} reaches its end (equivalently, exceeds its LSN).
     */
    public static long recordEnd(long lsn, int payloadLength) {
        return lsn + RECORD_HEADER_SIZE + payloadLength;
    }

    private final FileSystem fs;
    private final Path dir;
    private final WalOptions options;
    private final int logId;

    // ------------------------------------------------ append state, guarded by appendLock
    private final ReentrantLock appendLock = new ReentrantLock();
    private final List<SegmentRef> segments = new ArrayList<>();
    private Active active;
    private final ByteBuffer buffer;
    /** LSN of the first byte in {@link #buffer}: everything before it has been written to a file. */
    private long bufferLsn;
    /** LSN the next appended record gets (unless a new segment starts first). */
    private long nextLsn;
    private boolean closing;
    /** Runs before appended bytes go to a segment file ({@link #setWriteBarrier}); null: none. */
    private volatile Runnable writeBarrier;

    // ------------------------------------------------ durability state, guarded by syncLock
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition syncFinished = syncLock.newCondition();
    private boolean syncInProgress;
    private volatile long durableLsn;
    private volatile long appendedLsn;
    private volatile IOException failure;

    private final ReentrantLock truncateLock = new ReentrantLock();
    private final Thread backgroundSyncer;
    private volatile boolean closed;

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytesAppended = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    /** Threads inside {@link #awaitCommit} in {@link SyncMode#GROUP_DELAY}. */
    private final AtomicInteger committers = new AtomicInteger();

    /** A segment file: its base LSN and path. */
    record SegmentRef(long baseLsn, Path path) {}

    /** The segment being appended to, and retired ones still pinned by an in-flight sync. */
    private static final class Active {
        final SegmentRef ref;
        final FileHandle handle;
        private int pins;
        private boolean retired;

        Active(SegmentRef ref, FileHandle handle) {
            this.ref = ref;
            this.handle = handle;
        }

        synchronized void pin() {
            pins++;
        }

        synchronized void unpin() {
            if (--pins == 0 && retired) {
                closeQuietly(handle);
            }
        }

        synchronized void retire() {
            retired = true;
            if (pins == 0) {
                closeQuietly(handle);
            }
        }
    }

    private Wal(FileSystem fs, Path dir, WalOptions options, int logId, List<SegmentRef> segments, Active active,
            long endLsn) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.logId = logId;
        this.segments.addAll(segments);
        this.active = active;
        this.buffer = ByteBuffer.allocateDirect(options.writeBufferSize()).order(ByteOrder.LITTLE_ENDIAN);
        this.bufferLsn = endLsn;
        this.nextLsn = endLsn;
        this.appendedLsn = endLsn;
        this.durableLsn = endLsn;
        if (options.syncMode() == SyncMode.OFF) {
            backgroundSyncer = Thread.ofPlatform().daemon().name("shaledb-wal-sync " + dir.getFileName())
                    .unstarted(this::backgroundSyncLoop);
            backgroundSyncer.start();
        } else {
            backgroundSyncer = null;
        }
    }

    /**
     * Opens the log in {@code dir}, creating the directory and an empty log if needed. An existing
     * log is recovered: a torn tail is cut off at the last valid record (and logged); damage before
     * the tail is reported as {@link CorruptWalException}.
     */
    public static Wal open(FileSystem fs, Path dir, WalOptions options) throws IOException {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(options, "options");
        Path d = dir.toAbsolutePath().normalize();
        return WalRecovery.open(fs, d, options, (logId, segs, handle, end) -> new Wal(fs, d, options, logId, segs,
                new Active(segs.getLast(), handle), end));
    }

    /** Opens with {@link WalOptions#defaults()}. */
    public static Wal open(FileSystem fs, Path dir) throws IOException {
        return open(fs, dir, WalOptions.defaults());
    }

    // ================================================================ appending

    /**
     * Appends a record and returns its LSN. The record is not durable yet; see
     * {@link #awaitDurable}, {@link #commit} and {@link #flush}. {@code payload}'s remaining bytes
     * are copied (or written) before this returns; its position is not changed.
     *
     * @param type a registered record type, never 0 (see {@link RecordTypes})
     * @throws IllegalArgumentException if the type is 0 or the payload exceeds {@link WalOptions#maxRecordSize()}
     * @throws WalFailedException if an earlier write or sync failed
     */
    public long append(byte type, ByteBuffer payload) throws IOException {
        if (type == 0) {
            throw new IllegalArgumentException("record type 0 is reserved");
        }
        int length = payload.remaining();
        if (length > options.maxRecordSize()) {
            throw new IllegalArgumentException("payload of " + length + " bytes exceeds maxRecordSize "
                    + options.maxRecordSize());
        }
        // The CRC covers payload then header tail, so the expensive part runs outside the lock.
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        byte[] header = new byte[RECORD_HEADER_SIZE];
        long recordSize = RECORD_HEADER_SIZE + (long) length;
        appendLock.lock();
        try {
            checkWritable();
            long used = nextLsn - active.ref.baseLsn();
            if (used > SEGMENT_HEADER_SIZE && used + recordSize > options.segmentSize()) {
                rollOver();
            }
            long lsn = nextLsn;
            WalFormat.encodeRecordHeaderTail(header, length, lsn, type);
            crc.update(header, 4, RECORD_HEADER_SIZE - 4);
            WalFormat.putRecordCrc(header, (int) crc.getValue());
            if (recordSize > buffer.remaining()) {
                writeBuffer();
            }
            if (recordSize <= buffer.remaining()) {
                buffer.put(header).put(payload.duplicate());
            } else {
                // Too big for the buffer (which is empty now): straight from the caller's memory.
                long at = lsn - active.ref.baseLsn();
                runWriteBarrier();
                try {
                    active.handle.write(ByteBuffer.wrap(header), at);
                    active.handle.write(payload.duplicate(), at + RECORD_HEADER_SIZE);
                } catch (IOException e) {
                    throw fail(e);
                }
                writes.addAndGet(2);
                bufferLsn = lsn + recordSize;
            }
            nextLsn = lsn + recordSize;
            appendedLsn = nextLsn;
            records.incrementAndGet();
            bytesAppended.addAndGet(recordSize);
            return lsn;
        } finally {
            appendLock.unlock();
        }
    }

    /** {@link #append(byte, ByteBuffer)} for an array. */
    public long append(byte type, byte[] payload) throws IOException {
        return append(type, ByteBuffer.wrap(payload));
    }

    /** Appends a record and acknowledges it as {@link WalOptions#syncMode()} says; returns its LSN. */
    public long commit(byte type, ByteBuffer payload) throws IOException {
        long lsn = append(type, payload);
        awaitCommit(lsn);
        return lsn;
    }

    /** {@link #commit(byte, ByteBuffer)} for an array. */
    public long commit(byte type, byte[] payload) throws IOException {
        return commit(type, ByteBuffer.wrap(payload));
    }

    /**
     * Waits as the sync mode says for the record at {@code lsn}: until it is durable in
     * {@link SyncMode#SYNC} and {@link SyncMode#GROUP_DELAY} (the latter first gathering more
     * commits), not at all in {@link SyncMode#OFF}.
     */
    public void awaitCommit(long lsn) throws IOException {
        if (options.syncMode() == SyncMode.OFF) {
            checkAppended(lsn);
            IOException f = failure;
            if (f != null && durableLsn <= lsn) {
                throw failed(f);
            }
            return;
        }
        boolean gather = options.syncMode() == SyncMode.GROUP_DELAY;
        if (gather) {
            committers.incrementAndGet();
        }
        try {
            awaitDurableEnd(lsn + 1, gather);
        } finally {
            if (gather) {
                committers.decrementAndGet();
            }
        }
        commits.incrementAndGet();
    }

    /**
     * Returns once the record at {@code lsn} and every record before it are on disk, whatever the
     * sync mode (a page writer calls this before writing a page whose changes the record logs).
     *
     * @throws IllegalArgumentException if no record at or after {@code lsn} has been appended
     */
    public void awaitDurable(long lsn) throws IOException {
        awaitDurableEnd(lsn + 1, false);
        commits.incrementAndGet();
    }

    /** Makes every record appended so far durable. */
    public void flush() throws IOException {
        long target = appendedLsn;
        if (durableLsn < target) {
            awaitDurableEnd(target, false);
        }
    }

    /**
     * The durable end of the log: every record with an LSN below it is on disk. Always a record
     * boundary or the first record position of a segment.
     */
    public long durableLsn() {
        return durableLsn;
    }

    /** The end of the appended log: the LSN just after the last appended record. */
    public long endLsn() {
        return appendedLsn;
    }

    /** The LSN of the oldest record still in the log (or where it will be, if the log is empty). */
    public long firstLsn() {
        appendLock.lock();
        try {
            return segments.getFirst().baseLsn() + SEGMENT_HEADER_SIZE;
        } finally {
            appendLock.unlock();
        }
    }

    public WalStats stats() {
        return new WalStats(records.get(), bytesAppended.get(), writes.get(), fsyncs.get(), commits.get(), durableLsn);
    }

    public Path directory() {
        return dir;
    }

    public WalOptions options() {
        return options;
    }

    /**
     * Makes this log depend on another: {@code barrier} runs before any appended record is written
     * to a segment file (a full buffer, a sync, a segment roll-over), under the append lock, and
     * must return only once everything those records depend on is durable elsewhere. So nothing of
     * this log reaches the disk, not even unsynced into the page cache, ahead of what it relies on.
     *
     * <p>The transaction layer uses it when rows live in one engine's log and the records that
     * commit them in another's: the barrier syncs the rows' log, which costs nothing when it is
     * already synced. A barrier that throws fails that write (the caller's append or sync) without
     * failing this log; it must not append to this log. Null removes the barrier.
     */
    public void setWriteBarrier(Runnable barrier) {
        writeBarrier = barrier;
    }

    private void runWriteBarrier() {
        Runnable barrier = writeBarrier;
        if (barrier != null) {
            barrier.run();
        }
    }

    // ================================================================ group commit

    /**
     * Leader/follower group commit. Whoever finds no sync running becomes the leader: it writes the
     * buffer, notes the end LSN, syncs, publishes the new durable LSN and wakes everyone. Callers
     * that arrive while a sync runs wait for it; if it did not cover them, one of them leads the
     * next sync, which covers everything appended meanwhile.
     */
    private void awaitDurableEnd(long required, boolean gatherFirst) throws IOException {
        if (durableLsn >= required) {
            return;
        }
        checkAppended(required - 1);
        syncLock.lock();
        try {
            while (true) {
                if (durableLsn >= required) {
                    return;
                }
                IOException f = failure;
                if (f != null) {
                    throw failed(f);
                }
                if (!syncInProgress) {
                    syncInProgress = true;
                    break;
                }
                syncFinished.awaitUninterruptibly();
            }
        } finally {
            syncLock.unlock();
        }
        try {
            // Like PostgreSQL's commit_siblings: lingering only pays when someone else is committing.
            if (gatherFirst && committers.get() > 1) {
                long deadline = System.nanoTime() + options.groupCommitDelay().toNanos();
                for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                }
            }
            syncEverythingAppended();
        } finally {
            syncLock.lock();
            try {
                syncInProgress = false;
                syncFinished.signalAll();
            } finally {
                syncLock.unlock();
            }
        }
    }

    /** The leader's work: write what is buffered, sync the active segment, publish. */
    private void syncEverythingAppended() throws IOException {
        Active target;
        long reached;
        long upTo = Long.MAX_VALUE;
        if (writeBarrier != null) {
            // The barrier (another log's fsync) runs without the append lock, so appenders go on
            // meanwhile; it covers what was appended before it started, and only that is written.
            appendLock.lock();
            try {
                checkSyncable();
                upTo = nextLsn;
            } finally {
                appendLock.unlock();
            }
            runWriteBarrier();
        }
        appendLock.lock();
        try {
            checkSyncable();
            if (upTo == Long.MAX_VALUE) {
                writeBuffer();
                reached = nextLsn;
            } else {
                // A roll-over meanwhile wrote and synced everything up to upTo (and ran the barrier itself).
                writeBufferUpTo(upTo);
                reached = Math.min(upTo, nextLsn);
            }
            target = active;
            target.pin();
        } finally {
            appendLock.unlock();
        }
        try {
            target.handle.sync();
            fsyncs.incrementAndGet();
        } catch (IOException e) {
            throw fail(e);
        } finally {
            target.unpin();
        }
        publishDurable(reached);
    }

    private void publishDurable(long lsn) {
        syncLock.lock();
        try {
            if (lsn > durableLsn) {
                durableLsn = lsn;
            }
            syncFinished.signalAll();
        } finally {
            syncLock.unlock();
        }
    }

    private void backgroundSyncLoop() {
        long intervalNanos = options.backgroundSyncInterval().toNanos();
        while (!closed) {
            LockSupport.parkNanos(intervalNanos);
            if (closed || failure != null) {
                continue;
            }
            try {
                flush();
            } catch (IOException | RuntimeException e) {
                if (!closed && failure == null) {
                    log.error("background sync of WAL {} failed", dir, e);
                } // otherwise fail() has already reported it
            }
        }
    }

    // ================================================================ segments (appendLock held)

    private void checkSyncable() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw failed(f);
        }
        if (closed) {
            throw new IllegalStateException("WAL is closed: " + dir);
        }
    }

    /** Writes the whole buffer out, after the write barrier. */
    private void writeBuffer() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        runWriteBarrier(); // before anything changes: if it throws, the buffer is as it was
        writeBufferUpTo(nextLsn);
    }

    /**
     * Writes the buffered records before {@code end} (a record boundary, or beyond the buffer: all
     * of it) and keeps the rest buffered. The caller has run the write barrier for them.
     */
    private void writeBufferUpTo(long end) throws IOException {
        int n = (int) Math.min(buffer.position(), Math.max(0, end - bufferLsn));
        if (n == 0) {
            return;
        }
        ByteBuffer out = buffer.duplicate().flip().limit(n);
        try {
            active.handle.write(out, bufferLsn - active.ref.baseLsn());
        } catch (IOException e) {
            buffer.clear();
            throw fail(e);
        }
        buffer.flip().position(n);
        buffer.compact(); // the records after end stay, at the start of the buffer
        writes.incrementAndGet();
        bufferLsn += n;
    }

    /**
     * Closes the active segment and starts the next at {@link #nextLsn}. The old segment is synced
     * completely and the new one (header synced, directory synced) exists durably before any record
     * goes into it: so a later segment can never survive a crash that an earlier one's tail did not.
     */
    private void rollOver() throws IOException {
        writeBuffer();
        Active old = active;
        try {
            old.handle.sync();
            fsyncs.incrementAndGet();
        } catch (IOException e) {
            throw fail(e);
        }
        long base = nextLsn;
        publishDurable(base);
        SegmentRef ref = new SegmentRef(base, dir.resolve(WalFormat.segmentName(base)));
        FileHandle handle;
        try {
            handle = createSegment(fs, ref, logId);
            fsyncs.incrementAndGet();
        } catch (IOException e) {
            throw fail(e);
        }
        segments.add(ref);
        active = new Active(ref, handle);
        old.retire();
        nextLsn = base + SEGMENT_HEADER_SIZE;
        bufferLsn = nextLsn;
        appendedLsn = nextLsn;
        publishDurable(nextLsn);
        log.debug("WAL {}: started segment {}", dir, ref.path().getFileName());
    }

    /** Creates a segment file with its header, synced, and syncs the directory. */
    static FileHandle createSegment(FileSystem fs, SegmentRef ref, int logId) throws IOException {
        FileHandle handle = fs.open(ref.path(), OpenMode.CREATE_NEW);
        try {
            handle.write(WalFormat.encodeSegmentHeader(ref.baseLsn(), logId), 0);
            handle.sync();
            fs.syncDirectory(ref.path().getParent());
            return handle;
        } catch (IOException | RuntimeException e) {
            closeQuietly(handle);
            throw e;
        }
    }

    // ================================================================ reading

    /**
     * Streams every durable record with an LSN at or after {@code fromLsn} to {@code visitor}, in
     * order, and returns the LSN just after the last record visited (or {@code fromLsn} if none).
     * Records appended but not yet durable are not visited; call {@link #flush()} first to include
     * them.
     *
     * @throws IllegalArgumentException if {@code fromLsn} lies before {@link #firstLsn()}'s segment
     *     (those records were truncated)
     * @throws CorruptWalException if a record in the range cannot be read
     */
    public long replay(long fromLsn, RecordVisitor visitor) throws IOException {
        try (WalReader reader = newReader(fromLsn)) {
            long end = fromLsn;
            while (reader.next()) {
                visitor.visit(reader.lsn(), reader.type(), reader.payload());
                end = reader.endLsn();
            }
            return end;
        }
    }

    /**
     * A reader over the durable records from {@code fromLsn}, bounded by {@link #durableLsn()} at
     * the time of the call. Do not {@link #truncateBefore} past a position a reader still needs.
     */
    public WalReader newReader(long fromLsn) throws IOException {
        List<SegmentRef> snapshot;
        long limit;
        appendLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("WAL is closed: " + dir);
            }
            snapshot = List.copyOf(segments);
            limit = durableLsn;
        } finally {
            appendLock.unlock();
        }
        if (fromLsn < snapshot.getFirst().baseLsn()) {
            throw new IllegalArgumentException("LSN " + fromLsn + " is no longer in the log " + dir
                    + ": it starts at segment base " + snapshot.getFirst().baseLsn());
        }
        return new WalReader(fs, snapshot, fromLsn, limit, options.maxRecordSize());
    }

    // ================================================================ truncation

    /**
     * Deletes the segments all of whose records lie before {@code lsn} (typically a checkpoint's
     * redo LSN). The active segment is never deleted. Returns the number of segments deleted.
     */
    public int truncateBefore(long lsn) throws IOException {
        truncateLock.lock();
        try {
            List<SegmentRef> doomed = new ArrayList<>();
            appendLock.lock();
            try {
                checkWritable();
                while (segments.size() > 1 && segments.get(1).baseLsn() <= lsn) {
                    doomed.add(segments.removeFirst());
                }
            } finally {
                appendLock.unlock();
            }
            // Oldest first: if the deletes are cut short by a crash, what remains is still contiguous.
            for (SegmentRef ref : doomed) {
                fs.deleteIfExists(ref.path());
            }
            if (!doomed.isEmpty()) {
                fs.syncDirectory(dir);
                log.debug("WAL {}: deleted {} segments before LSN {}", dir, doomed.size(), lsn);
            }
            return doomed.size();
        } finally {
            truncateLock.unlock();
        }
    }

    /** The segment files currently in the log, oldest first. */
    public List<Path> segmentFiles() {
        appendLock.lock();
        try {
            return segments.stream().map(SegmentRef::path).toList();
        } finally {
            appendLock.unlock();
        }
    }

    // ================================================================ lifecycle and failure

    /**
     * Makes everything appended durable and closes the files. If the log had failed, the files are
     * closed and the failure is rethrown. Idempotent.
     */
    @Override
    public void close() throws IOException {
        appendLock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
        } finally {
            appendLock.unlock();
        }
        IOException error = null;
        try {
            if (failure == null) {
                flush();
            }
        } catch (IOException e) {
            error = e;
        }
        appendLock.lock();
        try {
            closed = true;
            active.retire();
        } finally {
            appendLock.unlock();
        }
        if (backgroundSyncer != null) {
            LockSupport.unpark(backgroundSyncer);
            try {
                backgroundSyncer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        syncLock.lock();
        try {
            syncFinished.signalAll();
        } finally {
            syncLock.unlock();
        }
        if (error == null && failure != null) {
            error = failed(failure);
        }
        if (error != null) {
            throw error;
        }
    }

    private void checkWritable() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw failed(f);
        }
        if (closing) {
            throw new IllegalStateException("WAL is closed: " + dir);
        }
    }

    private void checkAppended(long lsn) {
        if (lsn >= appendedLsn) {
            throw new IllegalArgumentException("LSN " + lsn + " has not been appended (end of log is "
                    + appendedLsn + ")");
        }
    }

    /** Records the first failure, wakes every waiter, and returns the exception to throw. */
    private IOException fail(IOException e) {
        syncLock.lock();
        try {
            if (failure == null) {
                failure = e;
                log.error("WAL {} failed; it accepts no more records until reopened", dir, e);
            }
            syncFinished.signalAll();
        } finally {
            syncLock.unlock();
        }
        return e;
    }

    private WalFailedException failed(IOException cause) {
        return new WalFailedException("WAL " + dir + " failed earlier (" + cause.getMessage()
                + "); close and reopen it to recover", cause);
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            log.warn("closing {} failed", c, e);
        }
    }

    @Override
    public String toString() {
        return "Wal[" + dir + ", durable=" + durableLsn + ", end=" + appendedLsn + "]";
    }
}
