package io.shaledb.sql.exec.spill;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where a database's operators spill, and the files in it.
 *
 * <pre>
 *   durable database:   &lt;data dir&gt;/pgsql_tmp/shale_tmp.&lt;n&gt;        emptied when the database opens
 *   memory database:    &lt;java.io.tmpdir&gt;/shaledb-tmp-&lt;pid&gt;/...   directories of dead processes removed
 * </pre>
 *
 * A file lives from {@link #create} until its {@link SpillFile#close()}; the operator that made it
 * closes it when done, when it fails and when it is closed, and {@link WorkMem#run} closes whatever a
 * statement left behind, so a cancelled or failed query leaves nothing. What a crash leaves is
 * deleted the next time the directory is opened.
 */
public final class TempFiles {
    private static final Logger log = LoggerFactory.getLogger(TempFiles.class);
    static final String FILE_PREFIX = "shale_tmp.";
    /** The subdirectory of a data directory that holds temporary files (PostgreSQL's name). */
    public static final String DIRECTORY_NAME = "pgsql_tmp";
    private static final String FALLBACK_PREFIX = "shaledb-tmp-";
    private static volatile TempFiles fallback;

    private final Path dir;
    private final AtomicLong counter = new AtomicLong();
    private final Set<SpillFile> live = ConcurrentHashMap.newKeySet();

    private TempFiles(Path dir) {
        this.dir = dir;
    }

    /** The temporary directory of a data directory; files a crash left there are deleted now. */
    public static TempFiles inDataDirectory(Path dataDir) {
        TempFiles t = new TempFiles(dataDir.resolve(DIRECTORY_NAME));
        t.removeLeftovers();
        return t;
    }

    /** A temporary directory at {@code dir} itself (tests); leftovers are deleted now. */
    public static TempFiles at(Path dir) {
        TempFiles t = new TempFiles(dir);
        t.removeLeftovers();
        return t;
    }

    /**
     * The directory of databases without a data directory: one per process under
     * {@code java.io.tmpdir}, so that processes sharing the machine never delete each other's
     * files; directories of processes that no longer run are removed the first time it is asked for.
     */
    public static TempFiles fallback() {
        TempFiles f = fallback;
        if (f == null) {
            synchronized (TempFiles.class) {
                f = fallback;
                if (f == null) {
                    Path base = Path.of(System.getProperty("java.io.tmpdir"));
                    removeDeadProcessDirectories(base);
                    f = new TempFiles(base.resolve(FALLBACK_PREFIX + ProcessHandle.current().pid()));
                    fallback = f;
                }
            }
        }
        return f;
    }

    public Path directory() {
        return dir;
    }

    /** A new, empty temporary file; {@code purpose} appears in the logs ("sort run", "hash join batch"). */
    public SpillFile create(String purpose) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SqlException(SqlState.IO_ERROR, "could not create directory \"" + dir + "\": " + e.getMessage(),
                    0, null, null, e);
        }
        SpillFile f = new SpillFile(this, dir.resolve(FILE_PREFIX + counter.incrementAndGet()), purpose,
                WorkMem.currentLogTempFilesKb());
        live.add(f);
        WorkMem.created(f);
        return f;
    }

    /** How many files were created since the directory was opened. */
    public long created() {
        return counter.get();
    }

    /** Files created and not yet closed (tests, leak checks). */
    public List<SpillFile> liveFiles() {
        return Collections.unmodifiableList(new ArrayList<>(live));
    }

    /** The temporary files present in the directory right now. */
    public List<Path> filesOnDisk() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FILE_PREFIX)).toList();
        } catch (IOException e) {
            throw new SqlException(SqlState.IO_ERROR, "could not list directory \"" + dir + "\": " + e.getMessage(),
                    0, null, null, e);
        }
    }

    void released(SpillFile f) {
        live.remove(f);
    }

    private void removeLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FILE_PREFIX + "*")) {
            for (Path p : files) {
                Files.deleteIfExists(p);
                removed++;
            }
        } catch (IOException e) {
            log.warn("could not remove leftover temporary files in {}: {}", dir, e.toString());
        }
        if (removed > 0) {
            log.info("removed {} leftover temporary file(s) from {}", removed, dir);
        }
    }

    private static void removeDeadProcessDirectories(Path base) {
        if (!Files.isDirectory(base)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, FALLBACK_PREFIX + "*")) {
            for (Path d : dirs) {
                long pid;
                try {
                    pid = Long.parseLong(d.getFileName().toString().substring(FALLBACK_PREFIX.length()));
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    new TempFiles(d).removeLeftovers();
                    Files.deleteIfExists(d);
                }
            }
        } catch (IOException e) {
            log.warn("could not remove temporary directories of finished processes in {}: {}", base, e.toString());
        }
    }
}
