package io.shaledb.sql.exec.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running CREATE INDEX, as a row of {@code pg_stat_progress_create_index}.
 *
 * <p>ShaleDB stores rows in key-ordered engines, not in heap pages, so "blocks" are counted in
 * units of {@link #BLOCK_BYTES} bytes of the table's stored key and value bytes: {@code blocks_total}
 * is the table's size in those units when the scan starts, {@code blocks_done} how many the scan has
 * passed. {@code tuples_total} is the number of row versions found then (an estimate of the rows:
 * dead versions vacuum has not removed count too), {@code tuples_done} the rows the scan has
 * processed. {@code lockers_total}/{@code lockers_done}/{@code current_locker_pid} count the
 * transactions a concurrent build waits for.
 */
public final class IndexBuildProgress {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuildProgress.class);
    /** The size of a "block" in the blocks_* columns: PostgreSQL's page size. */
    public static final long BLOCK_BYTES = 8192;
    /** How often a scan logs its progress. */
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** The commands PostgreSQL 15 shows. */
    public static final String CREATE_INDEX = "CREATE INDEX";
    public static final String CREATE_INDEX_CONCURRENTLY = "CREATE INDEX CONCURRENTLY";
    public static final String REINDEX = "REINDEX";
    public static final String REINDEX_CONCURRENTLY = "REINDEX CONCURRENTLY";

    /** The phases PostgreSQL 15 shows (those this implementation passes through). */
    public static final String INITIALIZING = "initializing";
    public static final String WAITING_FOR_WRITERS = "waiting for writers before build";
    public static final String BUILDING = "building index: scanning table";
    /** The bulk build's sort of the scanned entries (PostgreSQL's B-tree build phase of that name). */
    public static final String SORTING = "building index: sorting live tuples";
    /** The bulk build's load of the sorted entries. */
    public static final String LOADING = "building index: loading tuples in tree";
    public static final String WAITING_FOR_OLD_SNAPSHOTS = "waiting for old snapshots";

    private final Registry registry;
    private final int pid;
    private final int tableOid;
    private final int indexOid;
    private final String command;
    private final String indexName;
    private final String tableName;
    private final Instant started = Instant.now();
    private volatile String phase = INITIALIZING;
    private volatile long blocksTotal;
    private volatile long blocksDone;
    private volatile long tuplesTotal;
    private volatile long tuplesDone;
    private volatile long lockersTotal;
    private volatile long lockersDone;
    private volatile int currentLockerPid;
    private volatile boolean waiting;
    private long bytesDone;
    private long nextLogNanos;

    private IndexBuildProgress(Registry registry, int pid, int tableOid, int indexOid, String command, String indexName,
                               String tableName) {
        this.registry = registry;
        this.pid = pid;
        this.tableOid = tableOid;
        this.indexOid = indexOid;
        this.command = command;
        this.indexName = indexName;
        this.tableName = tableName;
        this.nextLogNanos = System.nanoTime() + LOG_EVERY.toNanos();
    }

    /** The running builds of one database. */
    public static final class Registry {
        private final ConcurrentHashMap<IndexBuildProgress, Boolean> running = new ConcurrentHashMap<>();

        /**
         * Registers a build of index {@code indexName} on {@code tableName}, run by session
         * {@code pid}; {@code command} is one of {@link #CREATE_INDEX} and the other commands.
         */
        public IndexBuildProgress start(int pid, int tableOid, int indexOid, String command, String indexName, String tableName) {
            IndexBuildProgress p = new IndexBuildProgress(this, pid, tableOid, indexOid, command, indexName, tableName);
            running.put(p, Boolean.TRUE);
            LOG.info("{} {} on {}: started", p.command(), indexName, tableName);
            return p;
        }

        /** The builds running now. */
        public Collection<IndexBuildProgress> running() {
            return List.copyOf(running.keySet());
        }

        /** The running build of session {@code pid}, or null. */
        public IndexBuildProgress of(int pid) {
            for (IndexBuildProgress p : running.keySet()) {
                if (p.pid == pid) {
                    return p;
                }
            }
            return null;
        }
    }

    /** PostgreSQL's {@code command} column. */
    public String command() {
        return command;
    }

    public void phase(String newPhase) {
        LOG.debug("{} {}: {}", command(), indexName, newPhase);
        phase = newPhase;
    }

    /** The table's size as the scan starts: its stored bytes and row versions. */
    public void scanSize(long bytes, long versions) {
        blocksTotal = (bytes + BLOCK_BYTES - 1) / BLOCK_BYTES;
        tuplesTotal = versions;
        blocksDone = 0;
        tuplesDone = 0;
        bytesDone = 0;
    }

    /** One row (of {@code bytes} stored bytes) scanned; logs every {@link #LOG_EVERY}. */
    public void scanned(long bytes) {
        bytesDone += bytes;
        blocksDone = Math.min(blocksTotal, bytesDone / BLOCK_BYTES);
        tuplesDone++;
        if ((tuplesDone & 1023) == 0 && System.nanoTime() - nextLogNanos > 0) {
            nextLogNanos = System.nanoTime() + LOG_EVERY.toNanos();
            LOG.info("{} {} on {}: {} of about {} rows scanned ({}%), {} s", command(), indexName, tableName, tuplesDone,
                    tuplesTotal, tuplesTotal == 0 ? 100 : Math.min(100, tuplesDone * 100 / tuplesTotal), elapsed().toSeconds());
        }
    }

    /** The transactions about to be waited for; {@link #lockerDone} counts them off. */
    public void lockers(long total) {
        lockersTotal = total;
        lockersDone = 0;
    }

    /** Now waiting for the transaction of session {@code lockerPid} (0: none). */
    public void waitingFor(int lockerPid) {
        currentLockerPid = lockerPid;
        waiting = true;
    }

    public void lockerDone() {
        lockersDone++;
        currentLockerPid = 0;
        waiting = false;
    }

    /** Whether the build is waiting for other transactions (pg_stat_activity shows a Lock wait then). */
    public boolean waiting() {
        return waiting;
    }

    public Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    /** Ends the entry and logs how the build ended ({@code failure} null when it succeeded). */
    public void finish(long rows, Throwable failure) {
        registry.running.remove(this);
        if (failure == null) {
            LOG.info("{} {} on {}: done, {} rows in {} ms", command(), indexName, tableName, rows, elapsed().toMillis());
        } else {
            LOG.info("{} {} on {}: failed after {} ms ({}){}", command(), indexName, tableName, elapsed().toMillis(),
                    failure.getMessage(), command.endsWith("CONCURRENTLY") ? "; the index is left INVALID" : "");
        }
    }

    /**
     * The row of {@code pg_stat_progress_create_index}: pid, datid, datname, relid, index_relid,
     * command, phase, lockers_total, lockers_done, current_locker_pid, blocks_total, blocks_done,
     * tuples_total, tuples_done, partitions_total, partitions_done.
     */
    public Object[] row(int datid, String datname) {
        return new Object[] {pid, datid, datname, tableOid, indexOid, command(), phase, lockersTotal, lockersDone,
                (long) currentLockerPid, blocksTotal, blocksDone, tuplesTotal, tuplesDone, 0L, 0L};
    }

    public int pid() {
        return pid;
    }

    public String phase() {
        return phase;
    }

    public long tuplesDone() {
        return tuplesDone;
    }
}
