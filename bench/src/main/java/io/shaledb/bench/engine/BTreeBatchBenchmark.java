package io.shaledb.bench.engine;

import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.wal.SyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code WriteBatch}es of {@value BatchWorkload#BATCH} puts applied to the B+Tree engine, with its
 * batch finger ({@link BTreeOptions#batchFinger()}) on and off: rows per second, one thread, the
 * log not synced per batch (WAL {@link SyncMode#OFF}), so the tree work is what is measured. The
 * patterns ({@code ascending}, {@code descending}, {@code random}) are {@link BatchWorkload}'s.
 * Every iteration starts from a fresh engine (the random pattern's keys loaded first), so the
 * appending patterns never outgrow the buffer pool. On a busy machine prefer {@link BTreeBatchCpu},
 * which measures the applying thread's CPU time. Run:
 * {@code java -cp bench/target/shale-bench.jar org.openjdk.jmh.Main BTreeBatchBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class BTreeBatchBenchmark {

    @Param({"ascending", "descending", "random"})
    public String pattern;

    @Param({"true", "false"})
    public boolean finger;

    /** Parent of the iteration's data directory; empty for {@code java.io.tmpdir}. */
    @Param("")
    public String dir;

    private Path iterationDir;
    private BTreeEngine engine;
    private BatchWorkload workload;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        iterationDir = freshDirectory(dir);
        engine = openEngine(iterationDir, finger);
        workload = new BatchWorkload(pattern);
        workload.load(engine);
    }

    @TearDown(Level.Iteration)
    public void close() {
        try {
            engine.close();
        } finally {
            engine = null;
            EngineBenchmark.deleteTree(iterationDir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BatchWorkload.BATCH)
    public void applyBatch() {
        engine.apply(workload.nextBatch());
    }

    static Path freshDirectory(String parentDir) throws IOException {
        Path parent = Path.of(parentDir.isEmpty() ? System.getProperty("java.io.tmpdir") : parentDir);
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "shale-bench-batch-");
    }

    static BTreeEngine openEngine(Path dir, boolean finger) {
        return BTreeEngine.open(dir, BTreeOptions.defaults().withBufferPoolBytes(1L << 30)
                .withSyncMode(SyncMode.OFF).withBatchFinger(finger));
    }
}
