/**
 * The per-statement floor, in process: a JMH benchmark of {@code SqlSession.execute} for the
 * smallest statements ({@code SELECT 1}, a primary-key lookup, a unique-index lookup) on an
 * in-memory database.
 *
 * <pre>
 *   JMH thread --execute(sql)--> Session: parse -> bind -> plan -> begin txn -> run -> commit
 *                                   |
 *                                   +--> ResultSink (keeps the last row)   no wire, no threads
 * </pre>
 *
 * <p>What {@code bench query}'s {@code round-trip} and lookup rows measure over the PostgreSQL
 * protocol is this plus the protocol round trip; the difference between the two tells how much of
 * the floor is the SQL layer and how much the wire and the thread hand-offs.
 */
package io.shaledb.bench.statement;
