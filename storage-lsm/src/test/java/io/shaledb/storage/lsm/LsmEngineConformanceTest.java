package io.shaledb.storage.lsm;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.conformance.StorageEngineConformanceTest;
import io.shaledb.wal.WalOptions;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The engine conformance suite, unchanged, with the reopen hooks. It runs on the in-memory
 * crash-simulating file system (no crashes here) with tiny memtables, blocks, files and level
 * targets, so that flushes, multi-block tables, compactions across several levels and manifest
 * replays all happen inside the suite's small workloads.
 */
class LsmEngineConformanceTest extends StorageEngineConformanceTest {

    static LsmOptions tinyOptions() {
        return LsmOptions.defaults()
                .withMemtableSize(2048)
                .withBlockSize(256)
                .withBlockRestartInterval(4)
                .withLevel1TargetBytes(8 * 1024)
                .withLevelSizeMultiplier(4)
                .withTargetFileSize(4 * 1024)
                .withL0Triggers(2, 40, 60)
                .withBlockCacheBytes(64 * 1024)
                .withWal(WalOptions.defaults().withSegmentSize(64 * 1024));
    }

    private final Map<StorageEngine, CrashSimulatingFileSystem> filesystems = new IdentityHashMap<>();
    private int counter;

    @Override
    protected StorageEngine openEngine() {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        LsmEngine e = LsmEngine.open(fs, Path.of("/db" + (counter++)), tinyOptions());
        filesystems.put(e, fs);
        return e;
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected StorageEngine reopenEngine(StorageEngine closed) {
        LsmEngine old = (LsmEngine) closed;
        CrashSimulatingFileSystem fs = filesystems.remove(old);
        LsmEngine e = LsmEngine.open(fs, old.directory(), old.options());
        filesystems.put(e, fs);
        return e;
    }

    @Override
    protected void destroyEngine(StorageEngine engine) {
        engine.close();
        filesystems.remove(engine);
    }
}
