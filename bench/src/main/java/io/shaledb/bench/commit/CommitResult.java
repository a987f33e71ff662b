package io.shaledb.bench.commit;

import org.HdrHistogram.Histogram;

/**
 * What one commit-throughput measurement saw.
 *
 * @param target what was committed, e.g. {@code "shaledb-btree put (WAL SYNC)"}
 * @param committers concurrent committing threads
 * @param commits commits acknowledged inside the measured window
 * @param seconds length of the measured window
 * @param latencyMicros per-commit latency, microseconds, all threads merged
 */
public record CommitResult(String target, int committers, long commits, double seconds, Histogram latencyMicros) {

    /** Latencies up to an hour at 3 significant digits. */
    static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    public double perSecond() {
        return seconds <= 0 ? 0 : commits / seconds;
    }

    public double p50Micros() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(50);
    }

    public double p99Micros() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(99);
    }
}
