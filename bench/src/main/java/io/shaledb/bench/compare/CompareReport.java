package io.shaledb.bench.compare;

import io.shaledb.bench.MarkdownTable;
import io.shaledb.bench.compare.CompareSuite.Phase;
import io.shaledb.bench.compare.CompareSuite.Results;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The markdown of a {@link CompareSuite} run: the B-Tree vs LSM table, the targets, the details and the settings. */
public final class CompareReport {

    static final String BTREE = "shaledb-btree";
    static final String LSM = "shaledb-lsm";
    static final String ROCKSDB = "rocksdb";

    /** The targets, as ratios LSM ÷ RocksDB. */
    static final double MIN_THROUGHPUT_RATIO = 0.8;
    static final double MAX_WRITE_AMP_RATIO = 1.5;

    private CompareReport() {}

    /** The whole section, starting with a level-2 heading. */
    public static String render(Results r) {
        StringBuilder sb = new StringBuilder();
        CompareSuite.Config c = r.config();
        CompareSettings s = c.settings();
        sb.append("## B-Tree vs LSM (and RocksDB)\n\n");
        sb.append(String.format(Locale.ROOT,
                "Main data set %,d keys (%,d MB of keys and values), sequential put %,d keys, %,d gets of each kind, "
                        + "%,d scans, %,d churn writes, %,d-key warm-up per store; %d-byte keys, %d-byte values, seed %d. "
                        + "Cache %s, memtable %s, L1 %s, SSTable %s, WAL sync %s. Run took %.0f s.%n%n",
                c.keys(), c.keys() * CompareSuite.RECORD / 1_000_000, c.sequentialKeys(), c.gets(), c.scans(),
                c.churnWrites(), c.warmupKeys(), io.shaledb.bench.engine.Dataset.KEY_BYTES,
                io.shaledb.bench.engine.Dataset.VALUE_BYTES, c.seed(), mib(s.cacheBytes()), mib(s.memtableBytes()),
                mib(s.level1Bytes()), mib(s.targetFileBytes()), s.syncMode(), r.seconds()));
        sb.append(mainTable(r)).append('\n');
        sb.append("Throughput: operations per second of one thread (higher is better), the operations alone; the "
                + "\"settle timed too\" rows add the time the store then took to pay its deferred work (B+Tree checkpoint, "
                + "LSM flush and due compactions). Amplifications: lower is better. Write amplification = bytes "
                + "the engine wrote (WAL + data pages, or WAL + flush + compaction output; settle included) ÷ key and "
                + "value bytes the workload wrote; the kernel's figure is `/proc/self/io` `write_bytes` over the same "
                + "span, the same method for all three. Space amplification = bytes of the store's files ÷ key and value "
                + "bytes of the live data, after the settle. Read amplification: files consulted and pages/blocks "
                + "touched per get, from each engine's counters.\n\n");
        sb.append(targetsTable(r)).append('\n');
        sb.append(detailTable(r)).append('\n');
        for (Map.Entry<String, Map<CompareWorkload, Phase>> e : r.phases().entrySet()) {
            Phase load = e.getValue().get(CompareWorkload.RANDOM_PUT);
            Phase churn = e.getValue().get(CompareWorkload.CHURN);
            sb.append("- ").append(e.getKey()).append(" after the load: ").append(load.shape())
                    .append("; after the churn: ").append(churn.shape()).append('\n');
        }
        for (Map.Entry<String, String> f : r.failures().entrySet()) {
            sb.append("- **").append(f.getKey()).append(" did not run**: ").append(f.getValue()).append('\n');
        }
        sb.append('\n').append(settingsTable(s)).append('\n');
        return sb.toString();
    }

    // ------------------------------------------------------------------ tables

