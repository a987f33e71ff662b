/**
 * Binding and execution: from syntax trees to rows.
 *
 * <pre>
 *   Statement ──Binder──> Bound (typed tree: Slot, Const, Arith, Compare, And, Convert, ...)
 *
 *   SELECT:  TableScan ─WHERE─> [Grouping: keys | aggregates ─HAVING─>] project
 *                               ─> [DISTINCT] ─> [sort] ─> OFFSET/LIMIT ─> ResultSink
 *   INSERT/UPDATE/DELETE:  bind all ─> read + check every row ─> one WriteBatch ─> engine.apply
 * </pre>
 *
 * <p>The {@link io.shaledb.sql.exec.Binder} does PostgreSQL's operator and type resolution in
 * miniature: untyped literals take the type of the other operand (and fail with 22P02 pointing
 * at the literal), {@link io.shaledb.sql.exec.Operators} picks arithmetic and comparison operators
 * from PostgreSQL's catalogue (int + numeric is numeric, timestamp - timestamp is interval),
 * {@link io.shaledb.sql.exec.Functions} resolves calls against the registered overloads of the
 * string, math and date/time families ({@link io.shaledb.sql.exec.Patterns} for LIKE and regex),
 * assignments use assignment casts, and every error names the position of the token it is about.
 *
 * <pre>
 *   f(args) ──Functions.bind──> overloads by name ──score (exact, implicit, preferred)──> Bound.Call
 *   a op b  ──Operators.arithmetic / common──> convert operands ──> Bound.Operator / Compare
 * </pre>
 *
 * <p> A bound tree evaluates
 * with no lookups. A statement's writes collect in one batch applied at its end: a failing
 * statement writes nothing. Statements are serialized by a database-wide read-write lock
 * (SELECTs share it); row-level MVCC from the txn module will replace that.
 *
 * <p>DDL runs in the session's transaction through {@link io.shaledb.sql.exec.DdlExecutor}, which
 * computes new definitions and hands them to the transactional catalog; column defaults are kept
 * as SQL text and bound per statement ({@link io.shaledb.sql.exec.ColumnDefaults}), sequences'
 * per-session {@code currval}/{@code lastval} live in {@link io.shaledb.sql.exec.SessionSequences},
 * and {@link io.shaledb.sql.exec.UniqueChecks} enforces UNIQUE indexes by scanning until issue 7
 * maintains index data.
 *
 * <p>{@link io.shaledb.sql.exec.SessionSettings} holds a session's run-time parameters with
 * PostgreSQL's parsing and SHOW formatting ({@link io.shaledb.sql.exec.SettingValues}: booleans,
 * enums, durations such as {@code '1.5s'} shown as {@code 1500ms}), the transaction
 * characteristics ({@code transaction_isolation} and friends, with PostgreSQL's 25001 checks) and
 * the timeouts the transaction layer obeys. {@link io.shaledb.sql.exec.LockingAnalysis} and
 * {@link io.shaledb.sql.exec.VacuumOptions} hold the analysis-time checks of
 * {@code SELECT ... FOR UPDATE} and {@code VACUUM}, placed where PostgreSQL makes them so that a
 * statement with several mistakes reports the same one first.
 */
package io.shaledb.sql.exec;
