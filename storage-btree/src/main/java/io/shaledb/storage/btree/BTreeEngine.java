package io.shaledb.storage.btree;

import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.RealFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.EngineStoppedException;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.buffer.BufferPool;
import io.shaledb.storage.btree.buffer.Frame;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.recovery.ControlFile;
import io.shaledb.storage.btree.recovery.PageChanges;
import io.shaledb.storage.btree.recovery.Recovery;
import io.shaledb.wal.Wal;
import io.shaledb.storage.btree.page.PageFile;
import io.shaledb.storage.btree.tree.BTree;
import io.shaledb.storage.btree.tree.PageContext;
import io.shaledb.storage.btree.tree.TreeChecker;
import io.shaledb.storage.btree.tree.TreeShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The B+Tree {@link StorageEngine}: one data file of pages in a directory, a buffer pool over it,
 * and the tree algorithms of {@link BTree}.
 *
 * <p>Concurrency: page latches (see the {@code tree} package essay) under an engine gate. Gets,
 * cursor refills, puts and deletes share the gate and meet only on page latches; a batch holds the
 * gate exclusively, which makes it atomic for readers. Cursors hold nothing between refills (see
 * {@link BTreeCursor}).
 *
 * <p>Failures: an I/O error (disk full, a failed sync) or a corrupt page met in the middle of a
 * write leaves the in-memory tree in an unknown state, so the engine stops: that call throws
 * {@link UncheckedIOException} (with the {@link IOException} as cause) and later calls throw
 * {@link IllegalStateException}. What is on disk is never made worse; reopen to recover.
 */
public final class BTreeEngine implements StorageEngine {

    private static final Logger log = LoggerFactory.getLogger(BTreeEngine.class);

    /** Name of the data file inside the engine's directory. */
    public static final String DATA_FILE = "btree.data";
    /** Name of the write-ahead log's subdirectory. */
    public static final String WAL_DIR = "wal";

    private final FileSystem fs;
    private final Path dir;
    private final BTreeOptions options;
    private final PageFile file;
    private final BufferPool pool;
    private final BTree tree;
    private final Wal wal;
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private volatile long lastCheckpointLsn;
    /**
     * The redo LSN of the newest checkpoint that has started (published before it writes any
     * page): a page whose LSN is below it gets a full image in the next record that changes it.
     * Written only under {@link #redoFence} exclusive; read by writers under it shared.
     */
    private volatile long redoLsn;
    /**
     * Makes "read {@link #redoLsn}, decide images or deltas, append the record" atomic with respect
     * to a checkpoint's "note the end of the log as its redo LSN and publish it" (as PostgreSQL's
     * checkpoint takes all WAL insertion locks to fix its redo pointer): a record either lies
     * wholly below the new redo LSN or was built knowing it.
     */
    private final ReentrantReadWriteLock redoFence = new ReentrantReadWriteLock();
    /**
     * The engine gate: shared by gets, cursor refills, puts and deletes (which then synchronize on
     * page latches only); exclusive for a batch (so a concurrent get sees all of it or none of it),
     * for verify/inspect (a whole-tree walk wants a quiet tree) and for close.
     */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    /** LSN of the newest page-change record this engine appended: what {@link #sync()} waits for. */
    private final AtomicLong lastLsn = new AtomicLong();
    private final AtomicLong userBytes = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong batchFingerHits = new AtomicLong();
    private final AtomicLong batchDescents = new AtomicLong();
    private volatile boolean closed;
    private volatile Throwable failure;
    private Thread backgroundWriter;
    private final Object backgroundWriterSignal = new Object();
    private boolean backgroundWriterStop; // guarded by backgroundWriterSignal
    private final AtomicLong backgroundRounds = new AtomicLong();