    static String mainTable(Results r) {
        MarkdownTable t = new MarkdownTable("", BTREE, LSM, ROCKSDB, "lsm ÷ btree", "lsm ÷ rocksdb");
        section(t, "**write performance**, ops/s");
        metric(t, r, "random put (load)", CompareWorkload.RANDOM_PUT, Phase::opsPerSecond, Fmt.COUNT);
        metric(t, r, "sequential put", CompareWorkload.SEQUENTIAL_PUT, Phase::opsPerSecond, Fmt.COUNT);
        metric(t, r, "update churn", CompareWorkload.CHURN, Phase::opsPerSecond, Fmt.COUNT);
        metric(t, r, "random put, settle timed too", CompareWorkload.RANDOM_PUT, Phase::sustainedOpsPerSecond, Fmt.COUNT);
        metric(t, r, "sequential put, settle timed too", CompareWorkload.SEQUENTIAL_PUT, Phase::sustainedOpsPerSecond, Fmt.COUNT);
        metric(t, r, "update churn, settle timed too", CompareWorkload.CHURN, Phase::sustainedOpsPerSecond, Fmt.COUNT);
        section(t, "**read performance**, ops/s");
        metric(t, r, "point get, hit", CompareWorkload.GET_HIT, Phase::opsPerSecond, Fmt.COUNT);
        metric(t, r, "point get, miss", CompareWorkload.GET_MISS, Phase::opsPerSecond, Fmt.COUNT);
        metric(t, r, "range scan, 10-100 rows", CompareWorkload.SCAN, Phase::opsPerSecond, Fmt.COUNT);
        section(t, "**space amplification**, disk ÷ live data");
        metric(t, r, "after random load", CompareWorkload.RANDOM_PUT, Phase::spaceAmplification, Fmt.AMP);
        metric(t, r, "after update churn", CompareWorkload.CHURN, Phase::spaceAmplification, Fmt.AMP);
        metric(t, r, "after sequential put", CompareWorkload.SEQUENTIAL_PUT, Phase::spaceAmplification, Fmt.AMP);
        metric(t, r, "after random load, WAL left out", CompareWorkload.RANDOM_PUT, Phase::tableSpaceAmplification, Fmt.AMP);
        metric(t, r, "after update churn, WAL left out", CompareWorkload.CHURN, Phase::tableSpaceAmplification, Fmt.AMP);
        section(t, "**write amplification** (engine counters)");
        metric(t, r, "random put (load)", CompareWorkload.RANDOM_PUT, Phase::writeAmplification, Fmt.AMP);
        metric(t, r, "sequential put", CompareWorkload.SEQUENTIAL_PUT, Phase::writeAmplification, Fmt.AMP);
        metric(t, r, "update churn", CompareWorkload.CHURN, Phase::writeAmplification, Fmt.AMP);
        section(t, "**write amplification** (kernel `write_bytes`)");
        metric(t, r, "random put (load)", CompareWorkload.RANDOM_PUT, Phase::processWriteAmplification, Fmt.AMP);
        metric(t, r, "sequential put", CompareWorkload.SEQUENTIAL_PUT, Phase::processWriteAmplification, Fmt.AMP);
        metric(t, r, "update churn", CompareWorkload.CHURN, Phase::processWriteAmplification, Fmt.AMP);
        section(t, "**read amplification**, per get");
        metric(t, r, "files consulted, hit", CompareWorkload.GET_HIT, Phase::tablesPerOp, Fmt.AMP);
        metric(t, r, "files consulted, miss", CompareWorkload.GET_MISS, Phase::tablesPerOp, Fmt.AMP);
        metric(t, r, "pages/blocks touched, hit", CompareWorkload.GET_HIT, Phase::blocksPerOp, Fmt.AMP);
        metric(t, r, "pages/blocks touched, miss", CompareWorkload.GET_MISS, Phase::blocksPerOp, Fmt.AMP);
        metric(t, r, "of them not cached, hit", CompareWorkload.GET_HIT, Phase::blocksMissedPerOp, Fmt.AMP);
        return t.render();
    }

