/**
 * The syntax tree: immutable records under two sealed interfaces, exactly what was written.
 *
 * <pre>
 *   Statement ─┬─ CreateTable(name, columns, primaryKey)      Expr ─┬─ Literal(value)
 *              ├─ DropTable(names)                                 ├─ ColumnRef(table?, column)
 *              ├─ Insert(table, columns?, rows of Expr)            ├─ Unary / Binary(op)
 *              ├─ Select(distinctOn, items, fromList, where,      ├─ IsNull / Between / InList
 *              │         groupBy, having, orderBy, limit, offset,  ├─ Cast(expr, TypeName)
 *              │         locking: FOR UPDATE/SHARE clauses,        ├─ FunctionCall(CallClauses: ORDER BY,
 *              │         windows: WINDOW name AS (WindowSpec))     │    FILTER, OVER WindowSpec) / Case
 *              ├─ QueryStatement(Query)                            ├─ Subquery(kind, operand?, op?, Query)
 *              ├─ CreateView(name, columns, Query, sql) / DropView └─ Default
 *              ├─ Update(table, assignments, where)
 *              ├─ Delete(table, where)
 *              ├─ Vacuum(options as written, tables)
 *              ├─ Analyze(options as written, tables)
 *              ├─ SessionStatement ── SetParameter / ShowParameter / ResetParameter
 *              └─ TransactionStatement ─┬─ Begin(modes, startTransaction) / Commit(chain) / Rollback(chain)
 *                                       ├─ Savepoint / ReleaseSavepoint / RollbackToSavepoint(name)
 *                                       └─ SetTransaction(modes) / SetSessionCharacteristics(modes)
 * </pre>
 *
 * <p>Queries ({@link io.shaledb.sql.ast.Query}) nest: a {@code Select} block, {@code SetOp(kind,
 * all, left, right)}, {@code Values(rows)}, {@code Ordered(body, orderBy, limit, offset)} and
 * {@code With(recursive, ctes, body)}; a FROM list holds {@link io.shaledb.sql.ast.FromItem}s
 * ({@code Named}, {@code Derived}, {@code Function}, {@code Join(kind, left, right, on | using |
 * natural)}).
 *
 * <p>Nothing here is resolved: names are strings, types are names, literals are untyped where
 * SQL leaves them untyped (a string literal is PostgreSQL's "unknown" until context decides).
 * Every node carries {@code pos}, the 0-based offset in the query string where an error about it
 * should point. Being records, trees compare structurally; the binder uses that (with positions
 * zeroed) to match {@code GROUP BY} items and {@code ORDER BY} expressions.
 */
package io.shaledb.sql.ast;
