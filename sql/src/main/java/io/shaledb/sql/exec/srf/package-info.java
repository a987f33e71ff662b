/**
 * Set-returning functions in the SELECT list, composite ({@code record}) values and field
 * selection: what PostgreSQL's {@code ProjectSet} node and its {@code FieldSelect} expression do.
 *
 * <p>A set-returning function called in the select list ({@code SELECT generate_series(1, 3), x})
 * is bound to an {@link io.shaledb.sql.exec.srf.SrfCall}: an expression that evaluates to "the
 * current element" of its set. {@link io.shaledb.sql.exec.srf.ProjectSet} sits directly below the
 * projection; for each input row it expands every such call of the statement (evaluating the
 * call's arguments against the row) and emits the row once per element of the longest set,
 * stepping all calls in lockstep and giving the shorter ones NULL once they run out. An input row
 * whose sets are all empty produces nothing. The projection above then evaluates its ordinary
 * expressions, with the calls inside them reading their current element:
 *
 * <pre>
 *   SELECT generate_series(1,3), unnest('{a,b}')
 *
 *   Project [g, u]                      (1, a)  (2, b)  (3, NULL)
 *     ProjectSet [g := 1..3, u := {a,b}]  row   row     row     (same input row, cursors 0,1,2)
 *       Result                            one empty input row
 * </pre>
 *
 * <p>A function returning several columns (in FROM: {@code _pg_expandarray(a) AS e(x, n)}) returns
 * a composite in the select list: a {@link io.shaledb.sql.types.RowValue} of the function's
 * {@link io.shaledb.sql.types.RowShape}. {@code (expr).field} is a
 * {@link io.shaledb.sql.exec.srf.FieldSelect}; the shape of a record column of a derived table
 * travels in its {@link io.shaledb.sql.ColumnInfo} so that {@code (sub.col).field} type-checks
 * ({@link io.shaledb.sql.exec.srf.ShapedSlot}).
 *
 * <p>Where a set-returning function is not allowed (WHERE, JOIN conditions, aggregate arguments)
 * binding fails with PostgreSQL's 0A000 "set-returning functions are not allowed in ...".
 */
package io.shaledb.sql.exec.srf;
