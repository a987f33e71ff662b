/**
 * Progress of long-running commands, as PostgreSQL's {@code pg_stat_progress_*} views show it.
 *
 * <p>A command that may run for a while (today: CREATE INDEX, concurrently or not) registers an
 * {@link io.shaledb.sql.exec.progress.IndexBuildProgress} when it starts and removes it when it
 * ends, however it ends. The command's own thread is the only writer of the entry's counters; a
 * query of the view, on another session's thread, reads them without locks (each counter is a
 * volatile field, so a reader sees a recent value of each, not a consistent cut across them —
 * the same guarantee PostgreSQL's progress counters give).
 *
 * <pre>
 *   CREATE INDEX session                     any session
 *   ───────────────────                      ───────────
 *   registry.start(...) ──► entry ◄────────── SELECT * FROM pg_stat_progress_create_index
 *   entry.phase("building index: scanning table")
 *   entry.tuplesDone(n) ...   (volatile writes)
 *   registry.finish(entry)     (also on error / cancel)
 * </pre>
 *
 * <p>The entry also writes the command's log lines: one when it starts, an INFO line with the
 * counters every few seconds while it scans, and a final one with the row count and elapsed time.
 */
package io.shaledb.sql.exec.progress;
