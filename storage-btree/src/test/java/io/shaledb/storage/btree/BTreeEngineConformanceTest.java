package io.shaledb.storage.btree;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.conformance.StorageEngineConformanceTest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storage conformance suite on the B+Tree engine over an in-memory crash-simulating file
 * system (fast, nothing left on disk), with 4 KiB pages so splits, merges and overflow chains are
 * exercised by small data, and the reopen hooks enabled.
 */
class BTreeEngineConformanceTest extends StorageEngineConformanceTest {

    private static final AtomicInteger DIRS = new AtomicInteger();
    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();

    @Override
    protected StorageEngine openEngine() {
        Path dir = Path.of("/conformance", "engine-" + DIRS.incrementAndGet());
        return BTreeEngine.open(fs, dir, BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(4L << 20));
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected StorageEngine reopenEngine(StorageEngine closed) {
        BTreeEngine old = (BTreeEngine) closed;
        return BTreeEngine.open(old.fileSystem(), old.directory(), old.options());
    }
}
