package io.shaledb.bench.commit;

import io.shaledb.bench.engine.Dataset;
import io.shaledb.common.fs.RealFileSystem;
import io.shaledb.wal.RecordTypes;
import io.shaledb.wal.SyncMode;
import io.shaledb.wal.Wal;
import io.shaledb.wal.WalOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The write-ahead log alone: each commit is {@link Wal#commit(byte, ByteBuffer)} of one record the
 * size of a single-key put (16-byte key and 100-byte value), acknowledged as {@code mode} says
 * ({@link SyncMode#SYNC}: only once it is on disk, many committers sharing one {@code fdatasync}).
 * No tree, no pages: the log's group commit on its own, the upper bound for an engine that logs
 * through it.
 */
public final class WalCommitTarget implements CommitTarget {

    /** A test-range record type, never in production data. */
    static final byte BENCH_COMMIT = RecordTypes.register(RecordTypes.Range.TEST, 250, "bench.commit");

    private final Wal wal;
    private final SyncMode mode;
    private final Dataset data = new Dataset(42);
    private final ThreadLocal<ByteBuffer> payloads =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(Dataset.KEY_BYTES + Dataset.VALUE_BYTES));

    public WalCommitTarget(Path dir, SyncMode mode) throws IOException {
        this.mode = mode;
        this.wal = Wal.open(RealFileSystem.INSTANCE, dir, WalOptions.defaults().withSyncMode(mode));
    }

    @Override
    public String label() {
        return "wal.commit only (" + mode + ")";
    }

    @Override
    public void commit(int thread, long seq) throws IOException {
        ByteBuffer p = payloads.get();
        p.clear();
        p.put(Dataset.key(((long) thread << 40) | seq)).put(data.value(seq)).flip();
        wal.commit(BENCH_COMMIT, p);
    }

    @Override
    public void close() throws IOException {
        wal.close();
    }
}
