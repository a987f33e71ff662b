package io.shaledb.bench.commit;

import io.shaledb.bench.engine.Dataset;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.wal.SyncMode;
import java.nio.file.Path;

/**
 * ShaleDB's B+Tree engine: each commit is one {@link BTreeEngine#put} of a new 16-byte key with a
 * 100-byte value, on an engine whose WAL runs in {@code mode} ({@link SyncMode#SYNC}: the put
 * returns only once its WAL record is synced). Committer {@code t} inserts keys
 * {@code t << 40 | seq}, so the committers write to separate regions of one tree. The put applies
 * the change to the pages under the tree's write latch and appends the pages' after-images to the
 * WAL; the wait for the sync happens outside the latch, so concurrent puts share one.
 */
public final class BTreeCommitTarget implements CommitTarget {

    private final BTreeEngine engine;
    private final SyncMode mode;
    private final Dataset data = new Dataset(42);

    public BTreeCommitTarget(Path dir, SyncMode mode) {
        this.mode = mode;
        this.engine = BTreeEngine.open(dir, BTreeOptions.defaults().withSyncMode(mode));
    }

    @Override
    public String label() {
        return "shaledb-btree put (WAL " + mode + ")";
    }

    @Override
    public void commit(int thread, long seq) {
        engine.put(Dataset.key(((long) thread << 40) | seq), data.value(seq));
    }

    @Override
    public void close() {
        engine.close();
    }
}
