/**
 * Our sqllogictest runner: SQLite's public corpus of SQL correctness tests (shipped by the test
 * dependency {@code net.hydromatic:sql-logic-test}, whose runner we do not use), executed over the
 * PostgreSQL protocol with pgjdbc against a real PostgreSQL 15 (to validate the runner) and
 * against ShaleDB (the proof of issue 6).
 *
 * <pre>
 *   test/select1.test ─▶ SltParser ─▶ SltRecord (statement | query | hash-threshold | halt)
 *                                          │        skipif/onlyif: we answer to "postgresql"
 *                                          ▼
 *   SltTarget.open(file) ─ fresh database ─▶ SltRunner ─ pgjdbc ─▶ PostgreSQL 15 | ShaleDB
 *                                          │   SltValues: NULL, (empty), I truncates, R "%.3f",
 *                                          │   rowsort/valuesort, "N values hashing to md5"
 *                                          ▼
 *                                     SltOutcome (passed, failed, skipped, failures)
 *                                          ▼
 *        SltReport: per-file table + triage by cause ─▶ target/slt/*.md, docs/compatibility.md
 *        SltBaseline: ShaleDB's per-file floor (src/test/resources/slt-baseline.properties)
 * </pre>
 *
 * <p>A failing record never stops a file: it is counted with its file, line, SQL and expected
 * versus actual values (or the error), and the next record runs, so one missing feature costs
 * only the records that use it. Every file runs on an empty database of its own: a new database
 * in the PostgreSQL cluster, a new in-process server on a temporary data directory for ShaleDB.
 *
 * <p>Entry points: {@link io.shaledb.server.slt.SltPostgresTest} (every record must pass),
 * {@link io.shaledb.server.slt.SltShaleDbTest} (no file below its baseline), both one dynamic
 * test per file over {@code -Dslt.files} (the default build's slice, or {@code required} in the
 * {@code slt} profile), and {@link io.shaledb.server.slt.SltMain} for arbitrary files.
 */
package io.shaledb.server.slt;
