package io.shaledb.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.bench.BenchMain;
import io.shaledb.wal.SyncMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison runs end to end on a tiny data set (a few seconds): every store, every workload,
 * sane counters, a complete report, and nothing left on disk. Not a measurement.
 */
class CompareSuiteSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void everyStoreRunsEveryWorkload() throws Exception {
        // 64 KiB memtables so that even 3,000 keys make flushes and compactions happen in both LSMs.
        CompareSettings settings = new CompareSettings(4L << 20, 64L << 10, 256L << 10, 64L << 10, SyncMode.OFF);
        CompareSuite.Config config = new CompareSuite.Config(List.of("shaledb-btree", "shaledb-lsm", "rocksdb"),
                3_000, 2_000, 2_000, 200, 3_000, 500, settings, tmp, 7, false);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CompareSuite.Results r = new CompareSuite(config, new PrintStream(progress, true)).run();

        assertThat(r.failures()).isEmpty();
        assertThat(r.phases()).containsOnlyKeys("shaledb-btree", "shaledb-lsm", "rocksdb");
        for (var store : r.phases().entrySet()) {
            assertThat(store.getValue()).as(store.getKey()).containsOnlyKeys(CompareWorkload.values());
            for (var w : store.getValue().entrySet()) {
                CompareSuite.Phase p = w.getValue();
                String what = store.getKey() + " " + w.getKey().title();
                assertThat(p.ops()).as(what).isPositive();
                assertThat(p.opsPerSecond()).as(what).isPositive();
                if (w.getKey().writes()) {
                    assertThat(p.counters().logBytes()).as(what + " WAL bytes").isGreaterThanOrEqualTo(p.userBytes());
                    assertThat(p.writeAmplification()).as(what).isGreaterThanOrEqualTo(1.0);
                    assertThat(p.spaceAmplification()).as(what).isGreaterThan(0.5);
                }
            }
            CompareSuite.Phase miss = store.getValue().get(CompareWorkload.GET_MISS);
            CompareSuite.Phase hit = store.getValue().get(CompareWorkload.GET_HIT);
            assertThat(hit.rows()).isEqualTo(hit.ops());
            assertThat(miss.rows()).isZero();
            assertThat(hit.blocksPerOp()).as(store.getKey() + " blocks per hit").isGreaterThanOrEqualTo(1.0);
        }
        // The bloom filters spare the LSMs most data block reads on a miss.
        assertThat(r.phases().get("shaledb-lsm").get(CompareWorkload.GET_MISS).blocksPerOp()).isLessThan(0.5);
        assertThat(r.phases().get("rocksdb").get(CompareWorkload.GET_MISS).blocksPerOp()).isLessThan(0.5);

        String md = CompareReport.render(r);
        assertThat(md).startsWith("## B-Tree vs LSM (and RocksDB)").contains("| random put (load)")
                .contains("| point get, miss").contains("| after update churn").contains("write amplification, random put")
                .contains("| rocksdb: update churn").doesNotContain("did not run");
        assertThat(progress.toString()).contains("compare");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void commandWritesTheSectionToTheOutFile() throws Exception {
        Path out = tmp.resolve("compare.md");
        Path data = Files.createDirectories(tmp.resolve("data"));
        int rc = BenchMain.run("engines", "--dir", data.toString(), "--stores", "shaledb-lsm", "--keys", "500",
                "--sequential-keys", "500", "--gets", "500", "--scans", "50", "--churn-writes", "500",
                "--warmup-keys", "0", "--cache-mb", "4", "--memtable-mb", "1", "--level1-mb", "4", "--sst-mb", "1",
                "--out", out.toString());
        assertThat(rc).isZero();
        assertThat(Files.readString(out)).startsWith("## B-Tree vs LSM (and RocksDB)").contains("| update churn");
        assertThat(data).isEmptyDirectory();
    }
}
