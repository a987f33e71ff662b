package io.shaledb.storage.lsm;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import io.shaledb.common.fs.RealFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.EngineStoppedException;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.lsm.sst.BlockCache;
import io.shaledb.storage.lsm.sst.EntryIterator;
import io.shaledb.storage.lsm.sst.InternalKeys;
import io.shaledb.storage.lsm.sst.TableBuilder;
import io.shaledb.storage.lsm.sst.TableProperties;
import io.shaledb.storage.lsm.sst.TableReader;
import io.shaledb.wal.Wal;
import io.shaledb.wal.WalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LSM-tree storage engine. See the package documentation for the design,
 * {@code docs/formats/sstable.md} and {@code docs/formats/manifest.md} for the files.
 *
 * <p>Directory layout: {@code CURRENT}, {@code MANIFEST-nnnnnn}, SSTables {@code nnnnnn.sst} and the
 * memtable log in {@code wal/}.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Every sequence number up to {@code visibleSeq} is in the memtables or SSTables of the
 *       current view, and its WAL record was acknowledged per the sync mode.
 *   <li>A reader takes its sequence number and its view (memtables + version) together, under
 *       {@code viewLock}, so compactions never drop a version a reader can still ask for.
 *   <li>An SSTable is complete, synced and its directory entry synced before a manifest edit names
 *       it; a file no manifest edit names is an orphan and is deleted on open.
 *   <li>A file is deleted only when no version (current, or pinned by a reader) lists it.
 * </ol>
 *
 * <p>A cursor still open when the engine is closed fails with {@link IllegalStateException}.
 */
public final class LsmEngine implements StorageEngine {
    private static final Logger log = LoggerFactory.getLogger(LsmEngine.class);
    static final String WAL_DIR = "wal";

    /** What readers see: the active memtable, the frozen ones (newest first) and the SSTables. */
    record View(Memtable mem, List<Memtable> imms, Version version) {}

    private final FileSystem fs;
    private final Path dir;
    private final LsmOptions options;
    private final Wal wal;
    private final BlockCache cache;
    private final TableReader.Counters counters = new TableReader.Counters();
    private final TableBuilder.Options tableOptions;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock manifestLock = new ReentrantLock();
    private final Object viewLock = new Object();
    private final Object stallMonitor = new Object();
    private volatile View view;
    private Manifest manifest;
    private long flushedSequence;
    private long lastAllocatedSeq;
    /** Log position of the newest batch this engine appended: what {@link #sync()} waits for. */
    private final AtomicLong lastLsn = new AtomicLong();
    private final AtomicLong visibleSeq = new AtomicLong();
    private final AtomicLong nextFileNumber = new AtomicLong();
    private final AtomicLong memtableIds = new AtomicLong();
    private final Map<Long, FileMeta> liveFiles = new ConcurrentHashMap<>();
    private final byte[][] compactPointers;

    private final ExecutorService flushExecutor;
    private final ExecutorService compactionExecutor;
    private final AtomicBoolean compactionScheduled = new AtomicBoolean();
    private volatile Throwable backgroundError;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Whether a stall episode is in progress: it starts when a writer first has to wait and ends
     * when a write gets through without waiting. Written with the write lock held.
     */
    private volatile boolean stalling;
    /** Log rate limiting (write lock held): at most one stall WARN and one slowdown INFO per second. */
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
    private long lastStallWarnNanos = System.nanoTime() - LOG_INTERVAL_NANOS;
    private long lastSlowdownLogNanos = System.nanoTime() - LOG_INTERVAL_NANOS;
    private long stallEpisodesUnlogged;
    private long stallsAtLastWarn;
    private long slowdownsAtLastLog;
    private final LongAdder stallEpisodes = new LongAdder();
    private final LongAdder stallWarnings = new LongAdder();
    /** Manifest size at which the next edit starts a new manifest instead (tests lower it). */
    private volatile long manifestRollBytes = 4L << 20;

    private final LongAdder userBytes = new LongAdder();
    private final LongAdder flushBytes = new LongAdder();
    private final LongAdder compactionRead = new LongAdder();
    private final LongAdder compactionWritten = new LongAdder();
    private final LongAdder gets = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder compactions = new LongAdder();
    private final LongAdder trivialMoves = new LongAdder();
    private final LongAdder trivialMovedFiles = new LongAdder();
    /** Test hook: whether a trivial move may take several (disjoint) files at once. */
    private volatile boolean multiFileTrivialMoves = true;
    private final LongAdder slowdowns = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private final LongAdder stallNanos = new LongAdder();

    // ================================================================ opening

    /** Opens (creating if needed) the database in {@code dir} on the real file system with default options. */
    public static LsmEngine open(Path dir) {
        return open(dir, LsmOptions.defaults());
    }

    public static LsmEngine open(Path dir, LsmOptions options) {
        return open(RealFileSystem.INSTANCE, dir, options);
    }

