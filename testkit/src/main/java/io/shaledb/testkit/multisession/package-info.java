/**
 * Multi-session golden scripts: several clients, each on its own connection and thread,
 * interleaved step by step, with a transcript that shows who waited for whom.
 *
 * <p>Isolation levels are defined by what concurrent transactions may observe of each other, so
 * testing them needs interleavings, and interleavings that involve locks need a runner that can
 * keep going while one client waits. A script names its sessions; the runner sends each step from
 * the named session's thread and waits a short, fixed time. A step that is still running then is
 * printed as blocked, and the script continues; after each later step the runner gives blocked
 * steps a moment to finish and prints their results where they finished:
 *
 * <pre>
 *   script                               transcript
 *   ─────────────────────────────────    ───────────────────────────────────────────
 *   T1: begin isolation level {level};   T1: begin isolation level repeatable read;
 *   T2: begin isolation level {level};   BEGIN
 *   T1: update test set value = 11 …;    …
 *   T2: update test set value = 11 …;    T2: update test set value = 11 where id = 1;
 *   T1: commit;                          [T2 blocked]
 *                                        T1: commit;
 *                                        COMMIT
 *                                        [T2 unblocked] update test set value = 11 where id = 1;
 *                                        ERROR:  40001: could not serialize access due to concurrent update
 *
 *   T1 ──●────────●──────commit─┐
 *   T2 ────●───────update·······└▶ result        (· · · = blocked; printed where it ended)
 * </pre>
 *
 * <p>Each script also says how to recognise its anomaly from the answers
 * ({@code anomaly if @r shows 1|101}); the verdict is computed from what the server returned and
 * ends the transcript, so a table of anomalies per isolation level is derived from observations,
 * never written by hand. Expected transcripts live beside the scripts, one per variant (isolation
 * level), and {@code -Dgolden.update=true} rewrites them, as in {@link io.shaledb.testkit.golden}.
 */
package io.shaledb.testkit.multisession;
