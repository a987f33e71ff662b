package io.shaledb.sql.exec.spill;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory budget of one memory-hungry operator and where it spills: {@code work_mem} for a
 * sort, {@code work_mem × hash_mem_multiplier} for a hash table (as in PostgreSQL), and the
 * database's {@link TempFiles}.
 *
 * <p>The session {@linkplain #run runs each statement} with its settings installed on the
 * thread; the planner reads them with {@link #current()} when it builds an operator, so a plan
 * keeps the budget it was planned with. The same scope collects the files the statement creates
 * and closes those still open when it ends, whether it ended normally, failed or was cancelled.
 *
 * @param bytes          work_mem in bytes
 * @param hashMultiplier hash_mem_multiplier
 * @param files          where spill files go
 * @param logTempFilesKb log_temp_files: files of at least this many kB are logged (INFO) when
 *                       deleted, as PostgreSQL's LOG line; -1 logs none (they still are at DEBUG)
 * @param maintenanceBytes maintenance_work_mem in bytes: the budget of an index build's sort
 */
public record WorkMem(long bytes, double hashMultiplier, TempFiles files, long logTempFilesKb, long maintenanceBytes) {
    private static final Logger log = LoggerFactory.getLogger(WorkMem.class);
    /** PostgreSQL's default work_mem, 4MB. */
    public static final long DEFAULT_BYTES = 4L * 1024 * 1024;
    public static final double DEFAULT_HASH_MULTIPLIER = 2.0;

    private static final ThreadLocal<WorkMem> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<List<SpillFile>> STATEMENT_FILES = new ThreadLocal<>();

    /** PostgreSQL's default maintenance_work_mem, 64MB: the budget of CREATE INDEX's sort. */
    public static final long DEFAULT_MAINTENANCE_BYTES = 64L * 1024 * 1024;

    /** A budget that logs no temporary files. */
    public WorkMem(long bytes, double hashMultiplier, TempFiles files) {
        this(bytes, hashMultiplier, files, -1);
    }

    /** A budget with the default maintenance_work_mem. */
    public WorkMem(long bytes, double hashMultiplier, TempFiles files, long logTempFilesKb) {
        this(bytes, hashMultiplier, files, logTempFilesKb, DEFAULT_MAINTENANCE_BYTES);
    }

    /** The budget of a hash table: work_mem × hash_mem_multiplier. */
    public long hashBytes() {
        return (long) Math.min(Long.MAX_VALUE / 2, bytes * hashMultiplier);
    }

    /** The budget installed on this thread, or PostgreSQL's defaults with the process's fallback directory. */
    public static WorkMem current() {
        WorkMem m = CURRENT.get();
        return m != null ? m : new WorkMem(DEFAULT_BYTES, DEFAULT_HASH_MULTIPLIER, TempFiles.fallback());
    }

    /**
     * Runs a statement with {@code budget} installed; temporary files it created and did not close
     * are closed (deleted) when it ends, however it ends.
     */
    public static <T> T run(WorkMem budget, Supplier<T> body) {
        WorkMem previousBudget = CURRENT.get();
        List<SpillFile> previousFiles = STATEMENT_FILES.get();
        List<SpillFile> files = new ArrayList<>();
        CURRENT.set(budget);
        STATEMENT_FILES.set(files);
        try {
            return body.get();
        } finally {
            CURRENT.set(previousBudget);
            STATEMENT_FILES.set(previousFiles);
            int leaked = 0;
            for (SpillFile f : files) {
                if (f.isOpen()) {
                    leaked++;
                    f.close();
                }
            }
            if (leaked > 0) {
                log.debug("closed {} temporary file(s) the statement left open", leaked);
            }
        }
    }

    /** log_temp_files of the statement running on this thread, -1 outside one. */
    static long currentLogTempFilesKb() {
        WorkMem m = CURRENT.get();
        return m == null ? -1 : m.logTempFilesKb();
    }

    static void created(SpillFile f) {
        List<SpillFile> files = STATEMENT_FILES.get();
        if (files != null) {
            files.add(f);
        }
    }
}
