/**
 * Binding and execution: from syntax trees to rows.
 *
 * <pre>
 *   Statement ──Binder──> Bound (typed tree: Slot, Const, Arith, Compare, And, Convert, ...)
 *
 *   queries:  QueryPlanner ──> Operator tree (exec.op) ──open/next/close──> ResultSink
 *             FROM: Namespace + join tree ─> joins ordered greedily, hash joins on equalities
 *             SELECT: [Aggregate ─HAVING─>] [Window] project ─> [DISTINCT] ─> [sort] ─> [DISTINCT ON] ─> LIMIT
 *   SELECT ... FOR UPDATE of one table: SelectExecutor (locks rows while it scans)
 *   INSERT/UPDATE/DELETE:  bind all ─> read + check every row ─> write versions
 *                          [─> RETURNING rows (Returning), sent once the statement succeeded]
 *   INSERT ... query:  plan query ─> drain it ─> assignment casts + defaults ─> insert   (InsertSelect)
 *   UPDATE ... FROM / DELETE ... USING:  target rows + FROM items ─> join ─> first row per
 *                          target row ─> lock (READ COMMITTED re-check) ─> write          (JoinedDml)
 *   INSERT ... ON CONFLICT:  per row Transaction.insertOrLock ─> inserted | conflict ─> DO NOTHING
 *                            | DO UPDATE SET over (row, EXCLUDED)                      (UpsertExecutor)
 *   COPY:  CopyIn chunks ─> records ─> fields ─> input functions ─> insert row by row   (CopyExecutor)
 *          query rows ─> output functions ─> formatted lines ─> CopyOut
 * </pre>
 *
 * <p>The query engine ({@link io.shaledb.sql.exec.QueryPlanner}, see
 * {@code docs/architecture/query-engine.md}) gives every relation of a FROM clause a slot range in
 * one row layout, so expressions bound once over the {@link io.shaledb.sql.exec.Namespace} are
 * valid anywhere in the join tree; conjuncts move down to the inputs that fill their slots.
 * Subqueries in expressions are {@link io.shaledb.sql.exec.Bound.Extension} nodes
 * ({@link io.shaledb.sql.exec.Correlation}) that re-open their plan per outer row when correlated
 * and cache their result otherwise, unless {@link io.shaledb.sql.exec.Decorrelator} turned a
 * WHERE {@code EXISTS}/{@code NOT EXISTS}/{@code IN} conjunct into a semi or anti join. Other statements reach the engine through
 * {@code Executor.planQuery} (a planned query to open and drain) and
 * {@code QueryPlanner.from}/{@code assemble} (a FROM clause to bind expressions over and read).
 *
 * <p>Aggregates are bound by {@link io.shaledb.sql.exec.Grouping} into the group row
 * (keys, then aggregate results) with their FILTER, DISTINCT and ORDER BY; count/sum/avg/min/max
 * live in {@link io.shaledb.sql.exec.Aggregates}, every other aggregate in the
 * {@link io.shaledb.sql.exec.AggregateFunctions} registry (where array_agg and jsonb_agg will
 * register). Window calls are collected by {@link io.shaledb.sql.exec.Windowing} and computed by
 * {@link io.shaledb.sql.exec.WindowOperator}, which appends their values to each row above
 * aggregation and HAVING.
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
 *   a op b  ──Operators.arithmetic / common──> convert operands ──> Bound.BinaryOp / Compare
 *   arrays, jsonb: ContainerExprs (ARRAY[..], a[i], x = ANY(arr), -> ->> @> ? && ||),
 *                  ContainerFunctions (polymorphic anyarray / "any" functions, asked before the registry),
 *                  ContainerTableFunctions (unnest, jsonb_each.. in FROM), ContainerAggregates (array_agg, jsonb_agg)
 * </pre>
 *
 * <p> A bound tree evaluates
 * with no lookups. Every DML statement writes each target table's rows through one
 * {@link io.shaledb.sql.exec.RowWriter}, the single place where row checks, the MVCC heap write,
 * index maintenance and statement-end work happen; a failing statement is rolled back by the
 * transaction (txn module).
 *
 * <p>DDL runs in the session's transaction through {@link io.shaledb.sql.exec.DdlExecutor}, which
 * computes new definitions and hands them to the transactional catalog; column defaults are kept
 * as SQL text and bound per statement ({@link io.shaledb.sql.exec.ColumnDefaults}), sequences'
 * per-session {@code currval}/{@code lastval} live in {@link io.shaledb.sql.exec.SessionSequences},
 * and {@link io.shaledb.sql.exec.IndexDdl} builds secondary indexes whose entries
 * {@link io.shaledb.sql.exec.IndexMaintainer} keeps in step with the rows;
 * {@link io.shaledb.sql.exec.ConcurrentIndexBuild} builds one (CREATE INDEX / REINDEX
 * CONCURRENTLY) in transactions of its own while writers run, and {@code exec.progress} shows
 * running builds in {@code pg_stat_progress_create_index} ({@link io.shaledb.sql.exec.IndexViews}
 * computes that view, {@code pg_indexes} and {@code pg_index}).
 * {@link io.shaledb.sql.exec.ViewExecutor} runs CREATE/DROP VIEW and the dependency rules views
 * put on other DDL (what a view uses is recorded while CREATE VIEW plans it, by
 * {@link io.shaledb.sql.exec.ViewDependencies}); {@link io.shaledb.sql.exec.SchemaExecutor} runs
 * CREATE/DROP/ALTER SCHEMA. User-written relation names become catalog names through
 * {@code Catalog.resolve} along the session's {@code search_path}.
 *
 * <p>{@link io.shaledb.sql.exec.SessionSettings} holds a session's run-time parameters with
 * PostgreSQL's parsing and SHOW formatting ({@link io.shaledb.sql.exec.SettingValues}: booleans,
 * enums, durations such as {@code '1.5s'} shown as {@code 1500ms}, memory sizes such as
 * {@code work_mem = '1.5MB'} shown as {@code 1536kB}, which {@code exec.spill} obeys), the transaction
 * characteristics ({@code transaction_isolation} and friends, with PostgreSQL's 25001 checks) and
 * the timeouts the transaction layer obeys. {@link io.shaledb.sql.exec.LockingAnalysis} and
 * {@link io.shaledb.sql.exec.VacuumOptions} hold the analysis-time checks of
 * {@code SELECT ... FOR UPDATE} and {@code VACUUM}, placed where PostgreSQL makes them so that a
 * statement with several mistakes reports the same one first.
 *
 * <p>{@link io.shaledb.sql.exec.CopyExecutor}, {@link io.shaledb.sql.exec.Returning} and {@link
 * io.shaledb.sql.exec.UpsertExecutor} hold COPY, RETURNING and ON CONFLICT outside the
 * {@link io.shaledb.sql.exec.Executor}, which only dispatches to them.
 *
 * <p>User-defined functions and triggers live in {@code io.shaledb.sql.plpgsql}, a layer above
 * this one that the executor knows only through the {@link io.shaledb.sql.exec.Routines} contract
 * (plugged in by {@code SqlDatabase}): the executor dispatches CREATE/DROP FUNCTION and TRIGGER to
 * it, the binder asks it about calls no built-in matches, and {@link io.shaledb.sql.exec.RowWriter}
 * fires triggers through its {@code RowTriggers}. Embedded statements reach the binder with
 * PL/pgSQL variables as {@code Expr.Param} nodes whose values {@link io.shaledb.sql.exec.QueryParams}
 * holds while the statement runs.
 *
 * <p>The extended query protocol's {@code $n} parameters are the same {@code Expr.Param} nodes:
 * {@link io.shaledb.sql.exec.Session#prepare} parses a statement once and describes it by a dry run
 * that stops at its RowDescription, learning the types of untyped parameters from the binder's
 * coercions ({@code QueryParams.inferring}); each {@code Session#execute(Prepared, ...)} binds the
 * values as constants and plans again ({@code PreparedQuery}, {@code ExtendedQueries}).
 */
package io.shaledb.sql.exec;
