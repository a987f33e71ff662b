package io.shaledb.resp;

import io.shaledb.kv.KvStore;
import io.shaledb.kv.MaxMemoryPolicy;

/**
 * {@code maxmemory} and {@code maxmemory-policy} at the front door, as Redis's processCommand
 * applies them before a command runs:
 *
 * <pre>
 *   maxmemory 0 ─────────────────────────────────────────────> run
 *   used ≤ maxmemory ────────────────────────────────────────> run
 *   used > maxmemory ─> evict per policy ─ under again? ─ yes ─> run
 *                                                      └ no ──> denyoom command (SET, LPUSH ...), any command
 *                                                               queued in MULTI, or EXEC of such a queue:
 *                                                               -OOM command not allowed when used memory > 'maxmemory'.
 *                                                               others (GET, DEL, ...) run
 * </pre>
 *
 * "Used memory" is the kv data's stored size ({@link KvStore#usedBytes}): kept per commit, so the
 * check costs one read of a counter. ShaleDB's data lives on disk, not in RAM, so this is a quota
 * on the data set, which is what a Redis user sets maxmemory for.
 */
final class MemoryLimit {
    static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    private final KvStore store;
    private volatile long maxBytes;
    private volatile MaxMemoryPolicy policy = MaxMemoryPolicy.NOEVICTION;

    MemoryLimit(KvStore store) {
        this.store = store;
    }

    long maxBytes() {
        return maxBytes;
    }

    void maxBytes(long bytes) {
        maxBytes = bytes;
    }

    MaxMemoryPolicy policy() {
        return policy;
    }

    void policy(MaxMemoryPolicy p) {
        policy = p;
    }

    /** Whether the data is over the limit now (pipelined commands then run one by one through {@link #refusal}). */
    boolean over() {
        long max = maxBytes;
        return max != 0 && store.usedBytes() > max;
    }

    /** Evicts if needed; returns the error to reply instead of running {@code cmd}, or null to run it. */
    String refusal(Client c, Command cmd) {
        long max = maxBytes;
        if (max == 0 || store.usedBytes() <= max) {
            return null;
        }
        MaxMemoryPolicy p = policy;
        if (p.evicts() && store.eviction().evictUntil(max, p)) { // noeviction does not queue on the evictor
            return null;
        }
        boolean denyOom = cmd.flags().contains("denyoom") || cmd.name().equals("exec") && c.multi().queuedDenyOom();
        boolean queuing = c.multi().inMulti() && !TransactionCommands.runsInsideMulti(cmd);
        return denyOom || queuing ? OOM : null;
    }
}
