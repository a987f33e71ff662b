/**
 * The kv command micro-benchmark: what one Redis command costs below the protocol layer, measured
 * in-process so that the network, the decoder and the client do not blur it.
 *
 * <p>redis-benchmark without {@code -r} sends every command of a test to one key, from 50
 * connections; the server runs them one at a time (unpipelined) or in runs of up to 64 per core
 * transaction (pipelined, resp's PipelineBatch). {@link io.shaledb.bench.kv.KvCommandBench}
 * reproduces both shapes against a {@link io.shaledb.kv.KvStore} on the B+Tree engine with
 * {@code appendfsync everysec}:
 *
 * <pre>
 *   alone:  [lock stripe ─ begin ─ snapshot ─ SET ─ commit] [ ... ] [ ... ]        one txn per command
 *   batch:  [lock stripe ─ begin ─ snapshot ─ sp SET ─ sp SET ─ ... x64 ─ commit]  one txn per 64
 * </pre>
 *
 * and reports nanoseconds and bytes allocated per command, on one thread and on two (the server's
 * event loops) hitting the same key. Never part of the build's tests: run it by hand (see
 * docs/benchmarks.md) and compare runs on the same machine only.
 */
package io.shaledb.bench.kv;
