package io.shaledb.sql.exec.join;

import io.shaledb.sql.plan.Cost;
import io.shaledb.sql.plan.CostModel;

/**
 * The cost of joining two inputs by each method, in PostgreSQL's units and after its
 * {@code costsize.c} (simplified: a hash bucket holds 1/n_distinct of the inner rows, no MCV skew,
 * no batch page costs, no early stop of a merge join). {@code rows} is the join's estimated output, the same for every method (it
 * belongs to the set of relations joined, not to the path); {@code keys} the equalities the method
 * joins by, {@code quals} the operators of the remaining join conditions, checked on each pair the
 * keys let through.
 *
 * <pre>
 *   hash        startup  outer.startup + inner.total + (keys·op + tuple)·inner.rows   (build the inner side)
 *               run      outer.run + keys·op·outer.rows·(1 + bucket rows / 2) + (tuple + quals·op)·rows (probe)
 *   nest loop   outer.total + inner.total + materialize(inner) + (outer.rows - 1)·op·inner.rows
 *               + (tuple + (keys + quals)·op)·outer.rows·inner.rows                    (every pair)
 *   index loop  outer.total + outer.rows · probe.total + (tuple + quals·op)·rows      (one index probe per outer row)
 *   merge       sort(outer) + sort(inner) (when not already ordered)
 *               + keys·op·(outer.rows + inner.rows) + (tuple + quals·op)·rows
 * </pre>
 *
 * A method switched off by its {@code enable_*} setting costs {@link #DISABLE_COST} more, as in
 * PostgreSQL: it loses to every enabled way, yet remains possible when it is the only one.
 */
public final class JoinCosts {
    /** PostgreSQL's disable_cost. */
    public static final double DISABLE_COST = 1.0e10;

    private final CostModel model;
    private final JoinSettings settings;

    public JoinCosts(CostModel model, JoinSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    private static Cost disabled(Cost c, boolean enabled) {
        return enabled ? c : new Cost(c.startup() + DISABLE_COST, c.total() + DISABLE_COST, c.rows(), c.width());
    }

    /** {@code bucket}: the fraction of the inner rows one key value has (1 / its distinct values). */
    public Cost hash(Cost outer, Cost inner, int keys, int quals, double rows, double bucket) {
        double op = model.cpuOperatorCost();
        double tuple = model.cpuTupleCost();
        double startup = outer.startup() + inner.total() + (op * keys + tuple) * inner.rows();
        double compared = CostModel.clampRows(inner.rows() * bucket); // rows in the bucket each probe walks
        double run = outer.run() + op * keys * outer.rows() + op * keys * outer.rows() * compared * 0.5
                + (tuple + quals * op) * rows;
        return disabled(new Cost(startup, startup + run, rows, outer.width() + inner.width()), settings.hashJoin());
    }

    public Cost nestLoop(Cost outer, Cost inner, int keys, int quals, double rows) {
        double op = model.cpuOperatorCost();
        double tuple = model.cpuTupleCost();
        Cost materialized = model.materialize(inner);
        double pairs = Math.max(outer.rows(), 1) * Math.max(inner.rows(), 1);
        double startup = outer.startup() + inner.startup();
        double total = outer.total() + materialized.total() + Math.max(outer.rows() - 1, 0) * model.rescanMaterialized(inner)
                + (tuple + (keys + quals) * op) * pairs;
        return disabled(new Cost(startup, total, rows, outer.width() + inner.width()), settings.nestLoop());
    }

    /** {@code probe}: one parameterized scan of the inner table (its cost per outer row). */
    public Cost indexNestLoop(Cost outer, Cost probe, int quals, double rows) {
        double op = model.cpuOperatorCost();
        double tuple = model.cpuTupleCost();
        double loops = Math.max(outer.rows(), 1);
        double total = outer.total() + loops * probe.total() + (tuple + quals * op) * rows;
        return disabled(new Cost(outer.startup() + probe.startup(), total, rows, outer.width() + probe.width()),
                settings.nestLoop());
    }

    public Cost merge(Cost outer, Cost inner, int keys, int quals, double rows) {
        double op = model.cpuOperatorCost();
        double tuple = model.cpuTupleCost();
        Cost ls = model.sort(outer);
        Cost rs = model.sort(inner);
        double startup = ls.startup() + rs.startup();
        double run = ls.run() + rs.run() + keys * op * (outer.rows() + inner.rows()) + (tuple + quals * op) * rows;
        return disabled(new Cost(startup, startup + run, rows, outer.width() + inner.width()), settings.mergeJoin());
    }
}
