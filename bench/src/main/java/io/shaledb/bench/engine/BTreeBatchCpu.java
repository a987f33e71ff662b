package io.shaledb.bench.engine;

import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link BTreeBatchBenchmark} workloads measured as CPU time of the applying thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()} around each {@code apply}), which other
 * processes on a shared machine disturb far less than wall-clock throughput. Each round runs the
 * finger on, then off, on a fresh engine: {@code warm} batches unmeasured, then {@code measured}
 * batches. Prints nanoseconds of CPU per row per run and the median per setting.
 *
 * <p>{@code java -cp bench/target/shale-bench.jar io.shaledb.bench.engine.BTreeBatchCpu PATTERN ROUNDS WARM MEASURED [DIR]}
 */
public final class BTreeBatchCpu {

    private BTreeBatchCpu() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: BTreeBatchCpu ascending|descending|random ROUNDS WARM_BATCHES MEASURED_BATCHES [DIR]");
            System.exit(2);
        }
        String pattern = args[0];
        int rounds = Integer.parseInt(args[1]);
        int warm = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);
        String parent = args.length > 4 ? args[4] : "";
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean finger : new boolean[] {true, false}) {
                Path dir = BTreeBatchBenchmark.freshDirectory(parent);
                try (BTreeEngine engine = BTreeBatchBenchmark.openEngine(dir, finger)) {
                    BatchWorkload workload = new BatchWorkload(pattern);
                    workload.load(engine);
                    long hitsBefore = engine.stats().batchFingerHits();
                    long descentsBefore = engine.stats().batchDescents();
                    long cpu = 0;
                    for (int b = 0; b < warm + measured; b++) {
                        var batch = workload.nextBatch();
                        long t0 = mx.getCurrentThreadCpuTime();
                        engine.apply(batch);
                        long t1 = mx.getCurrentThreadCpuTime();
                        if (b >= warm) {
                            cpu += t1 - t0;
                        }
                    }
                    double perRow = (double) cpu / measured / BatchWorkload.BATCH;
                    (finger ? on : off).add(perRow);
                    BTreeStats s = engine.stats();
                    System.out.printf("round %d %s finger %-5s %7.0f ns CPU per row   (%d ops skipped the descent, %d descended)%n",
                            round, pattern, finger, perRow, s.batchFingerHits() - hitsBefore, s.batchDescents() - descentsBefore);
                } finally {
                    EngineBenchmark.deleteTree(dir);
                }
            }
        }
        System.out.printf("%s: finger on median %.0f ns/row, off median %.0f ns/row, on / off %.2f%n",
                pattern, median(on), median(off), median(on) / median(off));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
