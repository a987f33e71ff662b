/**
 * The Hermitage isolation suite: ShaleDB's isolation levels checked against PostgreSQL 15's real
 * behaviour, anomaly by anomaly.
 *
 * <p>Each scenario of src/test/resources/hermitage is a multi-session script (see
 * {@link io.shaledb.testkit.multisession}) run at all four levels. PostgreSQL is the
 * specification: its transcripts are recorded once and re-checked on every build, ShaleDB must
 * reproduce them, and the table in docs/isolation.md is derived from the verdicts both produce.
 *
 * <pre>
 *                         g1a.sql  (steps + "anomaly if ..." rules)
 *                            │
 *        ┌───────────────────┼──────────────────────────────┐
 *        ▼                   ▼                              ▼
 *   HermitagePostgresTest   HermitageTest                 IsolationDocTest
 *   real PostgreSQL 15      ShaleDB in-process,           no server: every
 *   (PostgresPeer)          B+Tree and LSM, 4 levels      .out re-judged from
 *        │                   │                            its own answers
 *        ▼                   ▼                              │
 *   g1a.{rc,rr,ser}.out ◀── must equal ──┐                  │
 *   g1a.read-uncommitted.out (by hand) ◀─┘                  │
 *        │                   │                              │
 *        └──── verdicts ─────┴──▶ docs/isolation.md ◀───────┘
 * </pre>
 *
 * Levels run in parallel (a server or database each), because the runs spend most of their time
 * waiting to see whether a step is blocked.
 */
package io.shaledb.server.hermitage;