    static String targetsTable(Results r) {
        MarkdownTable t = new MarkdownTable("target (issue)", LSM, ROCKSDB, "lsm ÷ rocksdb", "goal", "verdict");
        target(t, r, "random put, ops/s", CompareWorkload.RANDOM_PUT, Phase::opsPerSecond, Fmt.COUNT, true);
        target(t, r, "random put, ops/s, settle timed too", CompareWorkload.RANDOM_PUT, Phase::sustainedOpsPerSecond, Fmt.COUNT, true);
        target(t, r, "point get (hit), ops/s", CompareWorkload.GET_HIT, Phase::opsPerSecond, Fmt.COUNT, true);
        target(t, r, "write amplification, random put", CompareWorkload.RANDOM_PUT, Phase::writeAmplification, Fmt.AMP, false);
        target(t, r, "write amplification, update churn", CompareWorkload.CHURN, Phase::writeAmplification, Fmt.AMP, false);
        target(t, r, "write amplification, sequential put", CompareWorkload.SEQUENTIAL_PUT, Phase::writeAmplification, Fmt.AMP, false);
        return t.render();
    }

    static String detailTable(Results r) {
        MarkdownTable t = new MarkdownTable("store: workload", "ops", "s", "ops/s", "user MB", "WAL MB",
                "tables MB", "kernel MB", "settle s", "disk MB", "of it WAL");
        for (Map.Entry<String, Map<CompareWorkload, Phase>> e : r.phases().entrySet()) {
            for (Map.Entry<CompareWorkload, Phase> w : e.getValue().entrySet()) {
                Phase p = w.getValue();
                boolean writes = w.getKey().writes();
                t.row(e.getKey() + ": " + w.getKey().title(), MarkdownTable.count(p.ops()), secs(p.nanos()),
                        MarkdownTable.count(p.opsPerSecond()), writes ? mb(p.userBytes()) : "",
                        writes ? mb(p.counters().logBytes()) : "", writes ? mb(p.counters().tableBytes()) : "",
                        p.processWriteBytes() < 0 ? "n/a" : mb(p.processWriteBytes()),
                        writes ? secs(p.settleNanos()) : "", p.diskBytes() < 0 ? "" : mb(p.diskBytes()),
                        p.logDiskBytes() < 0 ? "" : mb(p.logDiskBytes()));
            }
        }
        return t.render();
    }

