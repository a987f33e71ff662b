package io.shaledb.bench.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The storage micro-benchmarks: the same four workloads over the same data set for each store.
 *
 * <p>Every trial (one store, one workload, in its own forked JVM) starts from an empty directory
 * under {@link #dir}, loads keys {@code 0 .. keys-1} ({@link Dataset}), and then measures one
 * thread calling the workload in a loop:
 * <ul>
 *   <li>{@link #pointGet}: a uniformly random existing key. After the load and the warm-up
 *       iterations the data set is in the store's cache ({@link #cacheMb} is sized to hold it),
 *       so this is the in-memory read path: descent, search within pages, copying the value out.
 *   <li>{@link #randomPut}: overwrite of a uniformly random existing key with another 100-byte
 *       value; the data set's size stays the same for the whole trial.
 *   <li>{@link #sequentialPut}: insert of keys {@code keys, keys+1, ...}, always past the largest
 *       key (append-style, as with time-ordered or auto-increment keys); the data set grows.
 *   <li>{@link #rangeScan100}: a forward scan of 100 entries from a random existing key, every key
 *       and value read.
 * </ul>
 * Each put is one transaction of the store at {@link #durability} (see {@link StoreKind} for
 * what that means per store). The command-line runner ({@code BenchMain}) sets the parameters;
 * the defaults here are the quick profile's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EngineBenchmark {

    public static final int SCAN_ROWS = 100;

    @Param({"shaledb-btree", "h2-mvstore", "sqlite"})
    public String store;

    /** Keys loaded before measuring. */
    @Param("100000")
    public int keys;

    /** Page-cache budget given to each store, MiB. */
    @Param("512")
    public int cacheMb;

    /** {@code relaxed} or {@code durable}; see {@link Durability}. */
    @Param("relaxed")
    public String durability;

    /** Parent of the trial's data directory; empty for {@code java.io.tmpdir}. */
    @Param("")
    public String dir;

    private final Dataset data = new Dataset(42);
    private final SplittableRandom random = new SplittableRandom(7);
    private Path trialDir;
    private KvStore kv;
    private long nextKey;
    private long writes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path parent = Path.of(dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir);
        Files.createDirectories(parent);
        trialDir = Files.createTempDirectory(parent, "shale-bench-" + store + "-");
        kv = StoreKind.parse(store).open(trialDir, Durability.parse(durability), (long) cacheMb << 20);
        kv.load(data, keys);
        nextKey = keys;
        for (long probe : new long[] {0, keys / 2, keys - 1}) {
            if (kv.get(Dataset.key(probe)) == null) {
                throw new IllegalStateException(store + ": key " + probe + " missing after loading " + keys + " keys");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (kv != null) {
                kv.close();
            }
        } finally {
            kv = null;
            deleteTree(trialDir);
        }
    }

    @Benchmark
    public byte[] pointGet() {
        return kv.get(Dataset.key(random.nextInt(keys)));
    }

    @Benchmark
    public void randomPut() {
        kv.put(Dataset.key(random.nextInt(keys)), data.value(writes++));
    }

    @Benchmark
    public void sequentialPut() {
        kv.put(Dataset.key(nextKey++), data.value(writes++));
    }

    @Benchmark
    public long rangeScan100() {
        return kv.scan(Dataset.key(random.nextInt(Math.max(1, keys - SCAN_ROWS))), SCAN_ROWS);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
