/**
 * Binding and execution: from syntax trees to rows.
 *
 * <pre>
 *   Statement ──Binder──> Bound (typed tree: Slot, Const, Arith, Compare, And, Convert, ...)
 *
 *   SELECT:  TableScan ─WHERE─> [Grouping: keys | aggregates ─HAVING─>] project
 *                               ─> [DISTINCT] ─> [sort] ─> OFFSET/LIMIT ─> ResultSink
 *   INSERT/UPDATE/DELETE:  bind all ─> read + check every row ─> one WriteBatch ─> engine.apply
 *                          [─> RETURNING rows (Returning), sent once the statement succeeded]
 *   INSERT ... ON CONFLICT:  per row Transaction.insertOrLock ─> inserted | conflict ─> DO NOTHING
 *                            | DO UPDATE SET over (row, EXCLUDED)                      (UpsertExecutor)
 *   COPY:  CopyIn chunks ─> records ─> fields ─> input functions ─> insert row by row   (CopyExecutor)
 *          SELECT rows ─> output functions ─> formatted lines ─> CopyOut
 * </pre>
 *
 * <p>The {@link io.shaledb.sql.exec.Binder} does PostgreSQL's operator and type resolution in
 * miniature: untyped literals take the type of the other operand (and fail with 22P02 pointing
 * at the literal), integers widen to bigint and double precision, assignments use assignment
 * casts, and every error names the position of the token it is about. A bound tree evaluates
 * with no lookups. A statement's writes collect in one batch applied at its end: a failing
 * statement writes nothing. Statements are serialized by a database-wide read-write lock
 * (SELECTs share it); row-level MVCC from the txn module will replace that.
 *
 * <p>{@link io.shaledb.sql.exec.SessionSettings} holds a session's run-time parameters with
 * PostgreSQL's parsing and SHOW formatting ({@link io.shaledb.sql.exec.SettingValues}: booleans,
 * enums, durations such as {@code '1.5s'} shown as {@code 1500ms}), the transaction
 * characteristics ({@code transaction_isolation} and friends, with PostgreSQL's 25001 checks) and
 * the timeouts the transaction layer obeys. {@link io.shaledb.sql.exec.LockingAnalysis} and
 * {@link io.shaledb.sql.exec.VacuumOptions} hold the analysis-time checks of
 * {@code SELECT ... FOR UPDATE} and {@code VACUUM}, placed where PostgreSQL makes them so that a
 * statement with several mistakes reports the same one first.
 *
 * <p>{@link io.shaledb.sql.exec.CopyExecutor}, {@link io.shaledb.sql.exec.Returning} and {@link
 * io.shaledb.sql.exec.UpsertExecutor} hold COPY, RETURNING and ON CONFLICT outside the
 * {@link io.shaledb.sql.exec.Executor}, which only dispatches to them.
 */
package io.shaledb.sql.exec;