    private BTreeEngine(FileSystem fs, Path dir, BTreeOptions options, PageFile file, BufferPool pool, BTree tree, Wal wal,
                        long checkpointLsn) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.file = file;
        this.pool = pool;
        this.tree = tree;
        this.wal = wal;
        this.lastCheckpointLsn = checkpointLsn;
        this.redoLsn = checkpointLsn;
    }

    /** Opens (creating if needed) the engine in {@code dir} on the real file system with default options. */
    public static BTreeEngine open(Path dir) {
        return open(RealFileSystem.INSTANCE, dir, BTreeOptions.defaults());
    }

    public static BTreeEngine open(Path dir, BTreeOptions options) {
        return open(RealFileSystem.INSTANCE, dir, options);
    }

    /**
     * Opens (creating if needed) the engine in {@code dir}. All file access goes through {@code fs}.
     *
     * @throws UncheckedIOException if the files cannot be read or written, or a page is corrupt
     */
    public static BTreeEngine open(FileSystem fs, Path dir, BTreeOptions options) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        try {
            return doOpen(fs, dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open B+Tree engine in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opening: no control file means a new (or never completely created) engine: create the data
     * file with an empty tree, sync it, and write the control file last. Otherwise redo the log from
     * the control file's checkpoint LSN (see {@link Recovery}), then checkpoint.
     */
    private static BTreeEngine doOpen(FileSystem fs, Path dir, BTreeOptions options) throws IOException {
        fs.createDirectoriesDurably(dir); // a new directory's name, and its new parents', must survive a crash
        Path path = dir.resolve(DATA_FILE);
        Path walDir = dir.resolve(WAL_DIR);
        ControlFile control = ControlFile.read(fs, dir);
        if (control == null) {
            fs.deleteIfExists(path);
            if (fs.isDirectory(walDir)) {
                for (Path p : fs.list(walDir)) {
                    fs.delete(p);
                }
            }
        }
        int pageSize = control == null ? options.pageSize() : control.pageSize();
        if (pageSize != options.pageSize()) {
            log.info("{}: using the file's page size {} (options asked for {})", path, pageSize, options.pageSize());
        }
        PageFile file = PageFile.open(fs, path, pageSize);
        Wal wal = null;
        try {
            wal = Wal.open(fs, walDir, options.walOptions());
            Wal w = wal;
            BufferPool pool = new BufferPool(file, options.bufferPoolBytes(), lsn -> {
                if (lsn != 0 && lsn >= w.durableLsn()) {
                    w.awaitDurable(lsn);
                }
            });
            BTree tree = new BTree(pool, path);
            long checkpointLsn;
            if (control == null) {
                tree.initialize();
                pool.flushAll();
                file.sync();
                fs.syncDirectory(dir);
                checkpointLsn = wal.endLsn();
                new ControlFile(pageSize, checkpointLsn).write(fs, dir);
                log.debug("{}: created with page size {}", path, pageSize);
            } else {
                long end = Recovery.redo(wal, file, control.checkpointLsn());
                checkpointLsn = control.checkpointLsn();
                if (end > checkpointLsn) {
                    file.sync();
                    checkpointLsn = wal.endLsn();
                    new ControlFile(pageSize, checkpointLsn).write(fs, dir);
                    wal.truncateBefore(checkpointLsn);
                }
            }
            tree.loadRoot();
            BTreeEngine engine = new BTreeEngine(fs, dir, options.withPageSize(pageSize), file, pool, tree, wal, checkpointLsn);
            engine.startBackgroundWriter();
            return engine;
        } catch (IOException | RuntimeException e) {
            try {
                file.close();
                if (wal != null) {
                    wal.close();
                }
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // ================================================================== StorageEngine

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        gate.readLock().lock();
        try {
            checkOpen();
            return tree.get(key); // holds at most two pages, and no PageContext
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        write(false, false, true, ctx -> tree.put(ctx, key, value));
        userBytes.addAndGet(key.length + value.length);
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        write(false, false, true, ctx -> tree.delete(ctx, key));
        userBytes.addAndGet(key.length);
    }

    @Override
    public void apply(WriteBatch batch) {
        applyBatch(batch, true);
    }

    /** A single-operation deferred batch shares the gate like a put; larger ones take it exclusively. */
    @Override
    public void applyDeferred(WriteBatch batch) {
        applyBatch(batch, false);
    }

    /** The barrier runs before the write-ahead log writes records out; pages and files only ever follow the log. */
    @Override
    public void setWriteBarrier(Runnable barrier) {
        wal.setWriteBarrier(barrier);
    }

    @Override
    public void sync() {
        long lsn = lastLsn.get();
        if (lsn != 0) {
            commitWait(lsn);
        }
    }

    private void applyBatch(WriteBatch batch, boolean durable) {
        Objects.requireNonNull(batch, "batch");
        List<WriteBatch.Op> ops = new ArrayList<>(batch.ops());
        boolean finger = options.batchFinger() && ops.size() > 1;
        write(durable || ops.size() > 1, finger, durable, ctx -> {
            for (WriteBatch.Op op : ops) {
                if (op.isDelete()) {
                    tree.delete(ctx, op.key());
                } else {
                    tree.put(ctx, op.key(), op.value());
                }
            }
            batchFingerHits.addAndGet(ctx.fingerHits());
            batchDescents.addAndGet(ctx.fingerMisses());
        });
        userBytes.addAndGet(batch.byteSize());
    }

    @FunctionalInterface
    private interface TreeWrite {
        void run(PageContext ctx) throws IOException;
    }

    /**
     * Runs one atomic write: with the gate (shared for a single put or delete, exclusive for a
     * batch) apply it to the pages, which stay pinned and exclusively latched; append one WAL record
     * with every page it changed (a delta, or a full image for a page's first change since the
     * checkpoint redo LSN and for structural changes; see {@link PageChanges}), stamp the pages with
     * the record's LSN and only then release them. A page's changes therefore enter the log in the
     * order they were made, and nobody (reader, checkpoint, background writer) sees a change before
     * it is logged. Then,
     * outside the gate and the latches (so concurrent writers share the sync), wait as the sync
     * mode says. With {@code finger} the operations share a context that remembers the leaf the
     * previous one changed ({@link BTree#batchContext()}), and skip the descent when the next key
     * falls in its range.
     */
    private void write(boolean exclusive, boolean finger, boolean durable, TreeWrite body) {
        long lsn = 0;
        java.util.concurrent.locks.Lock g = exclusive ? gate.writeLock() : gate.readLock();
        g.lock();
        try {
            checkOpen();
            PageContext ctx = finger ? tree.batchContext() : tree.writeContext();
            try {
                body.run(ctx);
                if (ctx.hasChanges()) {
                    List<Frame> frames = ctx.dirtyFrames();
                    List<PageChanges.Change> changes = ctx.changes();
                    redoFence.readLock().lock();
                    try {
                        // the pages are latched exclusive and their LSNs are still those of their
                        // previous changes: a page last changed before the redo LSN goes in whole
                        lsn = wal.append(PageChanges.TYPE, PageChanges.encode(changes, redoLsn));
                    } finally {
                        redoFence.readLock().unlock();
                    }
                    for (Frame f : frames) {
                        Page.setLsn(f.data(), lsn);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                // stop before the latches go: the pages may hold unlogged half-done changes
                if (!(e instanceof IllegalStateException) || failure == null) {
                    fail(e);
                }
                throw e;
            } finally {
                ctx.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("B+Tree write failed; the engine is stopped (reopen to recover): " + e.getMessage(), e);
        } finally {
            g.unlock();
        }
        if (lsn != 0) {
            lastLsn.accumulateAndGet(lsn, Math::max);
            if (durable) {
                commitWait(lsn);
            }
            if (wal.endLsn() - lastCheckpointLsn >= options.checkpointWalBytes() && checkpointLock.tryLock()) {
                try {
                    checkpointLocked();
                } finally {
                    checkpointLock.unlock();
                }
            }
        }
    }

    /** Waits as the sync mode says for the log record at {@code lsn} (and so for all before it). */
    private void commitWait(long lsn) {
        try {
            wal.awaitCommit(lsn);
        } catch (IOException e) {
            fail(e);
            throw new UncheckedIOException("B+Tree commit failed; the engine is stopped (reopen to recover): " + e.getMessage(), e);
        }
    }

    // ================================================================== background writer

    private void startBackgroundWriter() {
        if (options.backgroundWriterMillis() == 0) {
            return;
        }
        backgroundWriter = Thread.ofPlatform().daemon().name("shaledb-btree-bgwriter " + dir.getFileName())
                .unstarted(this::backgroundWriterLoop);
        backgroundWriter.start();
    }

    /**
     * The background writer: every {@code backgroundWriterMillis}, write up to an eighth of the
     * pool's frames that are dirty and unpinned, just ahead of the CLOCK hand, so that the frames
     * eviction picks next are clean. Only pages whose LSN the log has already made durable are
     * written (WAL before data without forcing the log); when some wait for the log, the next round
     * flushes it first, off the writers' path. Pages whose latch is busy are skipped.
     */
    private void backgroundWriterLoop() {
        int perRound = Math.max(8, pool.budgetFrames() / 8);
        boolean flushLog = false;
        while (!closed && failure == null) {
            // never interrupted: an interrupt during channel I/O would close the data file under everyone
            synchronized (backgroundWriterSignal) {
                long deadline = System.nanoTime() + options.backgroundWriterMillis() * 1_000_000;
                long left;
                while (!backgroundWriterStop && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        backgroundWriterSignal.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (backgroundWriterStop) {
                    return;
                }
            }
            try {
                if (flushLog && !closed) {
                    wal.flush();
                }
                int[] result = backgroundRound(perRound);
                flushLog = result[1] > 0 && result[0] < perRound;
                backgroundRounds.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return; // the files went away under a round in flight
                }
                log.error("{}: background writer failed; the engine is stopped (reopen to recover)", dir, e);
                fail(e);
                return;
            }
        }
    }

    /** Rounds the background writer has completed (tests wait on it instead of sleeping). */
    long backgroundRounds() {
        return backgroundRounds.get();
    }

    private int[] backgroundRound(int perRound) throws IOException {
        if (closed || failure != null) {
            return new int[] {0, 0};
        }
        return pool.writeAhead(perRound, wal.durableLsn()); // frame latches (try-shared) keep it off pages mid-change
    }

    private void stopBackgroundWriter() {
        Thread t = backgroundWriter;
        if (t == null) {
            return;
        }
        synchronized (backgroundWriterSignal) {
            backgroundWriterStop = true;
            backgroundWriterSignal.notifyAll();
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A fuzzy checkpoint: note the end of the log and publish it as the redo LSN (so writers log a
     * full image for the next change of every page last changed before it), write every page dirty at that moment (holding
     * that page's latch shared while it is written, so writers keep going everywhere else), sync
     * the data file, record the noted LSN as the redo point in the control file and drop older WAL
     * segments.
     */
    public void checkpoint() {
        checkpointLock.lock();
        try {
            checkOpen();
            checkpointLocked();
        } finally {
            checkpointLock.unlock();
        }
    }

    private void checkpointLocked() {
        try {
            checkOpen();
            // every operation marks its pages dirty before appending its record, so a record below
            // redoLsn has its pages in this list (or already written). The redo LSN is published
            // before any page is written: from here on every record's first change of a page last
            // changed before it carries a full image (the torn-page argument is in the recovery essay)
            long redoLsn;
            redoFence.writeLock().lock();
            try {
                redoLsn = wal.endLsn();
                this.redoLsn = redoLsn;
            } finally {
                redoFence.writeLock().unlock();
            }
            List<Integer> dirty = pool.dirtyPages();
            wal.flush();
            for (int id : dirty) {
                checkOpen();
                pool.flushIfDirty(id); // waits for the page's latch shared: never an image mid-change
            }
            file.sync();
            new ControlFile(file.pageSize(), redoLsn).write(fs, dir);
            lastCheckpointLsn = redoLsn;
            wal.truncateBefore(redoLsn);
            checkpoints.incrementAndGet();
            log.debug("{}: checkpoint at LSN {} wrote {} pages", dir, redoLsn, dirty.size());
        } catch (IOException e) {
            fail(e);
            throw new UncheckedIOException("B+Tree checkpoint failed; the engine is stopped (reopen to recover): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(direction, "direction");
        checkOpen();
        return new BTreeCursor(this, range, direction == Direction.FORWARD);
    }

    /** One cursor refill (the gate shared, then shared page latches one leaf at a time). */
    BTree.Batch refill(KeyRange range, boolean forward, byte[] resumeAfter, int maxEntries, long maxBytes) {
        gate.readLock().lock();
        try {
            checkOpen();
            return tree.collect(range, forward, resumeAfter, maxEntries, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Records the failure that stops the engine, and keeps the buffer pool from writing anything from now on. */
    private void fail(Throwable e) {
        failure = e;
        pool.stopWrites();
    }

    /** Test hook: called by a writer holding a leaf exclusively, just before it changes it. */
    void setLeafHook(BTree.LeafHook hook) {
        tree.setLeafHook(hook);
    }

    @Override
    public String name() {
        return "btree";
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("B+Tree engine is closed: " + dir);
        }
        Throwable f = failure;
        if (f != null) {
            throw new EngineStoppedException("B+Tree engine in " + dir + " stopped after a failure (restart to recover): " + f, f);
        }
    }

    @Override
    public void close() {
        stopBackgroundWriter();
        checkpointLock.lock();
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (failure == null) {
                    wal.flush();
                    pool.flushAll();
                    file.sync();
                    long end = wal.endLsn();
                    new ControlFile(file.pageSize(), end).write(fs, dir);
                    wal.truncateBefore(end);
                }
            } finally {
                try {
                    file.close();
                } finally {
                    wal.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing B+Tree engine " + dir + ": " + e.getMessage(), e);
        } finally {
            gate.writeLock().unlock();
            checkpointLock.unlock();
        }
    }

    // ================================================================== introspection

    public Path directory() {
        return dir;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public BTreeOptions options() {
        return options;
    }

    public BTreeStats stats() {
        return new BTreeStats(file.pagesRead(), file.pagesWritten(), file.pagesWritten() * file.pageSize(),
                wal.stats().bytesAppended(),
                userBytes.get(), pool.hits(), pool.misses(), pool.evictions(), checkpoints.get(),
                pool.evictionWrites(), pool.backgroundWrites(), batchFingerHits.get(), batchDescents.get());
    }

    /** Height, page counts, fill factor and fanout, measured by walking the whole tree. */
    public TreeShape inspect() {
        gate.writeLock().lock();
        try {
            checkOpen();
            return TreeChecker.check(tree, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Every violated tree invariant (empty when the tree is sound); walks the whole tree. */
    public List<String> verify() {
        gate.writeLock().lock();
        try {
            checkOpen();
            List<String> problems = new ArrayList<>();
            TreeChecker.check(tree, problems);
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            gate.writeLock().unlock();
        }
    }
}
