package io.shaledb.bench.compare;

import io.shaledb.bench.engine.Dataset;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs every {@link CompareWorkload} on every store, one store after the other, in this process on
 * the real disk, and collects throughput and the engines' counters. {@link CompareReport} turns
 * the {@link Results} into markdown.
 *
 * <p>Per store: a short unmeasured warm-up on a scratch directory (so the JIT has compiled the
 * store's code paths before the first measured phase); the sequential put into a directory of its
 * own; then, on the main directory, the random put (the load), point gets that hit, point gets that
 * miss, range scans, and the update churn. After each writing phase the store is
 * {@linkplain CompareStore#settle settled} (not timed, but its bytes count towards that phase's
 * write amplification), and its directory is measured for space amplification. Every store sees
 * the same keys, values and random choices (one seed).
 */
public final class CompareSuite {

    /** Operations between two progress-bar updates. */
    private static final int PROGRESS_CHUNK = 1024;

    /**
     * What to run.
     *
     * @param stores the stores, in the order they run
     * @param keys keys of the main data set (loaded by the random put, churned by the churn)
     * @param sequentialKeys keys of the sequential put
     * @param gets operations of each point-get workload (hits, misses)
     * @param scans range scans
     * @param churnWrites writes (puts and deletes) of the update churn
     * @param warmupKeys keys of the unmeasured warm-up per store (0: none)
     * @param settings the options every store gets the same value of
     * @param dir parent of the data directories (a fresh subdirectory is created and deleted)
     * @param seed seed of the values and of every random choice
     * @param keepData whether to leave the data directories behind (for inspection) instead of deleting them
     */
    public record Config(List<String> stores, int keys, int sequentialKeys, int gets, int scans, int churnWrites,
                         int warmupKeys, CompareSettings settings, Path dir, long seed, boolean keepData) {
        public Config {
            stores = List.copyOf(stores);
            for (String s : stores) {
                CompareStores.parse(s);
            }
            if (stores.isEmpty() || keys < 1 || sequentialKeys < 1 || gets < 1 || scans < 1 || churnWrites < 1
                    || warmupKeys < 0) {
                throw new IllegalArgumentException("at least one store, and positive key and operation counts");
            }
        }

        List<CompareStores> storeKinds() {
            return stores.stream().map(CompareStores::parse).toList();
        }
    }

    /**
     * One workload on one store.
     *
     * @param ops operations (writes for the writing workloads; a churn overwrite counts one, a
     *     delete-and-reinsert two)
     * @param nanos time of the operations alone
     * @param rows entries read (scans) or found (gets)
     * @param userBytes key and value bytes the workload wrote (a delete: its key), the same for every store
     * @param counters the engine's counters over the operations and, for a writing workload, its settle
     * @param processWriteBytes the kernel's {@code write_bytes} of this process over the same span, or -1
     * @param settleNanos time the settle took (writing workloads), else 0
     * @param diskBytes bytes of the store's directory after the settle (writing workloads), else -1
     * @param logDiskBytes of those, the write-ahead log's (writing workloads), else -1
     * @param liveBytes key and value bytes of the live data in the store after the workload
     * @param shape the store's structure after the workload
     */
    public record Phase(long ops, long nanos, long rows, long userBytes, StoreCounters counters, long processWriteBytes,
                        long settleNanos, long diskBytes, long logDiskBytes, long liveBytes, String shape) {

        public double opsPerSecond() {
            return nanos == 0 ? Double.NaN : ops * 1e9 / nanos;
        }

        /** Operations per second counting the settle's time too: the rate the store sustains with its deferred work paid. */
        public double sustainedOpsPerSecond() {
            return nanos + settleNanos == 0 ? Double.NaN : ops * 1e9 / (nanos + settleNanos);
        }

        /** Engine-counted bytes written per user byte. */
        public double writeAmplification() {
            return userBytes == 0 ? Double.NaN : (double) counters.bytesWritten() / userBytes;
        }

        /** Kernel-counted bytes written per user byte. */
        public double processWriteAmplification() {
            return userBytes == 0 || processWriteBytes < 0 ? Double.NaN : (double) processWriteBytes / userBytes;
        }

        /** Bytes on disk per byte of live data. */
        public double spaceAmplification() {
            return diskBytes < 0 || liveBytes == 0 ? Double.NaN : (double) diskBytes / liveBytes;
        }

        /** Bytes on disk, the write-ahead log left out, per byte of live data. */
        public double tableSpaceAmplification() {
            return diskBytes < 0 || liveBytes == 0 ? Double.NaN : (double) (diskBytes - logDiskBytes) / liveBytes;
        }

        public double tablesPerOp() {
            return counters.tablesProbed() < 0 ? Double.NaN : (double) counters.tablesProbed() / ops;
        }

        public double blocksPerOp() {
            return (double) counters.blocksTouched() / ops;
        }

        public double blocksMissedPerOp() {
            return (double) counters.blocksMissed() / ops;
        }
    }

    /** Results by store and workload; {@code failures} holds the stores that could not run, with why. */
    public record Results(Config config, Map<String, Map<CompareWorkload, Phase>> phases, Map<String, String> failures,
                          double seconds) {}

    private final Config config;
    private final PrintStream progress;
    private final Dataset data;

    /** {@code progress} receives the progress bar and notes (stderr in the runner). */
    public CompareSuite(Config config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
        this.data = new Dataset(config.seed());
    }

    public Results run() throws Exception {
        long started = System.nanoTime();
        Path root = Files.createTempDirectory(Files.createDirectories(config.dir()), "shale-compare-");
        Map<String, Map<CompareWorkload, Phase>> phases = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        long perStore = (long) config.warmupKeys() * 3 + config.sequentialKeys() + config.keys() + 2L * config.gets()
                + config.scans() + config.churnWrites();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("compare")
                .setInitialMax(perStore * config.stores().size())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(progress, 110))
                .build()) {
            for (CompareStores kind : config.storeKinds()) {
                long before = bar.getCurrent();
                try {
                    phases.put(kind.label(), runStore(kind, root.resolve(kind.label()), bar));
                    bar.stepTo(before + perStore);
                } catch (RuntimeException | LinkageError e) {
                    failures.put(kind.label(), e.toString());
                    bar.stepTo(before + perStore);
                    bar.setExtraMessage(kind.label() + " failed");
                } finally {
                    if (!config.keepData()) {
                        DiskUsage.deleteRecursively(root.resolve(kind.label()));
                    }
                }
            }
            bar.setExtraMessage("done");
        } finally {
            if (!config.keepData()) {
                DiskUsage.deleteRecursively(root);
            }
        }
        if (config.keepData()) {
            progress.println("compare: data kept in " + root);
        }
        for (Map.Entry<String, String> f : failures.entrySet()) {
            progress.println("compare: " + f.getKey() + " could not run: " + f.getValue());
        }
        return new Results(config, phases, failures, (System.nanoTime() - started) / 1e9);
    }

    private Map<CompareWorkload, Phase> runStore(CompareStores kind, Path dir, ProgressBar bar) {
        Map<CompareWorkload, Phase> out = new EnumMap<>(CompareWorkload.class);
        String label = kind.label();
        CompareSettings s = config.settings();
        if (config.warmupKeys() > 0) {
            bar.setExtraMessage(label + ": warm-up");
            Path warm = dir.resolve("warmup");
            try (CompareStore store = kind.open(mkdirs(warm), s)) {
                warmUp(store, bar);
            }
            DiskUsage.deleteRecursively(warm);
        }

        Path seqDir = dir.resolve("sequential");
        try (CompareStore store = kind.open(mkdirs(seqDir), s)) {
            bar.setExtraMessage(label + ": " + CompareWorkload.SEQUENTIAL_PUT.title());
            out.put(CompareWorkload.SEQUENTIAL_PUT, sequentialPut(store, seqDir, bar));
        }
        if (!config.keepData()) {
            DiskUsage.deleteRecursively(seqDir);
        }

        Path mainDir = dir.resolve("main");
        try (CompareStore store = kind.open(mkdirs(mainDir), s)) {
            bar.setExtraMessage(label + ": " + CompareWorkload.RANDOM_PUT.title());
            out.put(CompareWorkload.RANDOM_PUT, randomPut(store, mainDir, bar));
            bar.setExtraMessage(label + ": " + CompareWorkload.GET_HIT.title());
            out.put(CompareWorkload.GET_HIT, gets(store, true, bar));
            bar.setExtraMessage(label + ": " + CompareWorkload.GET_MISS.title());
            out.put(CompareWorkload.GET_MISS, gets(store, false, bar));
            bar.setExtraMessage(label + ": " + CompareWorkload.SCAN.title());
            out.put(CompareWorkload.SCAN, scans(store, bar));
            bar.setExtraMessage(label + ": " + CompareWorkload.CHURN.title());
            out.put(CompareWorkload.CHURN, churn(store, mainDir, bar));
        }
        return out;
    }

    // ------------------------------------------------------------------ workloads

    private void warmUp(CompareStore store, ProgressBar bar) {
        int n = config.warmupKeys();
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5eed);
        for (int i = 0; i < n; i++) {
            store.put(CompareKeys.key(random.nextInt(n), 0), data.value(i));
            tick(bar);
        }
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(n);
            store.get((i & 1) == 0 ? CompareKeys.key(k, 0) : CompareKeys.absent(k));
            tick(bar);
        }
        store.settle();
        for (int i = 0; i < n; i++) {
            if (i % 10 == 0) {
                store.scan(CompareKeys.key(random.nextInt(n), 0), 10 + random.nextInt(91));
            } else {
                store.get(CompareKeys.key(random.nextInt(n), 0));
            }
            tick(bar);
        }
    }

    private Phase sequentialPut(CompareStore store, Path dir, ProgressBar bar) {
        int n = config.sequentialKeys();
        Meter m = Meter.start(store);
        for (int i = 0; i < n; i++) {
            store.put(CompareKeys.key(i, 0), data.value(i));
            tick(bar);
        }
        return m.finishWrites(store, dir, n, (long) n * RECORD, (long) n * RECORD);
    }

    private Phase randomPut(CompareStore store, Path dir, ProgressBar bar) {
        int n = config.keys();
        int[] order = permutation(n, new SplittableRandom(config.seed()));
        Meter m = Meter.start(store);
        for (int i = 0; i < n; i++) {
            int k = order[i];
            store.put(CompareKeys.key(k, 0), data.value(k));
            tick(bar);
        }
        return m.finishWrites(store, dir, n, (long) n * RECORD, (long) n * RECORD);
    }

    private Phase gets(CompareStore store, boolean hits, ProgressBar bar) {
        int n = config.gets();
        int keys = config.keys();
        SplittableRandom random = new SplittableRandom(config.seed() + (hits ? 1 : 2));
        long found = 0;
        Meter m = Meter.start(store);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(keys);
            byte[] v = store.get(hits ? CompareKeys.key(k, 0) : CompareKeys.absent(k));
            if (v != null) {
                found++;
            }
            tick(bar);
        }
        Phase p = m.finishReads(store, n, found, (long) keys * RECORD);
        long expected = hits ? n : 0;
        if (found != expected) {
            throw new IllegalStateException(n + " gets of " + (hits ? "existing" : "absent") + " keys found " + found);
        }
        return p;
    }

    private Phase scans(CompareStore store, ProgressBar bar) {
        int n = config.scans();
        int keys = config.keys();
        SplittableRandom random = new SplittableRandom(config.seed() + 3);
        long rows = 0;
        Meter m = Meter.start(store);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(keys);
            int limit = 10 + random.nextInt(91);
            int got = store.scan(CompareKeys.key(k, 0), limit);
            if (got != Math.min(limit, keys - k)) {
                throw new IllegalStateException("scan of " + limit + " from key " + k + " of " + keys + " read " + got);
            }
            rows += got;
            tick(bar);
        }
        return m.finishReads(store, n, rows, (long) keys * RECORD);
    }

    private Phase churn(CompareStore store, Path dir, ProgressBar bar) {
        int n = config.churnWrites();
        int keys = config.keys();
        int[] version = new int[keys];
        SplittableRandom random = new SplittableRandom(config.seed() + 4);
        long userBytes = 0;
        int writes = 0;
        Meter m = Meter.start(store);
        for (long op = 0; writes < n; op++) {
            int k = random.nextInt(keys);
            if (random.nextBoolean() || writes + 2 > n) {
                store.put(CompareKeys.key(k, version[k]), data.value(op + 7));
                userBytes += RECORD;
                writes++;
            } else {
                store.delete(CompareKeys.key(k, version[k]));
                version[k]++;
                store.put(CompareKeys.key(k, version[k]), data.value(op + 7));
                userBytes += Dataset.KEY_BYTES + RECORD;
                writes += 2;
                tick(bar);
            }
            tick(bar);
        }
        return m.finishWrites(store, dir, writes, userBytes, (long) keys * RECORD);
    }

    // ------------------------------------------------------------------ helpers

    /** Key and value bytes of one entry. */
    static final long RECORD = Dataset.KEY_BYTES + Dataset.VALUE_BYTES;

    /** Operations done since the progress bar last moved. */
    private int unreported;

    private void tick(ProgressBar bar) {
        if (++unreported == PROGRESS_CHUNK) {
            bar.stepBy(PROGRESS_CHUNK);
            unreported = 0;
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Counters and clocks at the start of a phase. */
    private record Meter(StoreCounters counters, long processWrites, long startNanos) {

        static Meter start(CompareStore store) {
            StoreCounters c = store.counters();
            long w = DiskUsage.processWriteBytes();
            return new Meter(c, w, System.nanoTime());
        }

        Phase finishWrites(CompareStore store, Path dir, long ops, long userBytes, long liveBytes) {
            long opsDone = System.nanoTime();
            store.settle();
            long settled = System.nanoTime();
            long w = DiskUsage.processWriteBytes();
            StoreCounters c = store.counters().minus(counters);
            return new Phase(ops, opsDone - startNanos, ops, userBytes, c, processWrites < 0 || w < 0 ? -1 : w - processWrites,
                    settled - opsDone, DiskUsage.directoryBytes(dir), DiskUsage.logBytes(dir), liveBytes, store.shape());
        }

        Phase finishReads(CompareStore store, long ops, long rows, long liveBytes) {
            long done = System.nanoTime();
            long w = DiskUsage.processWriteBytes();
            StoreCounters c = store.counters().minus(counters);
            return new Phase(ops, done - startNanos, rows, 0, c, processWrites < 0 || w < 0 ? -1 : w - processWrites, 0, -1,
                    -1, liveBytes, store.shape());
        }
    }
}
