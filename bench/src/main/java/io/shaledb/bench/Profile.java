package io.shaledb.bench;

import java.time.Duration;

/**
 * Preset sizes and durations of a run; every value can still be overridden by its own option.
 *
 * <p>{@link #QUICK} (about 1–2 minutes for {@code all}): 100k keys, JMH 1 × 1 s warm-up and
 * 2 × 1 s measurement per trial, 2 s commit windows, 1 s + 5 s pgbench runs per transaction cell.
 * {@link #FULL} (about 6–10 minutes without {@code txn}): 1M keys, 2 × 2 s warm-up and 5 × 2 s
 * measurement, 5 s commit windows, 5 s + 20 s pgbench runs per transaction cell.
 */
public enum Profile {
    QUICK(100_000, 1, 2, 1, Duration.ofMillis(500), Duration.ofSeconds(2), 1, 5),
    FULL(1_000_000, 2, 5, 2, Duration.ofSeconds(1), Duration.ofSeconds(5), 5, 20);

    final int keys;
    final int warmupIterations;
    final int iterations;
    final int iterationSeconds;
    final Duration commitWarmup;
    final Duration commitDuration;
    /** Warm-up pgbench run before each measured transaction cell, seconds. */
    final int txnWarmupSeconds;
    /** Measured pgbench run of each transaction cell, seconds. */
    final int txnSeconds;

    Profile(int keys, int warmupIterations, int iterations, int iterationSeconds, Duration commitWarmup,
            Duration commitDuration, int txnWarmupSeconds, int txnSeconds) {
        this.keys = keys;
        this.warmupIterations = warmupIterations;
        this.iterations = iterations;
        this.iterationSeconds = iterationSeconds;
        this.commitWarmup = commitWarmup;
        this.commitDuration = commitDuration;
        this.txnWarmupSeconds = txnWarmupSeconds;
        this.txnSeconds = txnSeconds;
    }
}
