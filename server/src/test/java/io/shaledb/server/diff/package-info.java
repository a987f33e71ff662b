/**
 * Differential testing against PostgreSQL 15: the same random tables and random queries go to a
 * throwaway real PostgreSQL (testkit's PostgresPeer) and to ShaleDB, and the answers must agree.
 *
 * <p>Where sqllogictest checks a fixed corpus, this explores: every run of the {@code diff}
 * profile draws a new seed, so over time it covers combinations no one wrote down. It never needs
 * expected results, because PostgreSQL is the oracle. A difference is shrunk (drop LIMIT, ORDER BY,
 * DISTINCT, HAVING, a WHERE branch, a select item, while the difference persists) and printed with
 * its seed and the tables, so it can be replayed and turned into a golden test.
 *
 * <pre>
 *   DiffSchema.random(seed) ─┬─▶ CREATE/INSERT ─▶ PostgreSQL 15
 *                            └─▶ CREATE/INSERT ─▶ ShaleDB
 *   QueryGenerator(seed, features) ─▶ DiffQuery ─▶ both ─▶ Answer (rows | SQLSTATE) ─▶ agree?
 *                                                               └─ no ─▶ DiffQuery.shrinks() ...
 * </pre>
 *
 * Optional language (joins, subqueries, avg, the types beyond the first five, functions and casts,
 * set operations and CTEs) is generated only when its
 * {@link io.shaledb.server.diff.QueryGenerator.Feature} is switched on ({@code diff.features} in
 * the server pom), so the default build checks what exists and features are switched on as they
 * land.
 */
package io.shaledb.server.diff;
