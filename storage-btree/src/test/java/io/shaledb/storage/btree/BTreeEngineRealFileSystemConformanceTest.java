package io.shaledb.storage.btree;

import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.conformance.StorageEngineConformanceTest;
import io.shaledb.wal.SyncMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The conformance suite once more on the real file system (default 8 KiB pages), with the
 * model-based property cut to 25 tries because every engine creation syncs several files. Commits
 * use {@link SyncMode#OFF} by default (one fsync per commit makes the concurrency tests take ~45 s
 * on a shared disk); {@code -Dshaledb.btree.soak=true} runs it with {@link SyncMode#SYNC}.
 */
class BTreeEngineRealFileSystemConformanceTest extends StorageEngineConformanceTest {

    @Override
    protected StorageEngine openEngine() {
        try {
            SyncMode mode = Boolean.getBoolean("shaledb.btree.soak") ? SyncMode.SYNC : SyncMode.OFF;
            return BTreeEngine.open(Files.createTempDirectory("shaledb-btree-"), BTreeOptions.defaults().withSyncMode(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected StorageEngine reopenEngine(StorageEngine closed) {
        BTreeEngine old = (BTreeEngine) closed;
        return BTreeEngine.open(old.directory(), old.options());
    }

    @Override
    protected void destroyEngine(StorageEngine engine) {
        engine.close();
        Path dir = ((BTreeEngine) engine).directory();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @Property(tries = 25)
    protected void behavesLikeASortedMap(@ForAll("operationSequences") List<Op> ops) {
        super.behavesLikeASortedMap(ops);
    }
}
