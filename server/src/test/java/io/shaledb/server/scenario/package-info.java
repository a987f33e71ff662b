/**
 * Concurrency scenarios checked against PostgreSQL's own transcripts.
 *
 * <pre>
 *   scenario.sql --(level = RC | RR | SER)--> MultiSessionRunner --> ShaleDB ----> transcript == scenario.level.out
 *                                                               \--> PostgreSQL 15 (recorded the .out files)
 * </pre>
 *
 * A scenario is a multi-session script (testkit's {@code SessionScript}); {@link
 * io.shaledb.server.scenario.IsolationScenarioSuite} runs every scenario of a subclass at the three
 * isolation levels that differ in PostgreSQL, on an in-process ShaleDB server and, when one is
 * installed, on a throwaway PostgreSQL 15, so the expected files are the peer's behaviour, not ours.
 */
package io.shaledb.server.scenario;
