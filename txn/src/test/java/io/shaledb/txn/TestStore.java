package io.shaledb.txn;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.RealFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.lsm.LsmOptions;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.wal.SyncMode;
import io.shaledb.wal.WalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The engines the transaction property tests run on: a {@link MemoryEngine}, or a B+Tree or LSM
 * engine either on a {@link CrashSimulatingFileSystem} (fast, and able to lose unsynced writes) or
 * in a real temporary directory. A store holds any number of named engines (e.g. a catalog engine
 * and a data engine), each in its own sub-directory, and can crash and reopen them all.
 *
 * <p>The LSM engine gets tiny memtables and files so that flushes and compactions run during the
 * tests; the B+Tree a small buffer pool so that pages are written back and read again.
 */
final class TestStore implements AutoCloseable {
    enum Kind { MEMORY, BTREE, LSM }

    private final Kind kind;
    private final FileSystem fs;
    private final Path root;
    private final boolean tempDir;
    private final Map<String, StorageEngine> engines = new LinkedHashMap<>();

    private TestStore(Kind kind, FileSystem fs, Path root, boolean tempDir) {
        this.kind = kind;
        this.fs = fs;
        this.root = root;
        this.tempDir = tempDir;
    }

    /** Engines of {@code kind} on a simulated disk (memory engines need none). */
    static TestStore simulated(Kind kind) {
        return new TestStore(kind, new CrashSimulatingFileSystem(), Path.of("/db"), false);
    }

    /** Engines of {@code kind} in a new temporary directory, deleted by {@link #close()}. */
    static TestStore onDisk(Kind kind) {
        try {
            return new TestStore(kind, RealFileSystem.INSTANCE, Files.createTempDirectory("shaledb-txn-" + kind.name().toLowerCase()),
                    true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    Kind kind() {
        return kind;
    }

    /** The engine called {@code name}, opened on first use. */
    StorageEngine engine(String name) {
        return engine(name, kind);
    }

    /**
     * The engine called {@code name}, of {@code engineKind} (on this store's disk), opened on first
     * use: a store may mix a B+Tree catalog with an LSM data engine, as the server does.
     */
    StorageEngine engine(String name, Kind engineKind) {
        return engines.computeIfAbsent(name, n -> open(n, engineKind));
    }

    private StorageEngine open(String name, Kind engineKind) {
        Path dir = root.resolve(name);
        return switch (engineKind) {
            case MEMORY -> new MemoryEngine();
            case BTREE -> BTreeEngine.open(fs, dir, BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(256L << 10)
                    .withCheckpointWalBytes(4L << 20).withSyncMode(SyncMode.SYNC));
            case LSM -> LsmEngine.open(fs, dir, LsmOptions.defaults()
                    .withMemtableSize(16 << 10)
                    .withBlockSize(512)
                    .withLevel1TargetBytes(64 << 10)
                    .withLevelSizeMultiplier(4)
                    .withTargetFileSize(32 << 10)
                    .withL0Triggers(2, 40, 60)
                    .withBlockCacheBytes(256 << 10)
                    .withWal(WalOptions.defaults().withSegmentSize(256 << 10).withSyncMode(SyncMode.SYNC)));
        };
    }

    /** True when {@link #crash} really loses unsynced writes (a simulated disk). */
    boolean crashLosesUnsyncedWrites() {
        return fs instanceof CrashSimulatingFileSystem && kind != Kind.MEMORY;
    }

    /**
     * Simulates a power failure: the disk loses a random part of what was not synced (all of it when
     * {@code random} is null) and the engines are abandoned. Memory engines are kept as they are —
     * there is no disk — so a "crash" of a memory store only restarts the layers above. The next
     * {@link #engine} call reopens (recovers) an engine.
     */
    void crash(Random random) {
        if (kind == Kind.MEMORY) {
            return;
        }
        if (fs instanceof CrashSimulatingFileSystem sim) {
            sim.crash(random);
            for (StorageEngine e : engines.values()) {
                closeAfterCrash(e);
            }
        } else {
            for (StorageEngine e : engines.values()) {
                e.close(); // a real disk cannot be crashed from here: a clean close, then a reopen
            }
        }
        engines.clear();
    }

    /** {@link #crash} under running {@code threads}, then tells them to {@code stop} and waits until they have. */
    void crashUnder(List<Thread> threads, AtomicBoolean stop, Random random) throws InterruptedException {
        crash(random);
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not stop after the crash of " + this);
            }
        }
    }

    private static void closeAfterCrash(StorageEngine e) {
        try {
            e.close();
        } catch (RuntimeException expected) {
            // The simulated crash killed the engine's file handles; closing it may fail, which is fine:
            // it is abandoned, and the reopen that follows is what the tests check.
        }
    }

    /** Every raw engine key under {@code prefix} (row versions, when {@code prefix} is a relation's). */
    static long countKeys(StorageEngine engine, byte[] prefix) {
        long n = 0;
        try (Cursor c = engine.scan(KeyRange.prefix(prefix), Direction.FORWARD)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    /** Bytes of the files in the temporary directory (0 on a simulated disk). */
    long diskBytes() {
        if (!tempDir) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by a compaction or a log truncation while we walked
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + root, e);
        }
    }

    /** The {@code n} largest files in the temporary directory with their sizes, for reports. */
    String largestFiles(int n) {
        if (!tempDir) {
            return "";
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Map.entry(root.relativize(p).toString(), Files.size(p));
                } catch (IOException e) {
                    return Map.entry(root.relativize(p).toString(), 0L);
                }
            }).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (StorageEngine e : engines.values()) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        engines.clear();
        if (tempDir) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                UncheckedIOException ex = new UncheckedIOException("cannot delete " + root, e);
                if (failure != null) {
                    failure.addSuppressed(ex);
                } else {
                    failure = ex;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return kind + (tempDir ? " in " + root : kind == Kind.MEMORY ? "" : " on a simulated disk");
    }
}