    static String settingsTable(CompareSettings s) {
        MarkdownTable t = MarkdownTable.text("setting", BTREE, LSM, ROCKSDB);
        String sync = s.durable() ? "every write synced" : "no sync per write; log synced every "
                + CompareSettings.BACKGROUND_SYNC_MILLIS + " ms in the background";
        t.row("WAL", "on, SyncMode." + s.syncMode() + ": " + sync, "on, SyncMode." + s.syncMode() + ": " + sync,
                "on, `WriteOptions.sync=" + s.durable() + "`" + (s.durable() ? "" : ", `flushWal(true)` every "
                        + CompareSettings.BACKGROUND_SYNC_MILLIS + " ms by a bench thread"));
        t.row("cache", mib(s.cacheBytes()) + " buffer pool", mib(s.cacheBytes()) + " block cache",
                mib(s.cacheBytes()) + " LRU block cache (index and filter blocks outside it, as ours)");
        t.row("memtable", "-", mib(s.memtableBytes()) + ", up to " + CompareSettings.MAX_IMMUTABLE_MEMTABLES + " frozen",
                "`write_buffer_size` " + mib(s.memtableBytes()) + ", `max_write_buffer_number` "
                        + (CompareSettings.MAX_IMMUTABLE_MEMTABLES + 1));
        t.row("layout", "8 KiB pages", CompareSettings.BLOCK_BYTES + " B blocks, restart interval "
                + CompareSettings.BLOCK_RESTART_INTERVAL + ", LZ4", "block-based table, " + CompareSettings.BLOCK_BYTES
                + " B blocks, restart interval " + CompareSettings.BLOCK_RESTART_INTERVAL + ", LZ4 on every level");
        t.row("bloom filter", "-", CompareSettings.BLOOM_BITS_PER_KEY + " bits/key",
                "full filter, " + CompareSettings.BLOOM_BITS_PER_KEY + " bits/key, whole-key");
        t.row("compaction", "- (checkpoint every 64 MiB of WAL)", "leveled, L1 " + mib(s.level1Bytes()) + " ×"
                + CompareSettings.LEVEL_MULTIPLIER + ", " + CompareSettings.LEVELS + " levels, files "
                + mib(s.targetFileBytes()) + ", L0 " + CompareSettings.L0_COMPACTION + "/" + CompareSettings.L0_SLOWDOWN
                + "/" + CompareSettings.L0_STOP + ", 1 flush + 1 compaction thread",
                "leveled, static level sizes (`level_compaction_dynamic_level_bytes=false`), L1 " + mib(s.level1Bytes())
                        + " ×" + CompareSettings.LEVEL_MULTIPLIER + ", " + CompareSettings.LEVELS + " levels, files "
                        + mib(s.targetFileBytes()) + ", L0 " + CompareSettings.L0_COMPACTION + "/"
                        + CompareSettings.L0_SLOWDOWN + "/" + CompareSettings.L0_STOP
                        + ", `max_background_jobs=2` (1 flush + 1 compaction), default `compaction_pri`");
        t.row("settle (after writes)", "`checkpoint()`", "`flushMemtable()` + `awaitBackgroundIdle()`",
                "`flush(wait)` + wait for no pending/running flush or compaction");
        t.row("write amp. counters", "`BTreeStats` data + log bytes", "`LsmStats` WAL + flush + compaction bytes",
                "tickers `rocksdb.wal.bytes` + `rocksdb.flush.write.bytes` + `rocksdb.compact.write.bytes`");
        t.row("read amp. counters", "buffer pool hits + misses (pages per get); misses",
                "`LsmStats` table probes, block reads, block-cache misses",
                "bloom checks (`bloom.filter.useful` + `bloom.filter.full.positive`), `block.cache.data.hit` + `.miss`; miss");
        return t.render();
    }

    // ------------------------------------------------------------------ helpers

    private enum Fmt {
        COUNT, AMP;

        String format(double v) {
            if (Double.isNaN(v)) {
                return "n/a";
            }
            return this == COUNT ? MarkdownTable.count(v) : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    private static void section(MarkdownTable t, String title) {
        t.row(title, "", "", "", "", "");
    }

    private static void metric(MarkdownTable t, Results r, String name, CompareWorkload w, ToDoubleFunction<Phase> f,
            Fmt fmt) {
        double b = value(r, BTREE, w, f);
        double l = value(r, LSM, w, f);
        double k = value(r, ROCKSDB, w, f);
        t.row(name, fmt.format(b), fmt.format(l), fmt.format(k), MarkdownTable.ratio(l / b), MarkdownTable.ratio(l / k));
    }

    private static void target(MarkdownTable t, Results r, String name, CompareWorkload w, ToDoubleFunction<Phase> f,
            Fmt fmt, boolean higherIsBetter) {
        double l = value(r, LSM, w, f);
        double k = value(r, ROCKSDB, w, f);
        double ratio = l / k;
        String goal = higherIsBetter ? String.format(Locale.ROOT, "≥ %.2f×", MIN_THROUGHPUT_RATIO)
                : String.format(Locale.ROOT, "≤ %.2f×", MAX_WRITE_AMP_RATIO);
        String verdict = Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a"
                : (higherIsBetter ? ratio >= MIN_THROUGHPUT_RATIO : ratio <= MAX_WRITE_AMP_RATIO) ? "met" : "**missed**";
        t.row(name, fmt.format(l), fmt.format(k), MarkdownTable.ratio(ratio), goal, verdict);
    }

    /** The value of {@code f} for one store and workload, NaN if the store did not run. */
    static double value(Results r, String store, CompareWorkload w, ToDoubleFunction<Phase> f) {
        Map<CompareWorkload, Phase> m = r.phases().get(store);
        Phase p = m == null ? null : m.get(w);
        return p == null ? Double.NaN : f.applyAsDouble(p);
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