    /**
     * Opens the database in {@code dir}, creating it if needed. Recovery: read the manifest named by
     * {@code CURRENT}, open its SSTables (verifying footers, indexes and filters), delete orphaned
     * files, start a fresh manifest, and replay the memtable log records newer than the flushed
     * sequence into the memtable.
     *
     * @throws UncheckedIOException on I/O errors or corruption (a {@link io.shaledb.storage.lsm.sst.CorruptSstException}
     *     names the file and offset)
     */
    public static LsmEngine open(FileSystem fs, Path dir, LsmOptions options) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(options, "options");
        try {
            return new LsmEngine(fs, dir.toAbsolutePath().normalize(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open LSM engine in " + dir + ": " + e.getMessage(), e);
        }
    }

    private LsmEngine(FileSystem fs, Path dir, LsmOptions options) throws IOException {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.cache = new BlockCache(options.blockCacheBytes());
        this.tableOptions = new TableBuilder.Options(options.blockSize(), options.blockRestartInterval(),
                options.bloomBitsPerKey(), options.lz4Compression());
        this.compactPointers = new byte[options.maxLevels()][];
        createDurably(fs, dir);
        Manifest.State state = Manifest.recover(fs, dir, options.maxLevels());
        List<List<FileMeta>> levels = new ArrayList<>();
        long nextFile = 1;
        Wal openedWal = null;
        try {
            if (state != null) {
                nextFile = state.nextFileNumber();
                flushedSequence = state.flushedSequence();
                for (TreeMap<Long, FileMeta> level : state.levels()) {
                    List<FileMeta> files = new ArrayList<>(level.values());
                    for (FileMeta f : files) {
                        f.reader = TableReader.open(fs, dir.resolve(FileMeta.fileName(f.number)), cache, counters);
                        liveFiles.put(f.number, f);
                    }
                    levels.add(files);
                }
            } else {
                for (int i = 0; i < options.maxLevels(); i++) {
                    levels.add(List.of());
                }
            }
            nextFile = deleteOrphans(state, nextFile);
            Version empty = Version.empty(options.maxLevels(), this::deleteObsolete);
            VersionEdit snapshot = new VersionEdit();
            for (int i = 0; i < levels.size(); i++) {
                for (FileMeta f : levels.get(i)) {
                    snapshot.add(i, f);
                }
            }
            Version version = empty.apply(snapshot);
            empty.unref();
            long manifestNumber = nextFile++;
            snapshot.nextFileNumber = nextFile;
            snapshot.flushedSequence = flushedSequence;
            snapshot.logFormat = BatchCodec.LOG_FORMAT;
            manifest = Manifest.create(fs, dir, manifestNumber, snapshot);
            if (state != null) {
                fs.deleteIfExists(dir.resolve(state.manifestName()));
            }
            nextFileNumber.set(nextFile);

            openedWal = Wal.open(fs, dir.resolve(WAL_DIR), walOptions(options));
            Memtable mem = new Memtable(memtableIds.incrementAndGet(), openedWal.firstLsn());
            long[] maxSeq = {flushedSequence};
            long[] replayed = {0};
            openedWal.replay(openedWal.firstLsn(), (lsn, type, payload) -> {
                if (!BatchCodec.isBatch(type)) {
                    return;
                }
                BatchCodec.Header header = BatchCodec.header(type, payload);
                long first = header.firstSequence();
                int count = header.count();
                if (first + count - 1 <= flushedSequence) {
                    return;
                }
                List<BatchCodec.Op> ops = BatchCodec.decode(type, payload);
                for (int i = 0; i < ops.size(); i++) {
                    mem.add(ops.get(i).key(), first + i, ops.get(i).kind(), ops.get(i).value());
                }
                maxSeq[0] = Math.max(maxSeq[0], first + count - 1);
                replayed[0]++;
            });
            lastAllocatedSeq = maxSeq[0];
            visibleSeq.set(maxSeq[0]);
            view = new View(mem, List.of(), version);
            log.info("opened LSM engine {}: {} SSTables, flushed through sequence {}, replayed {} log records, last sequence {}",
                    dir, liveFiles.size(), flushedSequence, replayed[0], maxSeq[0]);
        } catch (IOException | RuntimeException e) {
            for (FileMeta f : liveFiles.values()) {
                closeReader(f);
            }
            if (manifest != null) {
                manifest.close();
            }
            if (openedWal != null) {
                try {
                    openedWal.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        this.wal = openedWal;
        String name = dir.getFileName() == null ? "lsm" : dir.getFileName().toString();
        flushExecutor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("shaledb-lsm-flush " + name).factory());
        compactionExecutor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("shaledb-lsm-compact " + name).factory());
        if (view.mem.bytes() >= options.memtableSize()) {
            writeLock.lock();
            try {
                rotateMemtable();
            } finally {
                writeLock.unlock();
            }
        }
        scheduleCompaction();
    }

    /** Creates {@code dir} and any missing ancestors, syncing each new entry's parent directory. */
    private static void createDurably(FileSystem fs, Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !fs.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        fs.createDirectories(dir);
        for (Path p : missing.reversed()) {
            if (p.getParent() != null) {
                fs.syncDirectory(p.getParent());
            }
        }
    }

    /** Deletes SSTables no manifest names, stale manifests and temporary files; returns a safe next file number. */
    private long deleteOrphans(Manifest.State state, long nextFile) throws IOException {
        long next = nextFile;
        int deleted = 0;
        for (Path p : fs.list(dir)) {
            String n = p.getFileName().toString();
            boolean orphan = false;
            if (n.endsWith(".sst")) {
                try {
                    long number = Long.parseLong(n.substring(0, n.length() - 4));
                    next = Math.max(next, number + 1);
                    orphan = !liveFiles.containsKey(number);
                } catch (NumberFormatException e) {
                    continue;
                }
            } else if (n.startsWith(Manifest.PREFIX)) {
                try {
                    next = Math.max(next, Long.parseLong(n.substring(Manifest.PREFIX.length())) + 1);
                } catch (NumberFormatException e) {
                    continue;
                }
                orphan = state == null || !n.equals(state.manifestName());
            } else if (n.endsWith(".tmp")) {
                orphan = true;
            }
            if (orphan) {
                log.info("LSM engine {}: deleting orphaned file {}", dir, n);
                fs.deleteIfExists(p);
                deleted++;
            }
        }
        if (deleted > 0) {
            fs.syncDirectory(dir);
        }
        return next;
    }

    // ================================================================ writes

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        write(List.of(new WriteBatch.Op(key, value)), key.length + value.length, true);
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        write(List.of(new WriteBatch.Op(key, null)), key.length, true);
    }

    @Override
    public void apply(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        write(batch.ops(), batch.byteSize(), true);
    }

    @Override
    public void applyDeferred(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        write(batch.ops(), batch.byteSize(), false);
    }

    /** The barrier runs before the write-ahead log writes records out; pages and files only ever follow the log. */
    @Override
    public void setWriteBarrier(Runnable barrier) {
        wal.setWriteBarrier(barrier);
    }

    @Override
    public void sync() {
        checkOpen();
        long lsn = lastLsn.get();
        if (lsn != 0) {
            try {
                wal.awaitCommit(lsn);
            } catch (IOException e) {
                throw new UncheckedIOException("LSM engine " + dir + ": memtable log sync failed", e);
            }
        }
    }

    /**
     * Appends {@code ops} to the log and the memtable under the write lock; then, when
     * {@code durable}, waits for the log as the sync mode says. A deferred write is published at
     * once (the log is a prefix, so a later sync or durable write covers it).
     */
    private void write(List<WriteBatch.Op> ops, long bytes, boolean durable) {
        checkOpen();
        if (ops.isEmpty()) {
            return;
        }
        byte[] record = BatchCodec.encode(ops);
        long lsn;
        long last;
        writeLock.lock();
        try {
            checkWritable();
            makeRoomForWrite();
            long first = lastAllocatedSeq + 1;
            try {
                lsn = wal.append(BatchCodec.TYPE, BatchCodec.withHeader(record, first, ops.size()));
            } catch (IOException e) {
                throw new UncheckedIOException("LSM engine " + dir + ": memtable log append failed", e);
            }
            Memtable m = view.mem;
            for (int i = 0; i < ops.size(); i++) {
                WriteBatch.Op op = ops.get(i);
                m.add(op.key().clone(), first + i, op.isDelete() ? InternalKeys.DELETE : InternalKeys.PUT,
                        op.isDelete() ? null : op.value().clone());
            }
            last = first + ops.size() - 1;
            lastAllocatedSeq = last;
        } finally {
            writeLock.unlock();
        }
        lastLsn.accumulateAndGet(lsn, Math::max);
        if (durable) {
            try {
                wal.awaitCommit(lsn);
            } catch (IOException e) {
                throw new UncheckedIOException("LSM engine " + dir + ": memtable log commit failed", e);
            }
        }
        // Everything up to `last` is in a memtable (inserted under the write lock, in order) and,
        // the log being a prefix, acknowledged: publish it.
        visibleSeq.accumulateAndGet(last, Math::max);
        userBytes.add(bytes);
    }

    /** Called with the write lock held: stalls or slows the writer if needed, rotates a full memtable. */
    private void makeRoomForWrite() {
        boolean slowed = false;
        boolean[] stalled = {false};
        while (true) {
            checkWritable();
            View v = view;
            int l0 = v.version.levels.get(0).size();
            long debt = compactionDebt(v.version);
            boolean throttle = options.backgroundCompaction();
            if (throttle && (l0 >= options.l0StopTrigger() || debt >= options.pendingCompactionStopBytes())) {
                stall("L0 has " + l0 + " files, compaction debt " + debt + " B", stalled);
                continue;
            }
            if (throttle && !slowed && (l0 >= options.l0SlowdownTrigger() || debt >= options.pendingCompactionSlowdownBytes())) {
                slowdowns.increment();
                slowed = true;
                long now = System.nanoTime();
                if (now - lastSlowdownLogNanos >= LOG_INTERVAL_NANOS) {
                    long total = slowdowns.sum();
                    log.info("LSM engine {}: slowing writes down (L0 has {} files, compaction debt {} B); {} writes slowed"
                            + " since the last such line, {} in all", dir, l0, debt, total - slowdownsAtLastLog, total);
                    lastSlowdownLogNanos = now;
                    slowdownsAtLastLog = total;
                }
                scheduleCompaction();
                sleepQuietly(1);
                continue;
            }
            if (v.mem.bytes() < options.memtableSize()) {
                if (!stalled[0]) {
                    stalling = false;
                }
                return;
            }
            if (v.imms.size() >= options.maxImmutableMemtables()) {
                stall(v.imms.size() + " memtables waiting for flush", stalled);
                continue;
            }
            rotateMemtable();
            if (!stalled[0]) {
                stalling = false;
            }
            return;
        }
    }

    /** Smallest log segment the engine picks by itself (a configured smaller size is kept). */
    static final long MIN_WAL_SEGMENT = 1L << 20;

    /**
     * The memtable log's settings: {@code options.wal()} with the segment size capped at a quarter
     * of the memtable size (but not below {@link #MIN_WAL_SEGMENT} unless configured so). The
     * {@code wal} module deletes only whole segments and does not roll on request, so a segment is
     * the unit of reclaim: after a flush the log keeps the segment holding the oldest unflushed
     * record, whose already-flushed prefix is at most one segment. Smaller segments bound that
     * waste (a quarter memtable instead of up to 64 MiB) at the cost of more segment files to
     * create and delete (about four per memtable), which is cheap next to the flush itself.
     */
    static WalOptions walOptions(LsmOptions options) {
        WalOptions wal = options.wal();
        long wanted = Math.max(MIN_WAL_SEGMENT, options.memtableSize() / 4);
        return wanted < wal.segmentSize() ? wal.withSegmentSize(wanted) : wal;
    }

    /** Bytes of the memtable log's segment files now (for tests). */
    long walBytesOnDisk() throws IOException {
        long total = 0;
        for (Path p : wal.segmentFiles()) {
            try (FileHandle h = fs.open(p, OpenMode.READ)) {
                total += h.size();
            } catch (java.nio.file.NoSuchFileException gone) {
                // truncated meanwhile
            }
        }
        return total;
    }

    /** With the write lock held: freezes the active memtable and schedules its flush. */
    private void rotateMemtable() {
        Memtable fresh = new Memtable(memtableIds.incrementAndGet(), wal.endLsn());
        updateView(v -> {
            List<Memtable> imms = new ArrayList<>(v.imms.size() + 1);
            imms.add(v.mem);
            imms.addAll(v.imms);
            return new View(fresh, List.copyOf(imms), v.version);
        });
        flushExecutor.execute(this::flushAllImmutable);
    }

    /** Waits a little for background work; counts one stall per write ({@code counted} tracks that). */
    private void stall(String reason, boolean[] counted) {
        if (!counted[0]) {
            counted[0] = true;
            stalls.increment();
        }
        if (!stalling) {
            stalling = true;
            stallEpisodes.increment();
            stallEpisodesUnlogged++;
            long now = System.nanoTime();
            if (now - lastStallWarnNanos >= LOG_INTERVAL_NANOS) {
                long total = stalls.sum();
                log.warn("LSM engine {}: writes stalled: {} ({} stall episodes and {} stalled writes since the last such"
                        + " line; {} stalled writes, {} ms stalled in all)", dir, reason, stallEpisodesUnlogged,
                        total - stallsAtLastWarn, total, stallNanos.sum() / 1_000_000);
                lastStallWarnNanos = now;
                stallsAtLastWarn = total;
                stallEpisodesUnlogged = 0;
                stallWarnings.increment();
            }
        }
        scheduleCompaction();
        long start = System.nanoTime();
        synchronized (stallMonitor) {
            try {
                stallMonitor.wait(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stalled", e);
            }
        }
        stallNanos.add(System.nanoTime() - start);
    }

    private void wakeStalledWriters() {
        synchronized (stallMonitor) {
            stallMonitor.notifyAll();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes by which levels 1.. exceed their targets, plus all of L0 when it is due: the compaction backlog. */
    private long compactionDebt(Version v) {
        long debt = v.levels.get(0).size() >= options.l0CompactionTrigger() ? v.levelBytes(0) : 0;
        for (int level = 1; level < options.maxLevels() - 1; level++) {
            debt += Math.max(0, v.levelBytes(level) - options.levelTarget(level));
        }
        return debt;
    }

    // ================================================================ reads

    /** A pinned view and the sequence to read it at, taken together. */
    private record Snapshot(View view, long seq) {}

    private Snapshot acquire() {
        synchronized (viewLock) {
            View v = view;
            v.version.ref();
            return new Snapshot(v, visibleSeq.get());
        }
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        Snapshot s = acquire();
        try {
            gets.increment();
            byte[] lookup = InternalKeys.lookup(key, s.seq);
            TableReader.Found f = s.view.mem.get(lookup, key);
            for (int i = 0; f == null && i < s.view.imms.size(); i++) {
                f = s.view.imms.get(i).get(lookup, key);
            }
            List<List<FileMeta>> levels = s.view.version.levels;
            if (f == null) {
                for (FileMeta file : levels.get(0)) {
                    if (file.containsUser(key) && file.minSeq <= s.seq) {
                        f = file.reader.get(lookup, key);
                        if (f != null) {
                            break;
                        }
                    }
                }
            }
            for (int level = 1; f == null && level < levels.size(); level++) {
                FileMeta file = s.view.version.fileFor(level, key);
                if (file != null) {
                    f = file.reader.get(lookup, key);
                }
            }
            if (f == null || f.kind() != InternalKeys.PUT) {
                return null;
            }
            return f.value().clone();
        } finally {
            s.view.version.unref();
        }
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(direction, "direction");
        checkOpen();
        boolean forward = direction == Direction.FORWARD;
        if (range.isEmpty()) {
            return new LsmCursor(this, new MergingIterator(List.of(), forward), 0, range, forward, null);
        }
        Snapshot s = acquire();
        try {
            byte[] start;
            if (forward) {
                start = range.low() == null ? null : InternalKeys.seekFirst(range.low());
            } else {
                start = range.high() == null ? null : InternalKeys.seekLast(range.high());
            }
            List<EntryIterator> sources = new ArrayList<>();
            sources.add(s.view.mem.iterator(start, forward));
            for (Memtable m : s.view.imms) {
                sources.add(m.iterator(start, forward));
            }
            List<List<FileMeta>> levels = s.view.version.levels;
            for (FileMeta f : levels.get(0)) {
                if (f.overlaps(range.low(), range.high())) {
                    sources.add(f.reader.iterator(start, forward));
                }
            }
            for (int level = 1; level < levels.size(); level++) {
                List<FileMeta> files = s.view.version.overlapping(level, range.low(), range.high());
                if (!files.isEmpty()) {
                    sources.add(new LevelIterator(files, start, forward));
                }
            }
            return new LsmCursor(this, new MergingIterator(sources, forward), s.seq, range, forward, s.view.version);
        } catch (RuntimeException e) {
            s.view.version.unref();
            throw e;
        }
    }

    // ================================================================ flush

    private void updateView(UnaryOperator<View> change) {
        View old;
        View fresh;
        synchronized (viewLock) {
            old = view;
            fresh = change.apply(old);
            view = fresh;
        }
        if (old.version != fresh.version) {
            old.version.unref();
        }
    }

    private void flushAllImmutable() {
        try {
            while (!closed.get() && backgroundError == null) {
                List<Memtable> imms = view.imms;
                if (imms.isEmpty()) {
                    break;
                }
                flush(imms.getLast());
            }
        } catch (Throwable t) {
            backgroundFailure("flush", t);
        } finally {
            wakeStalledWriters();
        }
    }

    private void flush(Memtable imm) throws IOException {
        long start = System.nanoTime();
        long bound = visibleSeq.get();
        List<FileMeta> outputs = imm.isEmpty() ? List.of()
                : writeTables(imm.iterator(null, true), bound, 0, null, false);
        // SSTable contents never get ahead of the durable log.
        wal.flush();
        long bytes = 0;
        manifestLock.lock();
        try {
            VersionEdit edit = new VersionEdit();
            for (FileMeta f : outputs) {
                edit.add(0, f);
                bytes += f.fileSize;
            }
            edit.flushedSequence = Math.max(flushedSequence, imm.maxSeq());
            logAndApply(edit, current -> {
                List<Memtable> imms = new ArrayList<>(current);
                imms.remove(imm);
                return List.copyOf(imms);
            });
        } finally {
            manifestLock.unlock();
        }
        flushes.increment();
        flushBytes.add(bytes);
        View v = view;
        long keepFrom = v.imms.isEmpty() ? v.mem.startLsn : v.imms.getLast().startLsn;
        wal.truncateBefore(keepFrom);
        log.debug("LSM engine {}: flushed memtable {} ({} B) to {} in {} ms", dir, imm.id, imm.bytes(), outputs,
                (System.nanoTime() - start) / 1_000_000);
        scheduleCompaction();
    }

    /**
     * With the manifest lock held: logs {@code edit} (with the next file number), then installs the
     * new version, changing the frozen-memtable list as {@code imms} says (null: unchanged).
     */
    private void logAndApply(VersionEdit edit, UnaryOperator<List<Memtable>> imms) throws IOException {
        Throwable failed = backgroundError;
        if (failed != null) {
            // After a failed edit the manifest's durable contents are unknown: log nothing more.
            throw new IOException("LSM engine " + dir + " logs no more manifest edits after a failure", failed);
        }
        edit.nextFileNumber = nextFileNumber.get();
        Version next = view.version.apply(edit);
        try {
            if (manifest.size() > manifestRollBytes) {
                rollManifest(next, edit);
            } else {
                manifest.append(edit);
            }
        } catch (IOException | RuntimeException e) {
            // The edit may or may not be durable (a write that reached the disk, a sync that failed),
            // so its new files must stay: pin them for good. If the edit did not survive, the next
            // open deletes them as orphans. The manifest's state is unknown from here on, so the
            // engine stops accepting writes.
            for (VersionEdit.NewFile nf : edit.added) {
                nf.file().refs.incrementAndGet();
                liveFiles.put(nf.file().number, nf.file());
            }
            next.unref();
            if (backgroundError == null) {
                backgroundError = e;
            }
            throw e;
        }
        for (VersionEdit.NewFile nf : edit.added) {
            liveFiles.put(nf.file().number, nf.file());
        }
        if (edit.flushedSequence != null) {
            flushedSequence = edit.flushedSequence;
        }
        updateView(v -> new View(v.mem, imms == null ? v.imms : imms.apply(v.imms), next));
    }

    /** Starts a new manifest holding the whole of {@code next}, then deletes the old one. */
    private void rollManifest(Version next, VersionEdit edit) throws IOException {
        VersionEdit snapshot = new VersionEdit();
        for (int i = 0; i < next.levels.size(); i++) {
            for (FileMeta f : next.levels.get(i)) {
                snapshot.add(i, f);
            }
        }
        long number = nextFileNumber.getAndIncrement();
        snapshot.nextFileNumber = nextFileNumber.get();
        snapshot.flushedSequence = edit.flushedSequence != null ? edit.flushedSequence : flushedSequence;
        snapshot.logFormat = BatchCodec.LOG_FORMAT;
        Manifest fresh = Manifest.create(fs, dir, number, snapshot);
        Manifest old = manifest;
        manifest = fresh;
        old.close();
        fs.deleteIfExists(old.path());
    }

    /**
     * Writes the entries of {@code it} into new SSTables, dropping versions no reader can see: an
     * entry is dropped when a newer entry of the same key has a sequence at most {@code bound}; a
     * tombstone at most {@code bound} is dropped too when {@code base} shows that no level below
     * {@code outputLevel} can hold the key. Returns the new files (synced, directory synced).
     */
    private List<FileMeta> writeTables(EntryIterator it, long bound, int outputLevel, Version base, boolean split)
            throws IOException {
        List<FileMeta> out = new ArrayList<>();
        TableBuilder builder = null;
        FileHandle handle = null;
        long number = 0;
        byte[] lastUser = null;
        long lastSeqForKey = Long.MAX_VALUE;
        long seen = 0;
        try {
            while (it.valid()) {
                byte[] ik = it.key();
                boolean sameUser = lastUser != null && InternalKeys.compareUserTo(ik, lastUser) == 0;
                if (!sameUser) {
                    lastUser = InternalKeys.userKey(ik);
                    lastSeqForKey = Long.MAX_VALUE;
                    if (builder != null && split && builder.estimatedSize() >= options.targetFileSize()) {
                        out.add(finishTable(builder, handle, number));
                        handle = null;
                        builder = null;
                    }
                }
                long seq = InternalKeys.sequence(ik);
                boolean drop = lastSeqForKey <= bound
                        || (base != null && InternalKeys.kind(ik) == InternalKeys.DELETE && seq <= bound
                                && isBaseLevelForKey(base, outputLevel, lastUser));
                lastSeqForKey = seq;
                if (!drop) {
                    if (builder == null) {
                        number = nextFileNumber.getAndIncrement();
                        handle = fs.open(dir.resolve(FileMeta.fileName(number)), OpenMode.CREATE_NEW);
                        builder = new TableBuilder(handle, tableOptions);
                    }
                    builder.add(ik, it.value());
                }
                it.next();
                if ((++seen & 1023) == 0 && closed.get()) {
                    throw new IllegalStateException("engine closed");
                }
            }
            if (builder != null) {
                out.add(finishTable(builder, handle, number));
                handle = null;
            }
            if (!out.isEmpty()) {
                fs.syncDirectory(dir);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (handle != null) {
                handle.close();
                fs.deleteIfExists(dir.resolve(FileMeta.fileName(number)));
            }
            for (FileMeta f : out) {
                closeReader(f);
                fs.deleteIfExists(dir.resolve(FileMeta.fileName(f.number)));
            }
            throw e;
        }
    }

    private FileMeta finishTable(TableBuilder builder, FileHandle handle, long number) throws IOException {
        TableProperties props;
        try {
            props = builder.finish();
        } finally {
            handle.close();
        }
        FileMeta f = new FileMeta(number, builder.fileSize(), props.smallest(), props.largest(), props.entries(),
                props.tombstones(), props.minSequence(), props.maxSequence());
        f.reader = TableReader.open(fs, dir.resolve(FileMeta.fileName(number)), cache, counters);
        return f;
    }

    private static int levelOf(Version v, FileMeta f) {
        for (int level = 0; level < v.levels.size(); level++) {
            if (v.levels.get(level).contains(f)) {
                return level;
            }
        }
        throw new IllegalStateException(f + " is not in the version being compacted");
    }

    private static boolean isBaseLevelForKey(Version base, int outputLevel, byte[] user) {
        for (int level = outputLevel + 1; level < base.levels.size(); level++) {
            if (base.fileFor(level, user) != null) {
                return false;
            }
        }
        return true;
    }

    // ================================================================ compaction

    private void scheduleCompaction() {
        if (options.backgroundCompaction() && !closed.get() && compactionScheduled.compareAndSet(false, true)) {
            try {
                compactionExecutor.execute(this::backgroundCompaction);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                compactionScheduled.set(false);
            }
        }
    }

    private void backgroundCompaction() {
        try {
            while (!closed.get() && backgroundError == null) {
                Compaction c = pickCompaction(view.version);
                if (c == null) {
                    break;
                }
                runCompaction(c);
                wakeStalledWriters();
            }
        } catch (Throwable t) {
            backgroundFailure("compaction", t);
        } finally {
            compactionScheduled.set(false);
            wakeStalledWriters();
        }
        if (!closed.get() && backgroundError == null && pickCompaction(view.version) != null) {
            scheduleCompaction();
        }
    }

    /** Inputs of one compaction: files of {@code level} and the overlapping ones of {@code level + 1}. */
    record Compaction(int level, List<FileMeta> inputs, List<FileMeta> nextInputs, int outputLevel, boolean bottom) {}

    /** Leveled picking: L0 by file count, levels 1.. by size over target; the highest score wins. */
    private Compaction pickCompaction(Version v) {
        double best = 0;
        int bestLevel = -1;
        double l0Score = (double) v.levels.get(0).size() / options.l0CompactionTrigger();
        if (l0Score >= 1) {
            best = l0Score;
            bestLevel = 0;
        }
        for (int level = 1; level < options.maxLevels() - 1; level++) {
            double score = (double) v.levelBytes(level) / options.levelTarget(level);
            if (score >= 1 && score > best) {
                best = score;
                bestLevel = level;
            }
        }
        if (bestLevel < 0) {
            return null;
        }
        List<FileMeta> inputs;
        if (bestLevel == 0) {
            inputs = v.levels.get(0);
        } else {
            List<FileMeta> files = v.levels.get(bestLevel);
            FileMeta pick = files.getFirst();
            byte[] pointer = compactPointers[bestLevel];
            if (pointer != null) {
                for (FileMeta f : files) {
                    if (Arrays.compareUnsigned(f.smallestUser, pointer) > 0) {
                        pick = f;
                        break;
                    }
                }
            }
            inputs = List.of(pick);
        }
        byte[] lo = null;
        byte[] hi = null;
        for (FileMeta f : inputs) {
            lo = lo == null || Arrays.compareUnsigned(f.smallestUser, lo) < 0 ? f.smallestUser : lo;
            hi = hi == null || Arrays.compareUnsigned(f.largestUser, hi) > 0 ? f.largestUser : hi;
        }
        return new Compaction(bestLevel, inputs, v.overlapping(bestLevel + 1, lo, hi), bestLevel + 1, false);
    }

    private void runCompaction(Compaction c) throws IOException {
        long start = System.nanoTime();
        Version base;
        synchronized (viewLock) {
            base = view.version;
            base.ref();
        }
        try {
            VersionEdit edit = new VersionEdit();
            List<FileMeta> movable = trivialMoveInputs(c, base);
            if (movable != null) {
                for (FileMeta f : movable) {
                    edit.delete(c.level, f.number).add(c.outputLevel, f);
                }
                manifestLock.lock();
                try {
                    logAndApply(edit, null);
                } finally {
                    manifestLock.unlock();
                }
                if (c.level > 0) {
                    compactPointers[c.level] = movable.getLast().largestUser;
                }
                trivialMoves.increment();
                trivialMovedFiles.add(movable.size());
                log.debug("LSM engine {}: moved {} from L{} to L{}", dir, movable, c.level, c.outputLevel);
                return;
            }
            long bound = visibleSeq.get();
            List<EntryIterator> sources = new ArrayList<>();
            long readBytes = 0;
            for (FileMeta f : c.inputs) {
                sources.add(f.reader.iterator(null, true));
                readBytes += f.fileSize;
            }
            for (FileMeta f : c.nextInputs) {
                sources.add(f.reader.iterator(null, true));
                readBytes += f.fileSize;
            }
            List<FileMeta> outputs = writeTables(new MergingIterator(sources, true), bound, c.outputLevel, base, true);
            for (FileMeta f : c.inputs) {
                edit.delete(levelOf(base, f), f.number);
            }
            for (FileMeta f : c.nextInputs) {
                edit.delete(c.outputLevel, f.number);
            }
            long written = 0;
            for (FileMeta f : outputs) {
                edit.add(c.outputLevel, f);
                written += f.fileSize;
            }
            manifestLock.lock();
            try {
                logAndApply(edit, null);
            } finally {
                manifestLock.unlock();
            }
            if (c.level > 0 && !c.inputs.isEmpty()) {
                compactPointers[c.level] = c.inputs.getLast().largestUser;
            }
            compactions.increment();
            compactionRead.add(readBytes);
            compactionWritten.add(written);
            log.debug("LSM engine {}: compacted {} files of L{} and {} of L{} into {} files ({} B -> {} B) in {} ms", dir,
                    c.inputs.size(), c.level, c.nextInputs.size(), c.outputLevel, outputs.size(), readBytes, written,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            base.unref();
        }
    }

    /**
     * The inputs of {@code c} sorted by key if they can all move to the output level by a manifest
     * edit alone, else null. That needs: a level-to-next-level compaction (not a merge of
     * everything); inputs whose user-key ranges are pairwise disjoint (L0 files may overlap, and
     * overlapping ones must be merged so that the newer version of a key shadows the older one in a
     * sorted level); and no file of the output level in {@code base} overlapping any input (the
     * output level stays sorted and disjoint). Nothing is rewritten, so no version is dropped and
     * readers pinning older versions are unaffected; files of deeper levels only hold older data,
     * which the moved files still shadow, as they did from the level above.
     */
    private List<FileMeta> trivialMoveInputs(Compaction c, Version base) {
        if (c.bottom || c.level < 0 || c.outputLevel != c.level + 1 || c.inputs.isEmpty()) {
            return null;
        }
        if (c.inputs.size() > 1 && !multiFileTrivialMoves) {
            return null;
        }
        List<FileMeta> sorted = new ArrayList<>(c.inputs);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.smallestUser, b.smallestUser));
        for (int i = 1; i < sorted.size(); i++) {
            if (Arrays.compareUnsigned(sorted.get(i - 1).largestUser, sorted.get(i).smallestUser) >= 0) {
                return null;
            }
        }
        for (FileMeta f : sorted) {
            if (levelOf(base, f) != c.level || !base.overlapping(c.outputLevel, f.smallestUser, f.largestUser).isEmpty()) {
                return null;
            }
        }
        return sorted;
    }

    private void backgroundFailure(String what, Throwable t) {
        if (closed.get()) {
            log.debug("LSM engine {}: {} stopped by close: {}", dir, what, t.toString());
            return;
        }
        if (backgroundError == null) {
            backgroundError = t;
        }
        log.error("LSM engine {}: background {} failed; the engine accepts no more writes until reopened", dir, what, t);
    }

    // ================================================================ test hooks and maintenance

    /**
     * Freezes the active memtable (if it holds anything) and waits until every frozen memtable is
     * flushed to L0.
     */
    public void flushMemtable() {
        checkOpen();
        writeLock.lock();
        try {
            checkWritable();
            if (!view.mem.isEmpty()) {
                while (view.imms.size() >= options.maxImmutableMemtables()) {
                    stall("explicit flush waits for a flush slot", new boolean[1]);
                    checkWritable();
                }
                rotateMemtable();
            }
            stalling = false;
        } finally {
            writeLock.unlock();
        }
        await(flushExecutor.submit(this::flushAllImmutable));
        checkWritable();
    }

    /**
     * Flushes the memtable, then merges every SSTable into one sorted run in the deepest level that
     * holds data (at least L1), dropping shadowed versions and tombstones. For tests and tools. A
     * failure stops the engine accepting writes, as a background compaction failure does.
     */
    public void compactAll() {
        flushMemtable();
        await(compactionExecutor.submit(() -> {
            try {
                Version v = view.version;
                List<FileMeta> all = new ArrayList<>();
                int deepest = 1;
                for (int level = 0; level < v.levels.size(); level++) {
                    all.addAll(v.levels.get(level));
                    if (!v.levels.get(level).isEmpty()) {
                        deepest = Math.max(deepest, level);
                    }
                }
                if (!all.isEmpty()) {
                    runCompaction(new Compaction(-1, all, List.of(), deepest, true));
                }
            } catch (IOException e) {
                backgroundFailure("compaction", e);
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                backgroundFailure("compaction", e);
                throw e;
            }
            return null;
        }));
        checkWritable();
    }

    /** Test hook: allow (the default) or forbid trivial moves of more than one file. */
    void setMultiFileTrivialMoves(boolean on) {
        multiFileTrivialMoves = on;
    }

    /** Files moved down by trivial moves since open (a move may take several). */
    long trivialMovedFiles() {
        return trivialMovedFiles.sum();
    }

    /** Stall episodes since open: runs of waiting writes between writes that did not wait. */
    long stallEpisodes() {
        return stallEpisodes.sum();
    }

    /** Stall WARN lines logged since open (at most one a second). */
    long stallWarnings() {
        return stallWarnings.sum();
    }

    /** Test hook: roll to a new manifest once the live one exceeds {@code bytes}. */
    void setManifestRollBytes(long bytes) {
        manifestRollBytes = bytes;
    }

    /** Waits until no flush or compaction is running or due (for tests and tools). */
    public void awaitBackgroundIdle() {
        while (true) {
            checkOpen();
            await(flushExecutor.submit(() -> { }));
            await(compactionExecutor.submit(() -> { }));
            if (backgroundError != null) {
                return;
            }
            if (view.imms.isEmpty() && !compactionScheduled.get()
                    && (!options.backgroundCompaction() || backgroundError != null || pickCompaction(view.version) == null)) {
                return;
            }
            sleepQuietly(1);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    // ================================================================ stats and inspection

    public LsmStats stats() {
        Version v = view.version;
        long sst = 0;
        long deepest = 0;
        for (List<FileMeta> level : v.levels) {
            long lb = 0;
            for (FileMeta f : level) {
                lb += f.fileSize;
            }
            sst += lb;
            if (lb > 0) {
                deepest = lb;
            }
        }
        return new LsmStats(userBytes.sum(), wal.stats().bytesAppended(), flushBytes.sum(), compactionRead.sum(),
                compactionWritten.sum(), sst, deepest, gets.sum(), counters.tableProbes.sum(), counters.pointBlockReads.sum(),
                counters.bloomChecks.sum(), counters.bloomUseful.sum(), counters.bloomFalsePositives.sum(),
                flushes.sum(), compactions.sum(), trivialMoves.sum(), slowdowns.sum(), stalls.sum(),
                stallNanos.sum() / 1_000_000, cache.hits(), cache.misses());
    }

    public LsmInspection inspect() {
        View v = view;
        List<LsmInspection.Level> levels = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < v.version.levels.size(); i++) {
            List<LsmInspection.File> files = new ArrayList<>();
            for (FileMeta f : v.version.levels.get(i)) {
                files.add(new LsmInspection.File(f.number, FileMeta.fileName(f.number), f.fileSize, f.entries,
                        f.tombstones, hex.formatHex(f.smallestUser), hex.formatHex(f.largestUser), f.minSeq, f.maxSeq));
            }
            levels.add(new LsmInspection.Level(i, i == 0 ? 0 : options.levelTarget(i), List.copyOf(files)));
        }
        return new LsmInspection(List.copyOf(levels), v.mem.bytes(), v.imms.size(), visibleSeq.get(),
                stats().bloomFalsePositiveRate());
    }

    public LsmOptions options() {
        return options;
    }

    public Path directory() {
        return dir;
    }

    // ================================================================ lifecycle

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("LSM engine " + dir + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        Throwable t = backgroundError;
        if (t != null) {
            throw new EngineStoppedException("LSM engine " + dir + " stopped accepting writes after a background failure "
                    + "(restart to recover): " + t, t);
        }
    }

    private void deleteObsolete(FileMeta f) {
        liveFiles.remove(f.number);
        closeReader(f);
        if (closed.get()) {
            return;
        }
        try {
            fs.deleteIfExists(dir.resolve(FileMeta.fileName(f.number)));
        } catch (IOException e) {
            log.warn("LSM engine {}: cannot delete obsolete {}: {}", dir, FileMeta.fileName(f.number), e.toString());
        }
    }

    private void closeReader(FileMeta f) {
        TableReader r = f.reader;
        if (r != null) {
            try {
                r.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", r.path(), e.toString());
            }
        }
    }

    @Override
    public String name() {
        return "lsm";
    }

    /**
     * Stops the background threads (a running compaction is abandoned, its partial output deleted),
     * makes the log durable and releases every file. The memtable is not flushed: the log holds it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeStalledWriters();
        flushExecutor.shutdown();
        compactionExecutor.shutdown();
        try {
            flushExecutor.awaitTermination(1, TimeUnit.MINUTES);
            compactionExecutor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeLock.lock();
        try {
            try {
                wal.close();
            } catch (IOException e) {
                log.warn("LSM engine {}: closing the memtable log failed: {}", dir, e.toString());
            }
            manifestLock.lock();
            try {
                manifest.close();
            } catch (IOException e) {
                log.warn("LSM engine {}: closing the manifest failed: {}", dir, e.toString());
            } finally {
                manifestLock.unlock();
            }
            for (FileMeta f : liveFiles.values()) {
                closeReader(f);
            }
        } finally {
            writeLock.unlock();
        }
        log.debug("closed LSM engine {}", dir);
    }

    @Override
    public String toString() {
        return "LsmEngine[" + dir + "]";
    }
}
