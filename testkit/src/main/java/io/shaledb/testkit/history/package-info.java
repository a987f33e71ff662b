/**
 * A transaction-history checker: proof, from what clients saw, that a database's transactions were
 * serializable or snapshot-isolated.
 *
 * <p><b>The workload.</b> Every key holds a list. A transaction is a few micro-operations:
 * {@code append(k, e)} adds an element, unique in the whole history, to the end of k's list;
 * {@code read(k)} returns k's whole list; a range read returns the lists of several keys. Because
 * appends never overwrite, a single read reveals the order of every write to that key before it,
 * and because elements are unique, every element names the transaction that wrote it. That makes
 * the dependencies between transactions recoverable from the history alone (the "list-append"
 * idea of Kingsbury and Alvaro's Elle, implemented here from Adya's definitions).
 *
 * <p><b>The inference.</b>
 * <pre>
 *   history ──▶ VersionOrders   each key's order = its longest observed list (or the final state);
 *   │                           every other read must be a prefix of it, or: incompatible-order,
 *   │                           lost-write; unknown elements: garbage
 *   ├──────▶ ReadChecks      G1a (saw an aborted append), G1b (saw a non-final append),
 *   │                           internal (a read ignoring the transaction's own earlier reads/appends),
 *   │                           incomplete-range
 *   └──────▶ DependencyGraph  per key, from the version order:
 *                                ww  Ti appended e, Tj appended the next element
 *                                wr  Tj read a list whose last element Ti appended
 *                                rw  Ti read a list, Tj appended the element right after its end
 *                  │
 *                  ▼
 *            CycleFinder      Tarjan SCCs; in each, shortest cycles (BFS) by kind:
 *                                G0 ww only · G1c ww+wr · G-single one rw ·
 *                                G-nonadjacent rw edges never adjacent · G2-item adjacent rw edges
 * </pre>
 *
 * <p><b>The verdicts.</b> {@link io.shaledb.testkit.history.HistoryChecker#checkSerializable}
 * fails on any anomaly, that is on any cycle at all. {@link
 * io.shaledb.testkit.history.HistoryChecker#checkSnapshotIsolation} fails on every anomaly except
 * cycles with two adjacent rw edges (write skew): snapshot isolation forbids exactly the cycles
 * without adjacent anti-dependencies (Adya's PL-SI, as characterised by Cerone and Gotsman).
 *
 * <p><b>Outcomes.</b> Committed transactions are nodes of the graph. Aborted ones are not, and
 * seeing their elements is G1a. A transaction whose COMMIT went unanswered (the connection broke)
 * joins the graph only if some read saw one of its elements; its own reads are never trusted, and
 * neither are those of aborted transactions (PostgreSQL's SSI may show a transaction that is about
 * to abort a non-serializable state).
 *
 * <p><b>Limits.</b> Only observed elements are ordered: the workload reads every key after the run
 * ({@link io.shaledb.testkit.history.History#finalState()}) so every committed append is observed
 * and a missing one is a lost write. Real-time order is not checked (no strict serializability). A
 * key whose reads disagree on its order is reported and left out of the graph.
 * {@link io.shaledb.testkit.history.ListAppendWorkload} produces histories from a live server over
 * pgjdbc.
 */
package io.shaledb.testkit.history;
