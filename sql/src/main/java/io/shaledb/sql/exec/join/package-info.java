/**
 * Join planning: which order a FROM clause's inner joins run in, and how each pair of inputs is
 * joined. The planner ({@code exec.JoinPlanner}) hands one group of inner-joined inputs at a time
 * to {@link io.shaledb.sql.exec.join.JoinSearch}: explicit {@code JOIN ... ON} inner joins and
 * comma-separated tables alike, with every condition of the WHERE clause and the ON clauses. An
 * outer join is a barrier, as PostgreSQL's {@code join_collapse_limit} makes it for explicit
 * joins: its two sides are planned as their own groups, and the outer join joins the group it
 * belongs to as one opaque input, in the place it is written.
 *
 * <pre>
 *   inputs (rows, cost)          conditions over 2+ inputs (selectivity; a = b: keys)
 *        \                         /
 *         JoinSearch: for every connected subset S of the inputs (≤ 8: all of them; more: greedy)
 *            best(S) = cheapest over splits S = L ∪ R, both roles, every method:
 *              HASH(L, R)            build a hash table of R, probe with L    (needs a = b keys)
 *              MERGE(L, R)           sort both on the keys, walk side by side (keys of one order)
 *              NEST_LOOP(L, R)       every pair, R materialized
 *              INDEX_NEST_LOOP(L, r) per row of L, scan base table r by an index on its key
 *         rows(S) = Π rows(input) · Π selectivity(conditions within S)   (same for every path of S)
 * </pre>
 *
 * <p><b>Estimates.</b> An input's rows and cost are its chosen access path with the filters
 * placed on it (the access-path chooser's estimates, {@code exec.access}); a subquery or function
 * counts as 1,000 rows. An equality between two inputs keeps {@code 1 / max(nd(a), nd(b))} of the
 * pairs (PostgreSQL's eqjoinsel without most-common values), nd being a column's distinct values
 * from its statistics, a one-column primary key's row count, or 200; any other condition gets the
 * selectivity defaults. {@link io.shaledb.sql.exec.join.JoinCosts} prices the methods after
 * PostgreSQL's {@code costsize.c}; an index probe costs what the access-path chooser computes for
 * the inner table's scan with the join equalities as parameters ({@code col = $outer}).
 *
 * <p><b>Subsets.</b> Only sets of inputs connected by conditions are joined (no cross product
 * while a condition can join instead); when the conditions leave the inputs in several connected
 * components, the components' best plans are joined greedily, cheapest first. Beyond
 * {@link io.shaledb.sql.exec.join.JoinSearch#DP_LIMIT} inputs the search pairs greedily: the two
 * inputs whose join costs least, again and again. {@code join_collapse_limit = 1} keeps the FROM
 * clause's order (left-deep), choosing only each join's method and which side is hashed.
 *
 * <p><b>Settings.</b> {@code enable_hashjoin}, {@code enable_mergejoin} and {@code enable_nestloop}
 * (index nested loops included) add PostgreSQL's disable cost to a method rather than forbid it
 * ({@link io.shaledb.sql.exec.join.JoinSettings}).
 *
 * <p>{@link io.shaledb.sql.exec.join.MergeJoin} is the merge join operator; hash joins and nested
 * loops are {@code exec.op.Join}, index nested loops {@code exec.IndexNestLoop}.
 */
package io.shaledb.sql.exec.join;
